/**
 * How a comment write moves the memory store's indexes and counters: shared by the
 * comment, vote and moderation stores so every path keeps them the same way.
 *
 * @since 0.1.0
 */
import type { Comment } from "../domain/Comment.js"
import type { CommentId, ThreadId } from "../Ids.js"
import type { CounterDeltas } from "../ports/CommentStore.js"
import { RankIndex } from "./RankIndex.js"
import { SortedIds } from "./SortedIds.js"
import { type Children, getOrCreate, patched, type SiteData } from "./State.js"

/** The children-index key of a parent (`""` for the top level). @since 0.1.0 @category utils */
export const parentKey = (parentId: CommentId | null): string => parentId ?? ""

/** The indexes of a parent's direct replies in a thread; undefined when it has none. @since 0.1.0 @category getters */
export const childrenOf = (
  data: SiteData,
  threadId: ThreadId,
  parentId: CommentId | null,
): Children | undefined => data.children.get(threadId)?.get(parentKey(parentId))

const newChildren = (): Children => ({
  ids: new SortedIds(),
  top: new RankIndex(),
  hot: new RankIndex(),
  best: new RankIndex(),
})

const isReported = (c: Comment): boolean => c.status === "approved" && c.reportCount > 0

/**
 * Files a new comment in every index. The caller has checked that the id is new.
 *
 * @since 0.1.0
 * @category mutations
 */
export const add = (data: SiteData, comment: Comment): void => {
  data.comments.set(comment.id, comment)
  data.commentIds.add(comment.id)
  const byParent = getOrCreate(data.children, comment.threadId, () => new Map<string, Children>())
  const children = getOrCreate(byParent, parentKey(comment.parentId), newChildren)
  children.ids.add(comment.id)
  children.top.add(comment.score, comment.id)
  children.hot.add(comment.hot, comment.id)
  children.best.add(comment.best, comment.id)
  getOrCreate(data.byAuthor, comment.authorId, () => new SortedIds<CommentId>()).add(comment.id)
  getOrCreate(data.byStatus, comment.status, () => new SortedIds<CommentId>()).add(comment.id)
  if (isReported(comment)) data.reported.add(comment.id)
}

/**
 * Stores `next` in place of `prev` (same id, thread, parent and author) and moves
 * it in the rank, status and reported indexes when those keys changed.
 *
 * @since 0.1.0
 * @category mutations
 */
export const replace = (data: SiteData, prev: Comment, next: Comment): void => {
  data.comments.set(next.id, next)
  if (prev.score !== next.score || prev.hot !== next.hot || prev.best !== next.best) {
    const children = childrenOf(data, next.threadId, next.parentId)
    children?.top.move(prev.score, next.score, next.id)
    children?.hot.move(prev.hot, next.hot, next.id)
    children?.best.move(prev.best, next.best, next.id)
  }
  if (prev.status !== next.status) {
    data.byStatus.get(prev.status)?.delete(prev.id)
    getOrCreate(data.byStatus, next.status, () => new SortedIds<CommentId>()).add(next.id)
  }
  const was = isReported(prev)
  const is = isReported(next)
  if (was && !is) data.reported.delete(next.id)
  else if (is && !was) data.reported.add(next.id)
}

/**
 * Adds the deltas to the thread's `commentCount` and the parent's `replyCount`.
 * A thread or parent the store does not hold is skipped (there are no foreign
 * keys in memory). Counters do not bump the parent's `version`: no patch writes
 * them, so no update can be lost.
 *
 * @since 0.1.0
 * @category mutations
 */
export const applyDeltas = (data: SiteData, comment: Comment, deltas: CounterDeltas): void => {
  if (deltas.threadComments !== 0) {
    const thread = data.threads.get(comment.threadId)
    if (thread !== undefined) {
      data.threads.set(
        thread.id,
        patched(thread, { commentCount: thread.commentCount + deltas.threadComments }),
      )
    }
  }
  if (deltas.parentReplies !== 0 && comment.parentId !== null) {
    const parent = data.comments.get(comment.parentId)
    if (parent !== undefined) {
      replace(
        data,
        parent,
        patched(parent, { replyCount: parent.replyCount + deltas.parentReplies }),
      )
    }
  }
}
