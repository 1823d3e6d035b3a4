/**
 * Who sees a comment: the rules, in one place. Stores only index the result.
 *
 * @since 0.1.0
 */
import type { Comment, CommentStatus } from "../domain/Comment.js"
import type { CounterDeltas } from "../ports/CommentStore.js"
import { type Actor, commenterOf } from "./Actor.js"
import { can } from "./Permissions.js"

/**
 * Whether a comment is listed for everybody: approved and not shadowed; or
 * deleted but kept as a tombstone because it had visible replies.
 *
 * @since 0.1.0
 * @category rules
 */
export const isVisible = (state: {
  readonly status: CommentStatus
  readonly shadowed: boolean
  readonly tombstone: boolean
}): boolean =>
  (state.status === "approved" && !state.shadowed) ||
  (state.status === "deleted" && state.tombstone)

/**
 * Whether a comment counts in its thread's `commentCount`: visible and not deleted.
 *
 * @since 0.1.0
 * @category rules
 */
export const counts = (c: Pick<Comment, "status" | "visible">): boolean =>
  c.visible && c.status !== "deleted"

/**
 * Counter deltas for a change from `before` (null: a new comment) to `after`.
 * The thread counts live, non-deleted comments; a parent counts its visible
 * replies, tombstones included (they still hold their own replies).
 *
 * @since 0.1.0
 * @category rules
 */
export const deltas = (
  before: Pick<Comment, "status" | "visible"> | null,
  after: Pick<Comment, "status" | "visible">,
): CounterDeltas => ({
  threadComments: (counts(after) ? 1 : 0) - (before !== null && counts(before) ? 1 : 0),
  parentReplies: (after.visible ? 1 : 0) - (before?.visible ? 1 : 0),
})

/**
 * Whether `actor` may see `comment`: everybody sees visible ones; the author
 * sees their own (pending, shadowed, rejected) unless deleted; moderators see
 * everything that is not deleted-and-gone.
 *
 * @since 0.1.0
 * @category rules
 */
export const canSee = (actor: Actor, comment: Comment): boolean => {
  if (comment.siteId !== actor.siteId) return false
  if (comment.visible) return true
  if (comment.status === "deleted") return can(actor, "comment.moderate")
  if (commenterOf(actor) === comment.authorId) return true
  return can(actor, "comment.viewHidden")
}
