/**
 * VoteStore cases: the compare-and-set swap that moves a vote, the comment's
 * counts and score and the author's karma together.
 */
import { expect } from "@effect/vitest"
import { Effect } from "effect"
import type { Comment } from "../../domain/Comment.js"
import type { VoteState } from "../../domain/Vote.js"
import type { CommenterId } from "../../Ids.js"
import { VoteStore, type VoteSwap } from "../../ports/VoteStore.js"
import { given, type Group, must } from "./case.js"
import * as Seed from "./seed.js"

const worth = (v: VoteState) => (v === "up" ? 1 : v === "down" ? -1 : 0)
const count = (v: VoteState, direction: "up" | "down") => (v === direction ? 1 : 0)

/** The swap core would write to move `voter`'s vote on `comment` from `expected` to `next`. */
const swapOf = (
  comment: Comment,
  voterId: CommenterId,
  expected: VoteState,
  next: VoteState,
): VoteSwap => ({
  siteId: comment.siteId,
  commentId: comment.id,
  voterId,
  authorId: comment.authorId,
  expected,
  next,
  upDelta: count(next, "up") - count(expected, "up"),
  downDelta: count(next, "down") - count(expected, "down"),
  karmaDelta: worth(next) - worth(expected),
  at: comment.createdAt + 1,
})

/** The comment's counts and its author's karma, as stored now. */
const tally = (comment: Comment) =>
  Effect.gen(function* () {
    const c = yield* Seed.commentNow(comment.siteId, comment.id)
    const author = yield* Seed.commenterNow(comment.siteId, comment.authorId)
    return { upvotes: c.upvotes, downvotes: c.downvotes, score: c.score, karma: author.karma }
  })

const votingWorld = Effect.gen(function* () {
  const { site, thread, author } = yield* Seed.world
  const comment = yield* Seed.comment(thread, author.id)
  const voter = yield* Seed.commenter(site.id)
  return { site, thread, author, comment, voter: voter.id }
})

