import { describe, expect, it } from "@effect/vitest"
import { Effect, Option, TestClock } from "effect"
import { CommenterStore } from "../src/ports/CommenterStore.js"
import { CommentStore } from "../src/ports/CommentStore.js"
import type { CommentId } from "../src/Ids.js"
import * as Actor from "../src/services/Actor.js"
import * as Comments from "../src/services/Comments.js"
import * as Listing from "../src/services/Listing.js"
import * as Ranking from "../src/services/Ranking.js"
import * as Votes from "../src/services/Votes.js"
import { commenter, site, TestKommies } from "./support/kommies.js"

const withKommies = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.provide(effect, TestKommies()) as Effect.Effect<A, E, never>

describe("Votes", () => {
  it.effect("vote – should add, take back and switch, moving karma with it", () =>
    withKommies(
      Effect.gen(function* () {
        const { site: s } = yield* site()
        const alice = yield* commenter(s.id, "Alice")
        const bob = yield* commenter(s.id, "Bob")
        if (alice._tag !== "commenter") throw new Error("commenter expected")
        const view = yield* Comments.create(alice, { threadKey: "p", body: "vote me" })
        expect(yield* Votes.vote(bob, view.id, "up")).toMatchObject({
          myVote: "up",
          upvotes: 1,
          score: 1,
        })
        expect(yield* Votes.vote(bob, view.id, "up")).toMatchObject({
          myVote: null,
          upvotes: 0,
          score: 0,
        })
        expect(yield* Votes.vote(bob, view.id, "down")).toMatchObject({
          myVote: "down",
          downvotes: 1,
          score: -1,
        })
        expect(yield* Votes.vote(bob, view.id, "up")).toMatchObject({
          myVote: "up",
          upvotes: 1,
          downvotes: 0,
        })
        const author = Option.getOrThrow(
          yield* (yield* CommenterStore).get(s.id, alice.commenterId),
        )
        expect(author.karma).toBe(1)
        const page = yield* Listing.thread(bob, "p")
        expect(page.comments[0]?.myVote).toBe("up")
        expect((yield* Effect.flip(Votes.vote(alice, view.id, "up"))).code).toBe("vote_own")
        expect((yield* Effect.flip(Votes.vote(Actor.anonymous(s.id), view.id, "up")))._tag).toBe(
          "Unauthorized",
        )
      }),
    ),
  )

  it.effect(
    "vote – should stay exact under 200 concurrent voters and rank by the final counts",
    () =>
      withKommies(
        Effect.gen(function* () {
          const { site: s } = yield* site()
          const alice = yield* commenter(s.id, "Alice")
          const view = yield* Comments.create(alice, { threadKey: "p", body: "popular" })
          const voters = yield* Effect.all(
            Array.from({ length: 200 }, (_, i) => commenter(s.id, `Voter ${i}`)),
            { concurrency: "unbounded" },
          )
          yield* Effect.all(
            voters.map((v, i) => Votes.vote(v, view.id, i % 4 === 0 ? "down" : "up")),
            { concurrency: "unbounded" },
          )
          const stored = Option.getOrThrow(
            yield* (yield* CommentStore).get(s.id, view.id as CommentId),
          )
          expect(stored.upvotes).toBe(150)
          expect(stored.downvotes).toBe(50)
          expect(stored.score).toBe(100)
          expect(stored.best).toBe(Ranking.best(150, 50))
          expect(stored.hot).toBe(Ranking.hot(150, 50, stored.createdAt))
        }),
      ),
  )

  it.effect("vote – should order top, best and hot by votes, hot decaying with age", () =>
    withKommies(
      Effect.gen(function* () {
        const { site: s } = yield* site()
        const alice = yield* commenter(s.id, "Alice")
        const voters = yield* Effect.all(
          Array.from({ length: 10 }, (_, i) => commenter(s.id, `V${i}`)),
        )
        const old = yield* Comments.create(alice, { threadKey: "p", body: "old but loved" })
        for (const v of voters) yield* Votes.vote(v, old.id, "up")
        yield* TestClock.adjust("6 hours")
        const fresh = yield* Comments.create(alice, { threadKey: "p", body: "fresh" })
        yield* Votes.vote(voters[0]!, fresh.id, "up")
        const hotNow = yield* Listing.thread(Actor.anonymous(s.id), "p", { sort: "hot" })
        expect(hotNow.comments.map((c) => c.id)).toEqual([old.id, fresh.id])
        yield* TestClock.adjust("8 hours")
        const later = yield* Comments.create(alice, { threadKey: "p", body: "later" })
        yield* Votes.vote(voters[0]!, later.id, "up")
        const hotLater = yield* Listing.thread(Actor.anonymous(s.id), "p", { sort: "hot" })
        expect(hotLater.comments.map((c) => c.id)).toEqual([later.id, old.id, fresh.id])
        const top = yield* Listing.thread(Actor.anonymous(s.id), "p", { sort: "top" })
        expect(top.comments[0]?.id).toBe(old.id)
        const best = yield* Listing.thread(Actor.anonymous(s.id), "p", { sort: "best" })
        expect(best.comments[0]?.id).toBe(old.id)
      }),
    ),
  )
})
