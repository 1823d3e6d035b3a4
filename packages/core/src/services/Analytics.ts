/**
 * What a site's owners see of it: comments and spam per day, the busiest
 * threads, the most valued commenters, and usage against the plan.
 *
 * Every figure comes from counters kept as things happen (daily counters,
 * thread counts, karma), never from scanning a site's comments.
 *
 * @since 0.1.0
 */
import { Clock, Effect } from "effect"
import { type PublicCommenter, toPublic } from "../domain/Commenter.js"
import type { Thread } from "../domain/Thread.js"
import { type Forbidden, InvalidInput, type StoreError, type Unauthorized } from "../Errors.js"
import { CommenterStore } from "../ports/CommenterStore.js"
import { ThreadStore } from "../ports/ThreadStore.js"
import { UsageStore } from "../ports/UsageStore.js"
import type { Actor } from "./Actor.js"
import { Metering, type UsageReport } from "./Metering.js"
import { authorize } from "./Permissions.js"

/** One day of the chart. @since 0.1.0 @category models */
export interface Day {
  readonly day: string
  readonly comments: number
  readonly spam: number
}

/** @since 0.1.0 @category models */
export interface Summary {
  readonly days: ReadonlyArray<Day>
  readonly totals: { readonly comments: number; readonly spam: number }
  readonly topThreads: ReadonlyArray<Thread>
  readonly topCommenters: ReadonlyArray<PublicCommenter>
}

const dayOf = (millis: number) => new Date(millis).toISOString().slice(0, 10)

/**
 * The analytics summary of the last `days` days (1–366, default 30), today included.
 *
 * @since 0.1.0
 * @category queries
 * @example
 * const { days, topThreads } = yield* Analytics.summary(Actor.secretKey(siteId), { days: 7 })
 */
export const summary = (
  actor: Actor,
  options: { readonly days?: number; readonly top?: number } = {},
): Effect.Effect<
  Summary,
  InvalidInput | Forbidden | Unauthorized | StoreError,
  UsageStore | ThreadStore | CommenterStore
> =>
  Effect.gen(function* () {
    yield* authorize(actor, "site.read")
    const span = options.days ?? 30
    if (!Number.isInteger(span) || span < 1 || span > 366)
      return yield* new InvalidInput({ code: "days_invalid", message: "Ask for 1 to 366 days" })
    const top = Math.min(Math.max(options.top ?? 10, 1), 50)
    const now = yield* Clock.currentTimeMillis
    const from = dayOf(now - (span - 1) * 86_400_000)
    const daily = yield* (yield* UsageStore).daily(actor.siteId, from, dayOf(now))
    const days = daily.map((d) => ({
      day: d.day,
      comments: d.counters.comments ?? 0,
      spam: d.counters.spam ?? 0,
    }))
    const [threads, commenters] = yield* Effect.all([
      Effect.flatMap(ThreadStore, (s) => s.listTop(actor.siteId, top)),
      Effect.flatMap(CommenterStore, (s) => s.listTop(actor.siteId, top)),
    ])
    return {
      days,
      totals: {
        comments: days.reduce((n, d) => n + d.comments, 0),
        spam: days.reduce((n, d) => n + d.spam, 0),
      },
      topThreads: threads,
      topCommenters: commenters.map(toPublic),
    }
  })

/**
 * This month's usage (or another month's) against the site's plan.
 *
 * @since 0.1.0
 * @category queries
 */
export const usage = (
  actor: Actor,
  month?: string,
): Effect.Effect<UsageReport, Forbidden | Unauthorized | StoreError, Metering> =>
  Effect.gen(function* () {
    yield* authorize(actor, "site.read")
    return yield* (yield* Metering).usage(actor.siteId, month)
  })
