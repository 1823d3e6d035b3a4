/**
 * VoteStore in memory: the vote, the comment's counts and score, and the author's
 * karma move in one step, and only if the vote is still what core saw.
 *
 * @since 0.1.0
 */
import { Effect } from "effect"
import { StoreError } from "../Errors.js"
import type { CommentId } from "../Ids.js"
import type { VoteStoreShape, VoteSwapResult } from "../ports/VoteStore.js"
import * as CommentIndex from "./CommentIndex.js"
import { getOrCreate, patched, peek, type State, type VoteRecord } from "./State.js"

/**
 * The memory VoteStore over shared state.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (state: State): VoteStoreShape => ({
  get: (siteId, commentId, voterId) =>
    Effect.sync(() => peek(state, siteId)?.votes.get(commentId)?.get(voterId)?.direction ?? null),

  swap: (swap) =>
    Effect.suspend(() => {
      const data = peek(state, swap.siteId)
      const comment = data?.comments.get(swap.commentId)
      if (data === undefined || comment === undefined) {
        return Effect.fail(
          new StoreError({
            reason: "Conflict",
            message: `cannot vote on comment ${swap.commentId}: the site has no such comment`,
          }),
        )
      }
      const votes = data.votes.get(swap.commentId)
      const current = votes?.get(swap.voterId)?.direction ?? null
      if (current !== swap.expected) {
        return Effect.succeed<VoteSwapResult>({ _tag: "Stale", current })
      }
      if (swap.next === null) {
        votes?.delete(swap.voterId)
        if (votes !== undefined && votes.size === 0) data.votes.delete(swap.commentId)
      } else {
        getOrCreate(
          data.votes,
          swap.commentId,
          () => new Map<typeof swap.voterId, VoteRecord>(),
        ).set(swap.voterId, { direction: swap.next, at: swap.at })
      }
      const upvotes = comment.upvotes + swap.upDelta
      const downvotes = comment.downvotes + swap.downDelta
      CommentIndex.replace(
        data,
        comment,
        patched(comment, { upvotes, downvotes, score: upvotes - downvotes }),
      )
      if (swap.karmaDelta !== 0) {
        const author = data.commenters.get(swap.authorId)
        if (author !== undefined) {
          data.commenters.set(author.id, patched(author, { karma: author.karma + swap.karmaDelta }))
        }
      }
      return Effect.succeed<VoteSwapResult>({ _tag: "Swapped", upvotes, downvotes })
    }),

  forVoter: (siteId, voterId, commentIds) =>
    Effect.sync(() => {
      const out = new Map<CommentId, "up" | "down">()
      const data = peek(state, siteId)
      if (data === undefined) return out
      for (const id of commentIds) {
        const vote = data.votes.get(id)?.get(voterId)
        if (vote !== undefined) out.set(id, vote.direction)
      }
      return out
    }),

  listByComment: (siteId, commentId) =>
    Effect.sync(() =>
      Array.from(peek(state, siteId)?.votes.get(commentId) ?? [], ([voterId, vote]) => ({
        voterId,
        direction: vote.direction,
        at: vote.at,
      })),
    ),
})
