/**
 * A comment, with what readers see (html) and what the author wrote (body).
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { CommenterId, CommentId, SiteId, ThreadId } from "../Ids.js"

/** @since 0.1.0 @category models */
export const CommentStatus = Schema.Literal("pending", "approved", "rejected", "spam", "deleted")
/** @since 0.1.0 @category models */
export type CommentStatus = typeof CommentStatus.Type

/** @since 0.1.0 @category models */
export const Comment = Schema.Struct({
  id: CommentId,
  siteId: SiteId,
  threadId: ThreadId,
  parentId: Schema.NullOr(CommentId),
  depth: Schema.Int,
  authorId: CommenterId,
  /** Markdown as written. Empty once deleted. */
  body: Schema.String,
  /** Rendered and sanitized on write. */
  html: Schema.String,
  status: CommentStatus,
  /** Posted by a shadow-banned commenter: only the author and moderators see it. */
  shadowed: Schema.Boolean,
  /**
   * Whether anybody may see it in a listing: approved and not shadowed, or a
   * deleted comment that keeps its place as a tombstone because it has replies.
   * Core computes it on every change; stores index by it.
   */
  visible: Schema.Boolean,
  upvotes: Schema.Int,
  downvotes: Schema.Int,
  /** upvotes − downvotes: the `top` sort key. */
  score: Schema.Int,
  /** Reddit-style hot rank: fixed at write time, newer comments start higher. */
  hot: Schema.Number,
  /** Wilson score lower bound (95%): the `best` sort key. */
  best: Schema.Number,
  /** Visible direct replies. Kept exact by the store. */
  replyCount: Schema.Int,
  /** Open reports. */
  reportCount: Schema.Int,
  /** Bumped on every change; stores compare it to refuse lost updates. */
  version: Schema.Int,
  createdAt: Schema.Number,
  editedAt: Schema.NullOr(Schema.Number),
  updatedAt: Schema.Number,
})
/** @since 0.1.0 @category models */
export type Comment = typeof Comment.Type
