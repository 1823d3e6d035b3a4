/**
 * Usage: what a site did in a calendar month (UTC), for metering and billing.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { SiteId } from "../Ids.js"

/** @since 0.1.0 @category models */
export const UsageMetric = Schema.Literal("comments", "threadLoads", "activeCommenters", "apiCalls")
/** @since 0.1.0 @category models */
export type UsageMetric = typeof UsageMetric.Type

/** `YYYY-MM`, UTC. @since 0.1.0 @category models */
export const Month = Schema.String.pipe(Schema.pattern(/^\d{4}-(0[1-9]|1[0-2])$/))
/** @since 0.1.0 @category models */
export type Month = typeof Month.Type

/** @since 0.1.0 @category models */
export const Usage = Schema.Struct({
  siteId: SiteId,
  month: Month,
  comments: Schema.Int,
  threadLoads: Schema.Int,
  activeCommenters: Schema.Int,
  apiCalls: Schema.Int,
})
/** @since 0.1.0 @category models */
export type Usage = typeof Usage.Type

/** The UTC month of an epoch-millisecond time. @since 0.1.0 @category constructors */
export const monthOf = (millis: number): Month => new Date(millis).toISOString().slice(0, 7)

/** An empty usage record. @since 0.1.0 @category constructors */
export const empty = (siteId: SiteId, month: Month): Usage => ({
  siteId,
  month,
  comments: 0,
  threadLoads: 0,
  activeCommenters: 0,
  apiCalls: 0,
})
