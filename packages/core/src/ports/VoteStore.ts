/**
 * Port: votes. One compare-and-set write moves the vote, the comment's counts
 * and the author's karma together, so scores never drift under concurrency.
 *
 * @since 0.1.0
 */
import { Context, type Effect } from "effect"
import type { VoteState } from "../domain/Vote.js"
import type { StoreError } from "../Errors.js"
import type { CommenterId, CommentId, SiteId } from "../Ids.js"

/** A vote change decided by core. @since 0.1.0 @category models */
export interface VoteSwap {
  readonly siteId: SiteId
  readonly commentId: CommentId
  readonly voterId: CommenterId
  readonly authorId: CommenterId
  /** The vote core saw; the swap happens only if it is still this. */
  readonly expected: VoteState
  readonly next: VoteState
  readonly upDelta: number
  readonly downDelta: number
  readonly karmaDelta: number
  readonly at: number
}

/** @since 0.1.0 @category models */
export type VoteSwapResult =
  | { readonly _tag: "Swapped"; readonly upvotes: number; readonly downvotes: number }
  | { readonly _tag: "Stale"; readonly current: VoteState }

/** One stored vote, as exports read it. @since 0.1.0 @category models */
export interface StoredVote {
  readonly voterId: CommenterId
  readonly direction: "up" | "down"
  /** When it was cast; null when the store does not keep it. */
  readonly at: number | null
}

/** @since 0.1.0 @category ports */
export interface VoteStoreShape {
  readonly get: (
    siteId: SiteId,
    commentId: CommentId,
    voterId: CommenterId,
  ) => Effect.Effect<VoteState, StoreError>
  /**
   * If the voter's vote is `expected`: sets it to `next` (null removes it),
   * adds the deltas to the comment's upvotes/downvotes (and score) and to the
   * author's karma, and returns the new counts. Otherwise returns Stale.
   */
  readonly swap: (swap: VoteSwap) => Effect.Effect<VoteSwapResult, StoreError>
  /** The voter's votes among these comments (for showing their own votes). */
  readonly forVoter: (
    siteId: SiteId,
    voterId: CommenterId,
    commentIds: ReadonlyArray<CommentId>,
  ) => Effect.Effect<ReadonlyMap<CommentId, "up" | "down">, StoreError>
  /** Every vote on one comment, in no particular order: for exports. */
  readonly listByComment: (
    siteId: SiteId,
    commentId: CommentId,
  ) => Effect.Effect<ReadonlyArray<StoredVote>, StoreError>
}

/** @since 0.1.0 @category ports */
export class VoteStore extends Context.Tag("@kommies/core/VoteStore")<
  VoteStore,
  VoteStoreShape
>() {}
