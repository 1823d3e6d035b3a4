/**
 * What moderators' lists show beside each comment: its author and the thread
 * it is on (key, title, url), read in one batch per list; and a commenter's
 * standing (role and the ban in force) above their history.
 *
 * @since 0.1.0
 */
import { Clock, Effect, Option } from "effect"
import { isActive } from "../domain/Ban.js"
import type { Comment } from "../domain/Comment.js"
import { type PublicCommenter, toPublic } from "../domain/Commenter.js"
import type { Forbidden, StoreError, Unauthorized } from "../Errors.js"
import type { CommenterId, CommentId, ThreadId } from "../Ids.js"
import { CommenterStore } from "../ports/CommenterStore.js"
import { CommentStore } from "../ports/CommentStore.js"
import { ModerationStore } from "../ports/ModerationStore.js"
import { ThreadStore } from "../ports/ThreadStore.js"
import { type Actor, commenterOf } from "./Actor.js"
import { authorize, can } from "./Permissions.js"
import { type CommentView, commentView, type ThreadRef } from "./Views.js"

/**
 * Views of comments for a moderator's list, each with its author and its
 * thread. Threads are read once each, however many comments share them.
 *
 * @since 0.1.0
 * @category constructors
 */
export const moderatorViews = (
  actor: Actor,
  rows: ReadonlyArray<Comment>,
): Effect.Effect<ReadonlyArray<CommentView>, StoreError, CommenterStore | ThreadStore> =>
  Effect.gen(function* () {
    const authors = new Map(
      (yield* (yield* CommenterStore).getMany(actor.siteId, [
        ...new Set(rows.map((c) => c.authorId)),
      ])).map((a) => [a.id, a]),
    )
    const threadStore = yield* ThreadStore
    const threads = new Map<ThreadId, ThreadRef>()
    yield* Effect.forEach(
      [...new Set(rows.map((c) => c.threadId))],
      (id) =>
        Effect.map(threadStore.get(actor.siteId, id), (found) => {
          if (Option.isSome(found)) {
            const { key, title, url } = found.value
            threads.set(id, { key, title, url })
          }
        }),
      { concurrency: 8, discard: true },
    )
    const viewer = { commenterId: commenterOf(actor), moderator: true }
    return rows.map((c) => {
      const view = commentView(c, authors.get(c.authorId), viewer)
      const thread = threads.get(c.threadId)
      return thread === undefined ? view : { ...view, thread }
    })
  })

/**
 * A ban as a commenter's history shows it: `until` is null while it lasts
 * until lifted.
 *
 * @since 0.1.0
 * @category models
 */
export interface CurrentBan {
  readonly kind: "normal" | "shadow"
  readonly until: number | null
  /** Only moderators see the reason; the commenter sees null. */
  readonly reason: string | null
}

/**
 * A commenter's history with their standing: who they are (with their role,
 * null for an id the site does not know), the ban in force (null when none),
 * and their comments, newest first.
 *
 * @since 0.1.0
 * @category models
 */
export interface CommenterHistory {
  readonly commenter: PublicCommenter | null
  readonly ban: CurrentBan | null
  readonly comments: ReadonlyArray<CommentView>
}

/**
 * A commenter's comments on the site, newest first (moderators, or the
 * commenter themself); `Moderation.history`.
 *
 * @since 0.1.0
 * @category queries
 */
export const authorComments = (
  actor: Actor,
  commenterId: CommenterId,
  options: { readonly before?: CommentId | null; readonly limit?: number } = {},
): Effect.Effect<
  ReadonlyArray<CommentView>,
  Forbidden | Unauthorized | StoreError,
  CommentStore | CommenterStore | ThreadStore
> =>
  Effect.gen(function* () {
    yield* authorize(actor, "commenter.history", commenterId)
    const limit = Math.min(Math.max(options.limit ?? 50, 1), 200)
    const rows = yield* (yield* CommentStore).listByAuthor(
      actor.siteId,
      commenterId,
      options.before ?? null,
      limit,
    )
    return yield* moderatorViews(
      actor,
      rows.filter((c) => c.status !== "deleted" || c.visible),
    )
  })

/**
 * A commenter's comments on the site, newest first, with their role and the
 * ban in force (moderators, or the commenter themself), so a moderator sees
 * at once whether they are banned and until when.
 *
 * @since 0.1.0
 * @category queries
 * @example
 * import { ModerationViews } from "@kommies/core"
 *
 * const { commenter, ban, comments } = yield* ModerationViews.history(actor, commenterId)
 */
export const history = (
  actor: Actor,
  commenterId: CommenterId,
  options: { readonly before?: CommentId | null; readonly limit?: number } = {},
): Effect.Effect<
  CommenterHistory,
  Forbidden | Unauthorized | StoreError,
  CommentStore | CommenterStore | ThreadStore | ModerationStore
> =>
  Effect.gen(function* () {
    const comments = yield* authorComments(actor, commenterId, options)
    const [found] = yield* (yield* CommenterStore).getMany(actor.siteId, [commenterId])
    const now = yield* Clock.currentTimeMillis
    const ban = Option.getOrNull(
      Option.filter(yield* (yield* ModerationStore).getBan(actor.siteId, commenterId), (b) =>
        isActive(b, now),
      ),
    )
    return {
      commenter: found === undefined ? null : toPublic(found),
      ban:
        ban === null
          ? null
          : {
              kind: ban.kind,
              until: ban.expiresAt,
              reason: can(actor, "commenter.ban") ? ban.reason : null,
            },
      comments,
    }
  })
