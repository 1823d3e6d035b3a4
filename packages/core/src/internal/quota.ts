/**
 * Plan resolution and quota arithmetic shared by Metering and Billing: which plan
 * a subscription grants, and whether one more unit of a metric fits in it.
 */
import { Option } from "effect"
import * as Plan from "../domain/Plan.js"
import type { Subscription } from "../domain/Subscription.js"
import type { UsageMetric } from "../domain/Usage.js"
import { isPaid } from "./subscriptionMachine.js"

/** The configured plan with this id; `Plan.unlimited` is always known. */
export const findPlan = (plans: ReadonlyArray<Plan.Plan>, id: string): Plan.Plan | undefined =>
  plans.find((plan) => plan.id === id) ?? (id === Plan.unlimited.id ? Plan.unlimited : undefined)

/** Looks up the default plan, or throws with a message that names the config mistake. */
export const requireDefaultPlan = (
  service: string,
  plans: ReadonlyArray<Plan.Plan>,
  defaultPlanId: string,
): Plan.Plan => {
  const plan = findPlan(plans, defaultPlanId)
  if (plan === undefined) {
    const known = plans.map((p) => p.id).join(", ") || "none"
    throw new Error(
      `${service}: defaultPlanId "${defaultPlanId}" is not among the plans (${known})`,
    )
  }
  return plan
}

/** What a site's subscription grants. */
export interface Resolved {
  readonly plan: Plan.Plan
  /** The subscription's plan id when it is paid but no configured plan has it. */
  readonly unknownPlanId: string | null
}

/**
 * The effective plan: the subscription's plan while it is trialing, active or
 * past_due (the provider is still retrying), the default plan otherwise.
 */
export const effectivePlan = (
  subscription: Option.Option<Subscription>,
  plans: ReadonlyArray<Plan.Plan>,
  defaultPlan: Plan.Plan,
): Resolved => {
  if (Option.isNone(subscription) || !isPaid(subscription.value.status)) {
    return { plan: defaultPlan, unknownPlanId: null }
  }
  const plan = findPlan(plans, subscription.value.planId)
  return plan === undefined
    ? { plan: defaultPlan, unknownPlanId: subscription.value.planId }
    : { plan, unknownPlanId: null }
}

/** The most a metric may reach with the plan's grace; null when unlimited. */
export const hardLimit = (limit: number | null, grace: number): number | null =>
  // The epsilon keeps 100 × 1.1 = 110.00000000000001 and 100 × 1.29 from rounding the wrong way.
  limit === null ? null : Math.floor(limit * (1 + grace) + 1e-9)

/** One metric of a month measured against a plan, for the dashboard. */
export interface MetricReport {
  readonly used: number
  readonly limit: number | null
  readonly hardLimit: number | null
  /** `used / limit` in percent, one decimal; null when unlimited; 100 for a zero limit. */
  readonly percent: number | null
  /** Past the limit, still served thanks to the plan's grace. */
  readonly inGrace: boolean
  /** At or past limit × (1 + grace): the next unit is refused. */
  readonly blocked: boolean
}

/** Measures `used` against the plan's limit for `metric`. */
export const report = (plan: Plan.Plan, metric: UsageMetric, used: number): MetricReport => {
  const limit = plan.limits[metric]
  const hard = hardLimit(limit, plan.grace)
  if (limit === null || hard === null) {
    return { used, limit: null, hardLimit: null, percent: null, inGrace: false, blocked: false }
  }
  const percent = limit === 0 ? 100 : Math.round((used / limit) * 1000) / 10
  const blocked = used >= hard
  return { used, limit, hardLimit: hard, percent, inGrace: used > limit && !blocked, blocked }
}

/** The verdict on adding `amount` to `used`. */
export interface Verdict {
  readonly allowed: boolean
  /** Allowed, but the total lands past the limit, within grace. */
  readonly inGrace: boolean
  readonly limit: number | null
  readonly hardLimit: number | null
}

/** Whether `used + amount` fits in the plan's limit for `metric`, grace included. */
export const verdict = (
  plan: Plan.Plan,
  metric: UsageMetric,
  used: number,
  amount: number,
): Verdict => {
  const limit = plan.limits[metric]
  const hard = hardLimit(limit, plan.grace)
  if (limit === null || hard === null)
    return { allowed: true, inGrace: false, limit: null, hardLimit: null }
  const after = used + amount
  const allowed = after <= hard
  return { allowed, inGrace: allowed && after > limit, limit, hardLimit: hard }
}
