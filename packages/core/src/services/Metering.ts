/**
 * Metering: counts what each site does per UTC month and holds it to its plan.
 *
 * API routes call `guard` (check, then record) before a billable act; a site
 * past limit × (1 + grace) gets `QuotaExceeded` (HTTP 402), a site past the limit
 * but within grace is served with `inGrace: true` so the API can warn. In
 * self-hosted mode everything is still counted and nothing is limited.
 *
 * `guard` is check-then-record, not a reservation: concurrent requests at the
 * edge may overshoot the hard limit by about as many requests as run at once.
 *
 * @since 0.1.0
 */
import { Clock, Context, Effect, Layer } from "effect"
import * as Plan from "../domain/Plan.js"
import * as Usage from "../domain/Usage.js"
import { QuotaExceeded, type StoreError } from "../Errors.js"
import type { CommenterId, SiteId } from "../Ids.js"
import {
  effectivePlan,
  type MetricReport,
  report,
  requireDefaultPlan,
  verdict,
} from "../internal/quota.js"
import { UsageStore } from "../ports/UsageStore.js"
import { Billing } from "./Billing.js"

/**
 * Metrics counted by `record`; active commenters go through `recordActive`.
 *
 * @since 0.1.0
 * @category models
 */
export type CountedMetric = Exclude<Usage.UsageMetric, "activeCommenters">

/**
 * `selfHosted`: unlimited, counting only. `saas`: plans from subscriptions.
 *
 * @since 0.1.0
 * @category models
 */
export type MeteringMode = "selfHosted" | "saas"

/**
 * Configuration of the Metering service.
 *
 * @since 0.1.0
 * @category models
 */
export interface MeteringConfig {
  readonly mode: MeteringMode
  /** Plans whose limits apply in `saas` mode (normally the same list Billing has). */
  readonly plans: ReadonlyArray<Plan.Plan>
  /** The plan of sites without a paid subscription. */
  readonly defaultPlanId: string
}

/**
 * The outcome of a passed check: the site may go on.
 *
 * @since 0.1.0
 * @category models
 */
export interface QuotaStatus {
  readonly metric: Usage.UsageMetric
  readonly planId: string
  /** The month's count before this act. */
  readonly used: number
  /** The plan's limit; null when unlimited. */
  readonly limit: number | null
  /** limit × (1 + grace), rounded down: the most the site may reach. */
  readonly hardLimit: number | null
  /** Past the limit but within the plan's grace: serve, and warn. */
  readonly inGrace: boolean
}

/**
 * A month of a site's usage measured against its plan, for the dashboard.
 *
 * @since 0.1.0
 * @category models
 */
export interface UsageReport {
  readonly siteId: SiteId
  readonly month: Usage.Month
  /** The plan in force now (also for past months). */
  readonly plan: Plan.Plan
  readonly usage: Usage.Usage
  readonly metrics: { readonly [K in Usage.UsageMetric]: MetricReport }
}

/**
 * One metric of a usage report: used, limit, percentage, grace and block flags.
 *
 * @since 0.1.0
 * @category models
 */
export type { MetricReport }

/**
 * The Metering service.
 *
 * @since 0.1.0
 * @category models
 */
export interface MeteringShape {
  readonly mode: MeteringMode
  /** Adds `amount` (default 1) to this month's count; returns the new total. */
  readonly record: (
    siteId: SiteId,
    metric: CountedMetric,
    amount?: number,
  ) => Effect.Effect<number, StoreError>
  /** Counts the commenter as active this month, once; returns the month's count. */
  readonly recordActive: (
    siteId: SiteId,
    commenterId: CommenterId,
  ) => Effect.Effect<number, StoreError>
  /**
   * Fails with `QuotaExceeded` when `amount` (default 1) more would pass limit × (1 + grace).
   * For `activeCommenters` that asks whether one more commenter fits this month.
   */
  readonly check: (
    siteId: SiteId,
    metric: Usage.UsageMetric,
    amount?: number,
  ) => Effect.Effect<QuotaStatus, QuotaExceeded | StoreError>
  /** `check`, then `record` in the same month: what API routes call before a billable act. */
  readonly guard: (
    siteId: SiteId,
    metric: CountedMetric,
    amount?: number,
  ) => Effect.Effect<QuotaStatus, QuotaExceeded | StoreError>
  /** A month's usage (default: the current one) with limits and percentages. */
  readonly usage: (siteId: SiteId, month?: Usage.Month) => Effect.Effect<UsageReport, StoreError>
  /** The plan whose limits apply to the site now. */
  readonly plan: (siteId: SiteId) => Effect.Effect<Plan.Plan, StoreError>
}

/**
 * Tag of the Metering service.
 *
 * @since 0.1.0
 * @category tags
 */
export class Metering extends Context.Tag("@kommies/core/Metering")<Metering, MeteringShape>() {}

const metrics: ReadonlyArray<Usage.UsageMetric> = [
  "comments",
  "threadLoads",
  "activeCommenters",
  "apiCalls",
]

const currentMonth: Effect.Effect<Usage.Month> = Effect.map(Clock.currentTimeMillis, Usage.monthOf)

