/**
 * Votes: up, down, again to take it back, the other way to switch. Exact under
 * any concurrency: the vote, the comment's counts and the author's karma move
 * in one compare-and-set store write, retried when another vote got there first.
 *
 * @since 0.1.0
 */
import { Clock, Effect } from "effect"
import type { VoteDirection, VoteState } from "../domain/Vote.js"
import {
  Conflict,
  Forbidden,
  type NotFound,
  type StoreError,
  type Unauthorized,
} from "../Errors.js"
import type { CommentId } from "../Ids.js"
import { CommentStore } from "../ports/CommentStore.js"
import type { EventBus } from "../ports/EventBus.js"
import type { EventLog } from "../ports/EventLog.js"
import { VoteStore } from "../ports/VoteStore.js"
import { type Actor, commenterOf } from "./Actor.js"
import { load } from "./Comments.js"
import { emit } from "./Events.js"
import { authorize } from "./Permissions.js"
import * as Ranking from "./Ranking.js"

/**
 * The vote after pressing `direction` when the current vote is `current`:
 * the same again clears it, the other way switches.
 *
 * @since 0.1.0
 * @category rules
 */
export const next = (current: VoteState, direction: VoteDirection): VoteState =>
  current === direction ? null : direction

const weight = (state: VoteState) => (state === "up" ? 1 : state === "down" ? -1 : 0)

/**
 * How a change of vote moves the counters.
 *
 * @since 0.1.0
 * @category rules
 */
export const deltas = (from: VoteState, to: VoteState) => ({
  upDelta: (to === "up" ? 1 : 0) - (from === "up" ? 1 : 0),
  downDelta: (to === "down" ? 1 : 0) - (from === "down" ? 1 : 0),
  karmaDelta: weight(to) - weight(from),
})

/** The result of a vote. @since 0.1.0 @category models */
export interface VoteResult {
  readonly commentId: CommentId
  readonly myVote: VoteState
  readonly upvotes: number
  readonly downvotes: number
  readonly score: number
}

/**
 * Presses up or down on a comment. Nobody votes on their own comments, and
 * only on approved, visible ones.
 *
 * @since 0.1.0
 * @category commands
 * @example
 * yield* Votes.vote(actor, commentId, "up") // again to take it back
 */
export const vote = (
  actor: Actor,
  commentId: CommentId,
  direction: VoteDirection,
): Effect.Effect<
  VoteResult,
  NotFound | Forbidden | Unauthorized | Conflict | StoreError,
  CommentStore | VoteStore | EventLog | EventBus
> =>
  Effect.gen(function* () {
    yield* authorize(actor, "comment.vote")
    const voterId = commenterOf(actor)
    if (voterId === null)
      return yield* new Forbidden({ code: "commenter_required", message: "Sign in to vote" })
    const comment = yield* load(actor, commentId)
    if (comment.status !== "approved" || !comment.visible)
      return yield* new Conflict({
        code: "not_votable",
        message: "Only published comments take votes",
      })
    if (comment.authorId === voterId)
      return yield* new Forbidden({
        code: "vote_own",
        message: "You cannot vote on your own comment",
      })
    const votes = yield* VoteStore
    let expected = yield* votes.get(actor.siteId, commentId, voterId)
    for (let attempt = 0; attempt < 16; attempt++) {
      const to = next(expected, direction)
      const result = yield* votes.swap({
        siteId: actor.siteId,
        commentId,
        voterId,
        authorId: comment.authorId,
        expected,
        next: to,
        ...deltas(expected, to),
        at: yield* Clock.currentTimeMillis,
      })
      if (result._tag === "Stale") {
        expected = result.current
        continue
      }
      const ranks = Ranking.ranks(result.upvotes, result.downvotes, comment.createdAt)
      yield* (yield* CommentStore).setRanks(
        actor.siteId,
        commentId,
        { upvotes: result.upvotes, downvotes: result.downvotes },
        { hot: ranks.hot, best: ranks.best },
      )
      const outcome: VoteResult = {
        commentId,
        myVote: to,
        upvotes: result.upvotes,
        downvotes: result.downvotes,
        score: ranks.score,
      }
      yield* emit(actor.siteId, comment.threadId, "vote.changed", {
        commentId,
        upvotes: result.upvotes,
        downvotes: result.downvotes,
        score: ranks.score,
      })
      return outcome
    }
    return yield* new Conflict({ code: "vote_busy", message: "Too many votes at once; try again" })
  })