/** VoteStore: one swap moves everything. */
export const votes: Group = {
  name: "VoteStore",
  cases: [
    must(
      "VoteStore.get – should return null when the voter has not voted",
      Effect.gen(function* () {
        const store = yield* VoteStore
        const { site, comment, voter } = yield* votingWorld
        expect(yield* store.get(site.id, comment.id, voter)).toBeNull()
      }),
    ),
    must(
      "VoteStore.swap – should add a first vote and move counts, score and karma with it",
      Effect.gen(function* () {
        const store = yield* VoteStore
        const { site, comment, voter } = yield* votingWorld
        const result = yield* store.swap(swapOf(comment, voter, null, "up"))
        expect(result).toEqual({ _tag: "Swapped", upvotes: 1, downvotes: 0 })
        expect(yield* store.get(site.id, comment.id, voter)).toBe("up")
        expect(yield* tally(comment)).toEqual({ upvotes: 1, downvotes: 0, score: 1, karma: 1 })
      }),
    ),
    must(
      "VoteStore.swap – should move an up vote to down in one step",
      Effect.gen(function* () {
        const store = yield* VoteStore
        const { site, comment, voter } = yield* votingWorld
        yield* store.swap(swapOf(comment, voter, null, "up"))
        const result = yield* store.swap(swapOf(comment, voter, "up", "down"))
        expect(result).toEqual({ _tag: "Swapped", upvotes: 0, downvotes: 1 })
        expect(yield* store.get(site.id, comment.id, voter)).toBe("down")
        expect(yield* tally(comment)).toEqual({ upvotes: 0, downvotes: 1, score: -1, karma: -1 })
      }),
    ),
    must(
      "VoteStore.swap – should remove the vote when next is null",
      Effect.gen(function* () {
        const store = yield* VoteStore
        const { site, comment, voter } = yield* votingWorld
        yield* store.swap(swapOf(comment, voter, null, "down"))
        const result = yield* store.swap(swapOf(comment, voter, "down", null))
        expect(result).toEqual({ _tag: "Swapped", upvotes: 0, downvotes: 0 })
        expect(yield* store.get(site.id, comment.id, voter)).toBeNull()
        expect((yield* store.forVoter(site.id, voter, [comment.id])).size).toBe(0)
        expect(yield* tally(comment)).toEqual({ upvotes: 0, downvotes: 0, score: 0, karma: 0 })
      }),
    ),
    must(
      "VoteStore.swap – should return Stale with the current vote when expected differs, and change nothing",
      Effect.gen(function* () {
        const store = yield* VoteStore
        const { site, comment, voter } = yield* votingWorld
        const other = (yield* Seed.commenter(site.id)).id
        expect(yield* store.swap(swapOf(comment, other, "down", "up"))).toEqual({
          _tag: "Stale",
          current: null,
        })
        expect(yield* store.get(site.id, comment.id, other)).toBeNull()
        yield* store.swap(swapOf(comment, voter, null, "up"))
        const before = yield* tally(comment)
        expect(yield* store.swap(swapOf(comment, voter, null, "down"))).toEqual({
          _tag: "Stale",
          current: "up",
        })
        expect(yield* store.swap(swapOf(comment, voter, "down", null))).toEqual({
          _tag: "Stale",
          current: "up",
        })
        expect(yield* store.get(site.id, comment.id, voter)).toBe("up")
        expect(yield* tally(comment)).toEqual(before)
        expect(before).toEqual({ upvotes: 1, downvotes: 0, score: 1, karma: 1 })
      }),
    ),
    must(
      "VoteStore.swap – should keep counts, score and karma in step across voters and comments",
      Effect.gen(function* () {
        const store = yield* VoteStore
        const { site, thread, author, comment } = yield* votingWorld
        const second = yield* Seed.comment(thread, author.id)
        const voters = yield* Seed.times(4, () => Seed.commenter(site.id))
        for (const v of voters) yield* store.swap(swapOf(comment, v.id, null, "up"))
        yield* store.swap(swapOf(second, voters[0]!.id, null, "down"))
        yield* store.swap(swapOf(second, voters[1]!.id, null, "down"))
        yield* store.swap(swapOf(comment, voters[2]!.id, "up", "down"))
        yield* store.swap(swapOf(comment, voters[3]!.id, "up", null))
        const first = yield* tally(comment)
        const other = yield* tally(second)
        expect([first.upvotes, first.downvotes, first.score]).toEqual([2, 1, 1])
        expect([other.upvotes, other.downvotes, other.score]).toEqual([0, 2, -2])
        expect(first.karma).toBe(-1)
        expect((yield* Seed.commenterNow(site.id, voters[0]!.id)).karma).toBe(0)
      }),
    ),
    must(
      "VoteStore.forVoter – should return the voter's votes among the given comments only",
      Effect.gen(function* () {
        const store = yield* VoteStore
        const { site, thread, author, comment, voter } = yield* votingWorld
        const down = yield* Seed.comment(thread, author.id)
        const unvoted = yield* Seed.comment(thread, author.id)
        const notAsked = yield* Seed.comment(thread, author.id)
        const other = (yield* Seed.commenter(site.id)).id
        yield* store.swap(swapOf(comment, voter, null, "up"))
        yield* store.swap(swapOf(down, voter, null, "down"))
        yield* store.swap(swapOf(notAsked, voter, null, "up"))
        yield* store.swap(swapOf(unvoted, other, null, "up"))
        const mine = yield* store.forVoter(site.id, voter, [comment.id, down.id, unvoted.id])
        expect(new Map(mine)).toEqual(
          new Map([
            [comment.id, "up"],
            [down.id, "down"],
          ]),
        )
        expect((yield* store.forVoter(site.id, voter, [])).size).toBe(0)
      }),
    ),
    given(
      "races",
      "VoteStore.swap – should leave exact counts and karma after 200 concurrent swaps by distinct voters",
      Effect.gen(function* () {
        const store = yield* VoteStore
        const { site, comment } = yield* votingWorld
        const voters = yield* Effect.all(
          Array.from({ length: 200 }, () => Seed.commenter(site.id)),
          { concurrency: 16 },
        )
        const direction = (i: number) => (i % 3 === 0 ? "down" : "up")
        const results = yield* Effect.all(
          voters.map((v, i) => store.swap(swapOf(comment, v.id, null, direction(i)))),
          { concurrency: "unbounded" },
        )
        expect(results.every((r) => r._tag === "Swapped")).toBe(true)
        const downs = voters.filter((_, i) => direction(i) === "down").length
        const ups = voters.length - downs
        expect(yield* tally(comment)).toEqual({
          upvotes: ups,
          downvotes: downs,
          score: ups - downs,
          karma: ups - downs,
        })
      }),
    ),
    given(
      "races",
      "VoteStore.swap – should let exactly one of two concurrent swaps with the same expected vote win",
      Effect.gen(function* () {
        const store = yield* VoteStore
        const { site, thread, author, voter } = yield* votingWorld
        let karma = 0
        for (let round = 0; round < 10; round++) {
          const comment = yield* Seed.comment(thread, author.id)
          const [a, b] = yield* Effect.all(
            [
              store.swap(swapOf(comment, voter, null, "up")),
              store.swap(swapOf(comment, voter, null, "down")),
            ],
            { concurrency: "unbounded" },
          )
          expect([a._tag, b._tag].sort()).toEqual(["Stale", "Swapped"])
          const winner = a._tag === "Swapped" ? "up" : "down"
          expect(a._tag === "Swapped" ? b : a).toEqual({ _tag: "Stale", current: winner })
          expect(yield* store.get(site.id, comment.id, voter)).toBe(winner)
          const now = yield* Seed.commentNow(site.id, comment.id)
          expect([now.upvotes, now.downvotes]).toEqual(winner === "up" ? [1, 0] : [0, 1])
          karma += worth(winner)
        }
        expect((yield* Seed.commenterNow(site.id, author.id)).karma).toBe(karma)
      }),
    ),
  ],
}