const validAmount = (amount: number): Effect.Effect<number> =>
  Number.isSafeInteger(amount) && amount > 0
    ? Effect.succeed(amount)
    : Effect.dieMessage(`Metering: amount must be a positive integer, got ${amount}`)

const exceeded = (plan: Plan.Plan, metric: Usage.UsageMetric, limit: number, used: number) =>
  new QuotaExceeded({
    code: "quota_exceeded",
    message:
      `This site has used ${used} ${metric} of the ${limit} its plan "${plan.name}" allows this month` +
      (plan.grace > 0 ? ` (plus ${Math.round(plan.grace * 100)}% grace)` : "") +
      "; upgrade the plan or wait for the next month",
    metric,
    limit,
    used,
  })

/**
 * Builds the Metering service. In `saas` mode the plan comes from the site's
 * subscription through Billing; dies at construction when `defaultPlanId` is not
 * among the plans.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * const metering = yield* Metering.make({ mode: "saas", plans, defaultPlanId: "free" })
 */
export const make = (
  config: MeteringConfig,
): Effect.Effect<MeteringShape, never, UsageStore | Billing> =>
  Effect.gen(function* () {
    const store = yield* UsageStore
    const billing = yield* Billing
    const defaultPlan =
      config.mode === "saas"
        ? yield* Effect.sync(() =>
            requireDefaultPlan("Metering", config.plans, config.defaultPlanId),
          )
        : Plan.unlimited

    const plan = (siteId: SiteId): Effect.Effect<Plan.Plan, StoreError> =>
      config.mode === "selfHosted"
        ? Effect.succeed(Plan.unlimited)
        : Effect.gen(function* () {
            const resolved = effectivePlan(
              yield* billing.subscription(siteId),
              config.plans,
              defaultPlan,
            )
            if (resolved.unknownPlanId !== null) {
              yield* Effect.logWarning(
                `Metering: site ${siteId} pays for unknown plan "${resolved.unknownPlanId}"; using "${defaultPlan.id}"`,
              )
            }
            return resolved.plan
          })

    const checkIn = (
      siteId: SiteId,
      month: Usage.Month,
      metric: Usage.UsageMetric,
      amount: number,
    ) =>
      Effect.gen(function* () {
        const current = yield* plan(siteId)
        const used = (yield* store.get(siteId, month))[metric]
        const v = verdict(current, metric, used, amount)
        if (!v.allowed && v.limit !== null)
          return yield* Effect.fail(exceeded(current, metric, v.limit, used))
        const status: QuotaStatus = {
          metric,
          planId: current.id,
          used,
          limit: v.limit,
          hardLimit: v.hardLimit,
          inGrace: v.inGrace,
        }
        return status
      })

    const guard = (siteId: SiteId, metric: CountedMetric, amount = 1) =>
      Effect.gen(function* () {
        const n = yield* validAmount(amount)
        const month = yield* currentMonth
        const current = yield* plan(siteId)
        if (current.limits[metric] === null) {
          // Nothing to check: skip the read, and learn the count from the increment.
          const total = yield* store.increment(siteId, month, metric, n)
          const status: QuotaStatus = {
            metric,
            planId: current.id,
            used: total - n,
            limit: null,
            hardLimit: null,
            inGrace: false,
          }
          return status
        }
        const status = yield* checkIn(siteId, month, metric, n)
        yield* store.increment(siteId, month, metric, n)
        return status
      })

    const usage = (siteId: SiteId, month?: Usage.Month) =>
      Effect.gen(function* () {
        const m = month ?? (yield* currentMonth)
        const current = yield* plan(siteId)
        const counts = yield* store.get(siteId, m)
        const byMetric = Object.fromEntries(
          metrics.map((metric) => [metric, report(current, metric, counts[metric])]),
        ) as UsageReport["metrics"]
        const result: UsageReport = {
          siteId,
          month: m,
          plan: current,
          usage: counts,
          metrics: byMetric,
        }
        return result
      })

    return {
      mode: config.mode,
      record: (siteId, metric, amount = 1) =>
        Effect.flatMap(validAmount(amount), (n) =>
          Effect.flatMap(currentMonth, (month) => store.increment(siteId, month, metric, n)),
        ),
      recordActive: (siteId, commenterId) =>
        Effect.flatMap(currentMonth, (month) => store.markActive(siteId, month, commenterId)),
      check: (siteId, metric, amount = 1) =>
        Effect.flatMap(validAmount(amount), (n) =>
          Effect.flatMap(currentMonth, (month) => checkIn(siteId, month, metric, n)),
        ),
      guard,
      usage,
      plan,
    }
  })

/**
 * The Metering service as a Layer over UsageStore and Billing.
 *
 * @since 0.1.0
 * @category layers
 * @example
 * const MeteringLive = Metering.layer({ mode: "saas", plans: [free, pro], defaultPlanId: "free" }).pipe(
 *   Layer.provide(Billing.layer({ plans: [free, pro], defaultPlanId: "free" })),
 *   Layer.provide(PaymentProvider.layerNone),
 *   Layer.provide(MemoryStore.layer),
 * )
 */
export const layer = (config: MeteringConfig): Layer.Layer<Metering, never, UsageStore | Billing> =>
  Layer.effect(Metering, make(config))
