/**
 * UsageStore cases: per-site, per-month counters.
 */
import { expect } from "@effect/vitest"
import { Effect } from "effect"
import * as Usage from "../../domain/Usage.js"
import { UsageStore } from "../../ports/UsageStore.js"
import { given, type Group, must } from "./case.js"
import * as Seed from "./seed.js"

const month = "2031-04"

/** UsageStore: metering counters. */
export const usage: Group = {
  name: "UsageStore",
  cases: [
    must(
      "UsageStore.get – should return zeros for a month with nothing recorded",
      Effect.gen(function* () {
        const store = yield* UsageStore
        const site = yield* Seed.site()
        expect(yield* store.get(site.id, month)).toEqual(Usage.empty(site.id, month))
      }),
    ),
    must(
      "UsageStore.increment – should add the amount to one metric and return the new total",
      Effect.gen(function* () {
        const store = yield* UsageStore
        const site = yield* Seed.site()
        expect(yield* store.increment(site.id, month, "comments", 1)).toBe(1)
        expect(yield* store.increment(site.id, month, "comments", 4)).toBe(5)
        expect(yield* store.increment(site.id, month, "threadLoads", 10)).toBe(10)
        expect(yield* store.increment(site.id, month, "apiCalls", 2)).toBe(2)
        expect(yield* store.get(site.id, month)).toEqual({
          ...Usage.empty(site.id, month),
          comments: 5,
          threadLoads: 10,
          apiCalls: 2,
        })
      }),
    ),
    given(
      "races",
      "UsageStore.increment – should count 100 concurrent increments exactly",
      Effect.gen(function* () {
        const store = yield* UsageStore
        const site = yield* Seed.site()
        const totals = yield* Effect.all(
          Array.from({ length: 100 }, () => store.increment(site.id, month, "apiCalls", 1)),
          { concurrency: "unbounded" },
        )
        expect([...totals].sort((a, b) => a - b)).toEqual(
          Array.from({ length: 100 }, (_, i) => i + 1),
        )
        expect((yield* store.get(site.id, month)).apiCalls).toBe(100)
      }),
    ),
    must(
      "UsageStore.markActive – should count a commenter once per month",
      Effect.gen(function* () {
        const store = yield* UsageStore
        const site = yield* Seed.site()
        const [a, b] = yield* Seed.times(2, () => Seed.commenter(site.id))
        expect(yield* store.markActive(site.id, month, a!.id)).toBe(1)
        expect(yield* store.markActive(site.id, month, a!.id)).toBe(1)
        expect(yield* store.markActive(site.id, month, b!.id)).toBe(2)
        expect(yield* store.markActive(site.id, month, a!.id)).toBe(2)
        expect((yield* store.get(site.id, month)).activeCommenters).toBe(2)
      }),
    ),
    given(
      "races",
      "UsageStore.markActive – should count 50 concurrent commenters exactly and a racing repeat once",
      Effect.gen(function* () {
        const store = yield* UsageStore
        const site = yield* Seed.site()
        const people = yield* Effect.all(
          Array.from({ length: 50 }, () => Seed.commenter(site.id)),
          { concurrency: 8 },
        )
        const repeats = yield* Effect.all(
          Array.from({ length: 10 }, () => store.markActive(site.id, month, people[0]!.id)),
          { concurrency: "unbounded" },
        )
        expect(repeats).toEqual(Array.from({ length: 10 }, () => 1))
        yield* Effect.all(
          people.map((p) => store.markActive(site.id, month, p.id)),
          { concurrency: "unbounded" },
        )
        expect((yield* store.get(site.id, month)).activeCommenters).toBe(50)
      }),
    ),
    must(
      "UsageStore.increment – should keep months apart",
      Effect.gen(function* () {
        const store = yield* UsageStore
        const site = yield* Seed.site()
        const person = yield* Seed.commenter(site.id)
        yield* store.increment(site.id, "2031-01", "comments", 3)
        yield* store.markActive(site.id, "2031-01", person.id)
        expect(yield* store.increment(site.id, "2031-02", "comments", 1)).toBe(1)
        expect(yield* store.markActive(site.id, "2031-02", person.id)).toBe(1)
        expect(yield* store.get(site.id, "2031-01")).toEqual({
          ...Usage.empty(site.id, "2031-01"),
          comments: 3,
          activeCommenters: 1,
        })
        expect(yield* store.get(site.id, "2031-02")).toEqual({
          ...Usage.empty(site.id, "2031-02"),
          comments: 1,
          activeCommenters: 1,
        })
        expect(yield* store.get(site.id, "2031-03")).toEqual(Usage.empty(site.id, "2031-03"))
      }),
    ),
    must(
      "UsageStore.incrementDaily – should count per day and counter, and daily should list every day in range",
      Effect.gen(function* () {
        const store = yield* UsageStore
        const site = yield* Seed.site()
        expect(yield* store.incrementDaily(site.id, "2031-04-29", "comments", 2)).toBe(2)
        expect(yield* store.incrementDaily(site.id, "2031-04-29", "comments", 1)).toBe(3)
        expect(yield* store.incrementDaily(site.id, "2031-04-29", "spam", 1)).toBe(1)
        expect(yield* store.incrementDaily(site.id, "2031-05-01", "comments", 7)).toBe(7)
        expect(yield* store.daily(site.id, "2031-04-28", "2031-05-01")).toEqual([
          { day: "2031-04-28", counters: {} },
          { day: "2031-04-29", counters: { comments: 3, spam: 1 } },
          { day: "2031-04-30", counters: {} },
          { day: "2031-05-01", counters: { comments: 7 } },
        ])
        const other = yield* Seed.site()
        expect(yield* store.daily(other.id, "2031-04-29", "2031-04-29")).toEqual([
          { day: "2031-04-29", counters: {} },
        ])
      }),
    ),
    given(
      "races",
      "UsageStore.incrementDaily – should stay exact under 100 concurrent increments",
      Effect.gen(function* () {
        const store = yield* UsageStore
        const site = yield* Seed.site()
        yield* Effect.all(
          Array.from({ length: 100 }, () =>
            store.incrementDaily(site.id, "2031-06-01", "comments", 1),
          ),
          { concurrency: "unbounded" },
        )
        expect(yield* store.daily(site.id, "2031-06-01", "2031-06-01")).toEqual([
          { day: "2031-06-01", counters: { comments: 100 } },
        ])
      }),
    ),
  ],
}
