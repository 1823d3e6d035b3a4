/**
 * Port: usage counters per site per month.
 *
 * @since 0.1.0
 */
import { Context, type Effect } from "effect"
import type { Month, Usage, UsageMetric } from "../domain/Usage.js"
import type { StoreError } from "../Errors.js"
import type { CommenterId, SiteId } from "../Ids.js"

/** @since 0.1.0 @category ports */
export interface UsageStoreShape {
  /** Adds `amount` to the metric and returns the new total, atomically. */
  readonly increment: (
    siteId: SiteId,
    month: Month,
    metric: Exclude<UsageMetric, "activeCommenters">,
    amount: number,
  ) => Effect.Effect<number, StoreError>
  /**
   * Records that the commenter was active in the month; counts them in
   * `activeCommenters` the first time only. Returns the count afterwards.
   */
  readonly markActive: (
    siteId: SiteId,
    month: Month,
    commenterId: CommenterId,
  ) => Effect.Effect<number, StoreError>
  /** The month's usage; zeros when nothing was recorded. */
  readonly get: (siteId: SiteId, month: Month) => Effect.Effect<Usage, StoreError>
  /**
   * Adds `amount` to a named daily counter (`comments`, `spam`, …) of a UTC day
   * (`YYYY-MM-DD`) and returns the new value, atomically: the analytics charts.
   */
  readonly incrementDaily: (
    siteId: SiteId,
    day: string,
    counter: string,
    amount: number,
  ) => Effect.Effect<number, StoreError>
  /**
   * The daily counters of every day in [fromDay, toDay] (at most 366 days), in
   * day order, days without counts included with an empty record.
   */
  readonly daily: (
    siteId: SiteId,
    fromDay: string,
    toDay: string,
  ) => Effect.Effect<ReadonlyArray<DailyCounts>, StoreError>
}

/** The daily counters of one day. @since 0.1.0 @category models */
export interface DailyCounts {
  readonly day: string
  readonly counters: Readonly<Record<string, number>>
}

/** @since 0.1.0 @category ports */
export class UsageStore extends Context.Tag("@kommies/core/UsageStore")<
  UsageStore,
  UsageStoreShape
>() {}
