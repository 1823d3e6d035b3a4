/**
 * Concurrency on a real Redis: 1,000 concurrent votes stay exact (counts,
 * score, `top` rank, karma), and a connection killed in the middle of a burst
 * of writes loses no acknowledged write and comes back on its own.
 */
import { expect, layer } from "@effect/vitest"
import { CommenterStore, CommentStore, UsageStore, VoteStore, type Vote } from "@kommies/core"
import { Fixtures } from "@kommies/core/testing"
import { Effect, Either, Fiber, Layer, Option } from "effect"
import { Redis } from "ioredis"
import { RedisConnection, RedisStore } from "../src/index.js"
import * as Seed from "./support/Seed.js"
import { redisUrl, withRedis } from "./support/TestRedis.js"

await withRedis("concurrency", (config) => {
  const stores = RedisStore.layerFromConnection.pipe(
    Layer.provideMerge(RedisConnection.layer(config)),
  )

  layer(stores, { excludeTestServices: true })("RedisStore under concurrency", (it) => {
    it.effect(
      "VoteStore.swap – should keep counts, score, rank and karma exact under 1,000 concurrent votes",
      () =>
        Effect.gen(function* () {
          const votes = yield* VoteStore.VoteStore
          const comments = yield* CommentStore.CommentStore
          const { site, thread, author } = yield* Seed.world
          const comment = yield* Seed.comment(thread, author.id)
          const runnerUp = yield* Seed.comment(thread, author.id, { upvotes: 499, score: 499 })
          const voters = yield* Seed.commenters(site.id, 1_000)
          const first = (i: number): Vote.VoteDirection => (i % 4 === 0 ? "down" : "up")
          const swap = (voter: string, from: Vote.VoteState, to: Vote.VoteState) => {
            const up = (v: Vote.VoteState) => (v === "up" ? 1 : 0)
            const down = (v: Vote.VoteState) => (v === "down" ? 1 : 0)
            return votes.swap({
              siteId: site.id,
              commentId: comment.id,
              voterId: voter as (typeof voters)[number]["id"],
              authorId: author.id,
              expected: from,
              next: to,
              upDelta: up(to) - up(from),
              downDelta: down(to) - down(from),
              karmaDelta: up(to) - down(to) - (up(from) - down(from)),
              at: comment.createdAt + 1,
            })
          }
          const tally = Effect.gen(function* () {
            const c = Option.getOrThrow(yield* comments.get(site.id, comment.id))
            const a = Option.getOrThrow(
              yield* (yield* CommenterStore.CommenterStore).get(site.id, author.id),
            )
            return [c.upvotes, c.downvotes, c.score, a.karma]
          })

          const votesIn = yield* Effect.all(
            voters.map((v, i) => swap(v.id, null, first(i))),
            { concurrency: "unbounded" },
          )
          expect(votesIn.every((r) => r._tag === "Swapped")).toBe(true)
          expect(yield* tally).toEqual([750, 250, 500, 500])

          // All 1,000 flip at once, each racing a twin with the same expected vote.
          const flips = yield* Effect.all(
            voters.flatMap((v, i) => {
              const from = first(i)
              const to = from === "up" ? "down" : "up"
              return [swap(v.id, from, to), swap(v.id, from, to)]
            }),
            { concurrency: "unbounded" },
          )
          expect(flips.filter((r) => r._tag === "Swapped").length).toBe(1_000)
          expect(flips.filter((r) => r._tag === "Stale").length).toBe(1_000)
          expect(yield* tally).toEqual([250, 750, -500, -500])

          // The `top` index moved with the score: the runner-up now leads.
          const top = yield* comments.list({
            siteId: site.id,
            threadId: thread.id,
            parentId: null,
            sort: "top",
            after: null,
            limit: 10,
            viewer: null,
            all: false,
          })
          expect(top.map((c) => c.id)).toEqual([runnerUp.id, comment.id])
          const mine = yield* votes.forVoter(site.id, voters[0]!.id, [comment.id, runnerUp.id])
          expect([...mine]).toEqual([[comment.id, "up"]])
        }),
      60_000,
    )

    it.effect(
      "UsageStore.increment – should lose no acknowledged write when the connection is killed mid-burst",
      () =>
        Effect.gen(function* () {
          const usage = yield* UsageStore.UsageStore
          const conn = yield* RedisConnection.RedisConnection
          const site = yield* Fixtures.siteId
          const id = String(yield* Effect.promise(() => conn.client.call("CLIENT", "ID")))
          const burst = yield* Effect.all(
            Array.from({ length: 300 }, () =>
              Effect.either(usage.increment(site, "2031-01", "apiCalls", 1)),
            ),
            { concurrency: "unbounded" },
          ).pipe(Effect.fork)
          yield* Effect.promise(async () => {
            const admin = new Redis(redisUrl)
            await admin.call("CLIENT", "KILL", "ID", id)
            await admin.quit()
          })
          const results = yield* Fiber.join(burst)
          const acked = results.filter(Either.isRight).map((r) => r.right)
          for (const failure of results.filter(Either.isLeft)) {
            expect(failure.left.reason).toBe("Unavailable")
            expect(failure.left.message).toContain(redisUrl)
          }
          // Reconnected on its own; every acknowledged increment is in the total.
          const total = (yield* usage.get(site, "2031-01")).apiCalls
          expect(total).toBeGreaterThanOrEqual(acked.length)
          expect(total).toBeGreaterThanOrEqual(Math.max(0, ...acked))
          expect(total).toBeLessThanOrEqual(300)
          expect(yield* usage.increment(site, "2031-01", "apiCalls", 1)).toBe(total + 1)
        }),
      30_000,
    )
  })
})
