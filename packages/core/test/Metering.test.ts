import { describe, expect, it } from "@effect/vitest"
import { Effect, Exit, Layer, TestClock } from "effect"
import * as Plan from "../src/domain/Plan.js"
import { httpStatus, QuotaExceeded } from "../src/Errors.js"
import type { CommenterId } from "../src/Ids.js"
import { MemoryStore } from "../src/memory.js"
import * as PaymentProvider from "../src/ports/PaymentProvider.js"
import { Billing } from "../src/services/Billing.js"
import * as BillingService from "../src/services/Billing.js"
import * as Metering from "../src/services/Metering.js"
import { changedTo, ev, free, plans, pro, siteA, siteB, strict } from "./fixtures/billing.js"

const env = (mode: Metering.MeteringMode) =>
  Metering.layer({ mode, plans, defaultPlanId: "free" }).pipe(
    Layer.provideMerge(BillingService.layer({ plans, defaultPlanId: "free" })),
    Layer.provideMerge(PaymentProvider.layerNone),
    Layer.provideMerge(MemoryStore.layer),
  )
const saas = env("saas")
const selfHosted = env("selfHosted")

const jan31 = Date.UTC(2025, 0, 31, 23, 59, 59)
const feb1 = Date.UTC(2025, 1, 1, 0, 0, 0)

const fill = (metric: Metering.CountedMetric, n: number) =>
  Effect.flatMap(Metering.Metering, (m) => m.record(siteA, metric, n))

const subscribe = (planId: string, status: Parameters<typeof changedTo>[1]) =>
  Effect.flatMap(Billing, (b) => b.apply(changedTo(1, status, { planId })))

const quotaError = <A, R>(self: Effect.Effect<A, unknown, R>) =>
  Effect.flip(self).pipe(Effect.map((e) => e as QuotaExceeded))

