/**
 * What callers get back: comments as a reader may see them, never the raw record.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { type Comment, CommentStatus } from "../domain/Comment.js"
import { type Commenter, PublicCommenter, toPublic } from "../domain/Commenter.js"
import { VoteDirection } from "../domain/Vote.js"
import { CommenterId, CommentId, ThreadId } from "../Ids.js"

/**
 * The thread a comment is on, as moderators' lists show it: where to find
 * the comment on the site.
 *
 * @since 0.1.0
 * @category models
 */
export const ThreadRef = Schema.Struct({
  key: Schema.String,
  title: Schema.NullOr(Schema.String),
  url: Schema.NullOr(Schema.String),
})
/** @since 0.1.0 @category models */
export type ThreadRef = typeof ThreadRef.Type

/**
 * A comment as one viewer sees it. `body` (the Markdown) is present only for
 * its author, who may edit it; a deleted comment shows neither body nor html
 * nor author.
 *
 * @since 0.1.0
 * @category models
 */
export const CommentView = Schema.Struct({
  id: CommentId,
  threadId: ThreadId,
  parentId: Schema.NullOr(CommentId),
  depth: Schema.Int,
  author: Schema.NullOr(PublicCommenter),
  authorId: Schema.NullOr(CommenterId),
  html: Schema.String,
  body: Schema.optional(Schema.String),
  status: CommentStatus,
  /** Only the author and moderators see this flag; for others it is false. */
  shadowed: Schema.Boolean,
  upvotes: Schema.Int,
  downvotes: Schema.Int,
  score: Schema.Int,
  replyCount: Schema.Int,
  /** Only moderators see reports; for others 0. */
  reportCount: Schema.Int,
  myVote: Schema.NullOr(VoteDirection),
  createdAt: Schema.Number,
  editedAt: Schema.NullOr(Schema.Number),
  /** In moderators' lists (queue, search, history): the comment's thread. */
  thread: Schema.optional(ThreadRef),
})
/** @since 0.1.0 @category models */
export type CommentView = typeof CommentView.Type

/**
 * Projects a comment for a viewer.
 *
 * @since 0.1.0
 * @category constructors
 */
export const commentView = (
  comment: Comment,
  author: Commenter | undefined,
  viewer: { readonly commenterId: string | null; readonly moderator: boolean },
  myVote: "up" | "down" | null = null,
): CommentView => {
  const deleted = comment.status === "deleted"
  const isAuthor = viewer.commenterId !== null && viewer.commenterId === comment.authorId
  return {
    id: comment.id,
    threadId: comment.threadId,
    parentId: comment.parentId,
    depth: comment.depth,
    author: deleted || author === undefined ? null : toPublic(author),
    authorId: deleted ? null : comment.authorId,
    html: deleted ? "" : comment.html,
    ...(isAuthor && !deleted ? { body: comment.body } : {}),
    status: comment.status,
    shadowed: isAuthor || viewer.moderator ? comment.shadowed : false,
    upvotes: comment.upvotes,
    downvotes: comment.downvotes,
    score: comment.score,
    replyCount: comment.replyCount,
    reportCount: viewer.moderator ? comment.reportCount : 0,
    myVote,
    createdAt: comment.createdAt,
    editedAt: comment.editedAt,
  }
}

/**
 * The view of a comment carried by events: what anybody may see (no body,
 * no report count), plus whether it is visible so realtime can filter.
 *
 * @since 0.1.0
 * @category constructors
 */
export const eventData = (
  comment: Comment,
  author: Commenter | undefined,
): Record<string, unknown> => ({
  comment: commentView(comment, author, { commenterId: null, moderator: false }),
  visible: comment.visible,
  authorId: comment.authorId,
})
