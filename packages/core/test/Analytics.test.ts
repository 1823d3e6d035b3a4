import { describe, expect, it } from "@effect/vitest"
import { Effect, TestClock } from "effect"
import * as Actor from "../src/services/Actor.js"
import * as Analytics from "../src/services/Analytics.js"
import * as Comments from "../src/services/Comments.js"
import * as SiteBilling from "../src/services/SiteBilling.js"
import * as Votes from "../src/services/Votes.js"
import { commenter, site, TestKommies } from "./support/kommies.js"

const withKommies = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.provide(effect, TestKommies()) as Effect.Effect<A, E, never>

describe("Analytics", () => {
  it.effect(
    "summary – should chart comments and spam per day with top threads and commenters",
    () =>
      withKommies(
        Effect.gen(function* () {
          yield* TestClock.setTime(Date.UTC(2026, 10, 20, 12))
          const { site: s } = yield* site()
          const alice = yield* commenter(s.id, "Alice")
          const bob = yield* commenter(s.id, "Bob")
          const a = yield* Comments.create(alice, { threadKey: "/busy", body: "one" })
          yield* Comments.create(bob, { threadKey: "/busy", body: "two" })
          yield* Comments.create(bob, { threadKey: "/busy", body: "bot", honeypot: "x" })
          yield* Votes.vote(bob, a.id, "up")
          yield* TestClock.adjust("1 day")
          yield* Comments.create(alice, { threadKey: "/quiet", body: "three" })
          const owner = Actor.secretKey(s.id)
          const summary = yield* Analytics.summary(owner, { days: 3 })
          expect(summary.days).toEqual([
            { day: "2026-11-19", comments: 0, spam: 0 },
            { day: "2026-11-20", comments: 2, spam: 1 },
            { day: "2026-11-21", comments: 1, spam: 0 },
          ])
          expect(summary.totals).toEqual({ comments: 3, spam: 1 })
          expect(summary.topThreads.map((t) => t.key)).toEqual(["/busy", "/quiet"])
          expect(summary.topCommenters[0]?.displayName).toBe("Alice")
          expect((yield* Effect.flip(Analytics.summary(owner, { days: 0 })))._tag).toBe(
            "InvalidInput",
          )
          expect((yield* Effect.flip(Analytics.summary(alice)))._tag).toBe("Forbidden")
          const usage = yield* Analytics.usage(owner)
          expect(usage.month).toBe("2026-11")
        }),
      ),
  )

  it.effect("billing – should be the owner's alone and say when it is off", () =>
    withKommies(
      Effect.gen(function* () {
        const { site: s } = yield* site()
        const admin = yield* commenter(s.id, "Admin", "admin")
        expect((yield* Effect.flip(SiteBilling.overview(admin)))._tag).toBe("Forbidden")
        const overview = yield* SiteBilling.overview(Actor.secretKey(s.id))
        expect(overview.enabled).toBe(false)
        expect(overview.plan.id).toBe("unlimited")
        const checkout = yield* Effect.flip(
          SiteBilling.checkout(Actor.secretKey(s.id), "pro", {
            successUrl: "https://a.example",
            cancelUrl: "https://a.example",
          }),
        )
        expect(checkout._tag).toBe("PaymentError")
      }),
    ),
  )
})