describe("Metering", () => {
  it.effect("record – should count each metric for the current UTC month", () =>
    Effect.gen(function* () {
      yield* TestClock.setTime(Date.UTC(2025, 4, 10))
      const m = yield* Metering.Metering
      expect(yield* m.record(siteA, "comments")).toBe(1)
      expect(yield* m.record(siteA, "comments", 2)).toBe(3)
      yield* m.record(siteA, "threadLoads", 7)
      yield* m.record(siteA, "apiCalls")
      yield* m.record(siteB, "comments")
      const report = yield* m.usage(siteA)
      expect(report.month).toBe("2025-05")
      expect(report.usage).toMatchObject({
        comments: 3,
        threadLoads: 7,
        apiCalls: 1,
        activeCommenters: 0,
      })
      expect((yield* m.usage(siteB)).usage.comments).toBe(1)
    }).pipe(Effect.provide(saas)),
  )

  it.effect("record – should refuse a non-positive or fractional amount as a defect", () =>
    Effect.gen(function* () {
      const m = yield* Metering.Metering
      for (const amount of [0, -1, 1.5]) {
        const exit = yield* Effect.exit(m.record(siteA, "comments", amount))
        expect(Exit.isFailure(exit) && !Exit.isInterrupted(exit)).toBe(true)
      }
      expect((yield* m.usage(siteA)).usage.comments).toBe(0)
    }).pipe(Effect.provide(saas)),
  )

  it.effect("record – concurrent calls should add up exactly", () =>
    Effect.gen(function* () {
      const m = yield* Metering.Metering
      const totals = yield* Effect.all(
        Array.from({ length: 500 }, () => m.record(siteA, "threadLoads")),
        { concurrency: "unbounded" },
      )
      expect([...totals].sort((a, b) => a - b)).toEqual(
        Array.from({ length: 500 }, (_, i) => i + 1),
      )
      expect((yield* m.usage(siteA)).usage.threadLoads).toBe(500)
    }).pipe(Effect.provide(saas)),
  )

  it.effect("recordActive – should count a commenter once per month", () =>
    Effect.gen(function* () {
      yield* TestClock.setTime(jan31)
      const m = yield* Metering.Metering
      const alice = "c_alice" as CommenterId
      const bob = "c_bob" as CommenterId
      expect(yield* m.recordActive(siteA, alice)).toBe(1)
      expect(yield* m.recordActive(siteA, alice)).toBe(1)
      expect(yield* m.recordActive(siteA, bob)).toBe(2)
      yield* Effect.all(
        Array.from({ length: 50 }, () => m.recordActive(siteA, bob)),
        { concurrency: "unbounded" },
      )
      expect((yield* m.usage(siteA)).usage.activeCommenters).toBe(2)
      yield* TestClock.setTime(feb1)
      expect(yield* m.recordActive(siteA, alice)).toBe(1)
      expect((yield* m.usage(siteA, "2025-01")).usage.activeCommenters).toBe(2)
    }).pipe(Effect.provide(saas)),
  )

  it.effect("check – should pass under the limit without grace", () =>
    Effect.gen(function* () {
      const m = yield* Metering.Metering
      yield* fill("comments", 99)
      const status = yield* m.check(siteA, "comments")
      expect(status).toEqual({
        metric: "comments",
        planId: "free",
        used: 99,
        limit: 100,
        hardLimit: 110,
        inGrace: false,
      })
    }).pipe(Effect.provide(saas)),
  )

  it.effect("check – should pass within grace and say so", () =>
    Effect.gen(function* () {
      const m = yield* Metering.Metering
      yield* fill("comments", 100)
      expect((yield* m.check(siteA, "comments")).inGrace).toBe(true)
      yield* fill("comments", 9)
      expect(yield* m.check(siteA, "comments")).toMatchObject({ used: 109, inGrace: true })
    }).pipe(Effect.provide(saas)),
  )

  it.effect("check – should fail with QuotaExceeded beyond limit × (1 + grace)", () =>
    Effect.gen(function* () {
      const m = yield* Metering.Metering
      yield* fill("comments", 110)
      const error = yield* quotaError(m.check(siteA, "comments"))
      expect(error).toBeInstanceOf(QuotaExceeded)
      expect(error).toMatchObject({
        code: "quota_exceeded",
        metric: "comments",
        limit: 100,
        used: 110,
      })
      expect(error.message).toContain("Free")
      expect(httpStatus(error)).toBe(402)
      // A bigger amount is refused earlier.
      yield* fill("apiCalls", 50)
      expect((yield* m.check(siteA, "apiCalls", 5)).inGrace).toBe(true)
      expect((yield* quotaError(m.check(siteA, "apiCalls", 6))).used).toBe(50)
    }).pipe(Effect.provide(saas)),
  )

  it.effect("check – should apply to active commenters too", () =>
    Effect.gen(function* () {
      const m = yield* Metering.Metering
      for (let i = 0; i < 11; i++) yield* m.recordActive(siteA, `c_${i}` as CommenterId)
      expect((yield* quotaError(m.check(siteA, "activeCommenters"))).limit).toBe(10)
    }).pipe(Effect.provide(saas)),
  )

  it.effect("guard – should record after a passed check and refuse without recording", () =>
    Effect.gen(function* () {
      const m = yield* Metering.Metering
      const results = []
      for (let i = 0; i < 112; i++) results.push(yield* Effect.either(m.guard(siteA, "comments")))
      const passed = results.filter((r) => r._tag === "Right")
      expect(passed).toHaveLength(110)
      expect(passed.filter((r) => r._tag === "Right" && r.right.inGrace)).toHaveLength(10)
      expect(
        results.slice(110).every((r) => r._tag === "Left" && r.left._tag === "QuotaExceeded"),
      ).toBe(true)
      expect((yield* m.usage(siteA)).usage.comments).toBe(110)
    }).pipe(Effect.provide(saas)),
  )

  it.effect("guard – should count without reading when the metric is unlimited", () =>
    Effect.gen(function* () {
      yield* subscribe("pro", "active")
      const m = yield* Metering.Metering
      yield* fill("threadLoads", 5_000)
      expect(yield* m.guard(siteA, "threadLoads", 2)).toEqual({
        metric: "threadLoads",
        planId: "pro",
        used: 5_000,
        limit: null,
        hardLimit: null,
        inGrace: false,
      })
      expect((yield* m.usage(siteA)).usage.threadLoads).toBe(5_002)
    }).pipe(Effect.provide(saas)),
  )

  it.effect("plan – should follow the subscription while trialing, active or past_due", () =>
    Effect.gen(function* () {
      const m = yield* Metering.Metering
      const b = yield* Billing
      expect((yield* m.plan(siteA)).id).toBe("free")
      for (const [at, status, expected] of [
        [1, "incomplete", "free"],
        [2, "trialing", "pro"],
        [3, "active", "pro"],
        [4, "past_due", "pro"],
        [5, "unpaid", "free"],
        [6, "active", "pro"],
        [7, "canceled", "free"],
      ] as const) {
        yield* b.apply(changedTo(at, status))
        expect((yield* m.plan(siteA)).id, status).toBe(expected)
      }
      expect((yield* m.plan(siteB)).id).toBe("free")
    }).pipe(Effect.provide(saas)),
  )

  it.effect("plan – should limit a paid site by its plan, and free it when it upgrades", () =>
    Effect.gen(function* () {
      const m = yield* Metering.Metering
      yield* fill("comments", 110)
      expect((yield* quotaError(m.guard(siteA, "comments"))).limit).toBe(100)
      yield* subscribe("pro", "active")
      expect(yield* m.guard(siteA, "comments")).toMatchObject({
        planId: "pro",
        used: 110,
        inGrace: false,
      })
      yield* Effect.flatMap(Billing, (b) => b.apply(ev.deleted(2, { subscriptionId: "sub_1" })))
      expect((yield* quotaError(m.guard(siteA, "comments"))).used).toBe(111)
    }).pipe(Effect.provide(saas)),
  )

  it.effect("plan – should fall back to the default plan for an unknown paid plan", () =>
    Effect.gen(function* () {
      yield* subscribe("enterprise-legacy", "active")
      expect((yield* Effect.flatMap(Metering.Metering, (m) => m.plan(siteA))).id).toBe("free")
    }).pipe(Effect.provide(saas)),
  )

  it.effect("selfHosted – should count everything and never limit", () =>
    Effect.gen(function* () {
      const m = yield* Metering.Metering
      yield* subscribe("strict", "active")
      expect(yield* m.plan(siteA)).toEqual(Plan.unlimited)
      yield* fill("comments", 10_000)
      for (let i = 0; i < 20; i++) yield* m.recordActive(siteA, `c_${i}` as CommenterId)
      expect(yield* m.guard(siteA, "comments")).toMatchObject({
        used: 10_000,
        limit: null,
        inGrace: false,
      })
      expect((yield* m.check(siteA, "activeCommenters")).limit).toBeNull()
      const report = yield* m.usage(siteA)
      expect(report.usage).toMatchObject({ comments: 10_001, activeCommenters: 20 })
      expect(report.plan.id).toBe("unlimited")
      expect(report.metrics.comments).toEqual({
        used: 10_001,
        limit: null,
        hardLimit: null,
        percent: null,
        inGrace: false,
        blocked: false,
      })
    }).pipe(Effect.provide(selfHosted)),
  )

  it.effect("rollover – counts should reset when the UTC month turns", () =>
    Effect.gen(function* () {
      yield* TestClock.setTime(jan31)
      const m = yield* Metering.Metering
      yield* fill("comments", 110)
      expect(yield* Effect.either(m.guard(siteA, "comments"))).toMatchObject({ _tag: "Left" })
      yield* TestClock.adjust("1 second")
      expect(yield* m.guard(siteA, "comments")).toMatchObject({ used: 0, inGrace: false })
      const feb = yield* m.usage(siteA)
      expect(feb.month).toBe("2025-02")
      expect(feb.usage.comments).toBe(1)
      expect((yield* m.usage(siteA, "2025-01")).usage.comments).toBe(110)
    }).pipe(Effect.provide(saas)),
  )

  it.effect("usage – should report limits, percentages, grace and blocks", () =>
    Effect.gen(function* () {
      yield* subscribe("strict", "active")
      const m = yield* Metering.Metering
      yield* fill("comments", 2)
      yield* fill("apiCalls", 4)
      const report = yield* m.usage(siteA)
      expect(report.plan).toEqual(strict)
      expect(report.metrics.comments).toEqual({
        used: 2,
        limit: 3,
        hardLimit: 3,
        percent: 66.7,
        inGrace: false,
        blocked: false,
      })
      expect(report.metrics.apiCalls).toMatchObject({
        percent: 133.3,
        inGrace: false,
        blocked: true,
      })
      expect(report.metrics.threadLoads).toMatchObject({
        used: 0,
        limit: 0,
        percent: 100,
        blocked: true,
      })
    }).pipe(Effect.provide(saas)),
  )

  it.effect("usage – should flag grace on the free plan", () =>
    Effect.gen(function* () {
      const m = yield* Metering.Metering
      yield* fill("comments", 105)
      expect((yield* m.usage(siteA)).metrics.comments).toEqual({
        used: 105,
        limit: free.limits.comments,
        hardLimit: 110,
        percent: 105,
        inGrace: true,
        blocked: false,
      })
      expect(pro.limits.threadLoads).toBeNull()
    }).pipe(Effect.provide(saas)),
  )

  it.effect("layer – should die when the default plan is not configured", () =>
    Effect.gen(function* () {
      const broken = Metering.layer({ mode: "saas", plans, defaultPlanId: "nope" }).pipe(
        Layer.provide(BillingService.layer({ plans, defaultPlanId: "free" })),
        Layer.provide(PaymentProvider.layerNone),
        Layer.provide(MemoryStore.layer),
      )
      const exit = yield* Effect.exit(Effect.provide(Metering.Metering, broken))
      expect(Exit.isFailure(exit)).toBe(true)
      expect(String(Exit.isFailure(exit) ? exit.cause : "")).toContain('defaultPlanId "nope"')
      // Self-hosted needs no plans at all.
      const ok = Metering.layer({ mode: "selfHosted", plans: [], defaultPlanId: "unlimited" }).pipe(
        Layer.provide(BillingService.layer({ plans: [], defaultPlanId: "unlimited" })),
        Layer.provide(PaymentProvider.layerNone),
        Layer.provide(MemoryStore.layer),
      )
      expect((yield* Effect.provide(Metering.Metering, ok)).mode).toBe("selfHosted")
    }),
  )
})
