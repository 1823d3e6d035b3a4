/**
 * Plans: what a site may do per month, and how far past it the plan lets it go.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/** Null: unlimited. @since 0.1.0 @category models */
export const PlanLimits = Schema.Struct({
  comments: Schema.NullOr(Schema.Int),
  threadLoads: Schema.NullOr(Schema.Int),
  activeCommenters: Schema.NullOr(Schema.Int),
  apiCalls: Schema.NullOr(Schema.Int),
})
/** @since 0.1.0 @category models */
export type PlanLimits = typeof PlanLimits.Type

/** @since 0.1.0 @category models */
export const Plan = Schema.Struct({
  id: Schema.String,
  name: Schema.String,
  limits: PlanLimits,
  /** Fraction over the limit still served, e.g. 0.1 = 10% grace. */
  grace: Schema.Number.pipe(Schema.nonNegative()),
  /** The payment provider's price id; null for free plans. */
  priceId: Schema.NullOr(Schema.String),
  monthlyPriceCents: Schema.Int,
})
/** @since 0.1.0 @category models */
export type Plan = typeof Plan.Type

/** The plan of self-hosted mode and of sites without billing: no limits. @since 0.1.0 @category constants */
export const unlimited: Plan = {
  id: "unlimited",
  name: "Unlimited",
  limits: { comments: null, threadLoads: null, activeCommenters: null, apiCalls: null },
  grace: 0,
  priceId: null,
  monthlyPriceCents: 0,
}
