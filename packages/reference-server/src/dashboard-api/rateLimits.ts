/**
 * Rate limits of the dashboard's sign-in routes, through core's RateLimiter
 * port (memory in one process, Redis when several share the work): every
 * attempt spends one unit from the caller's address and one from the
 * account it names (the email, or the challenge for code checks), so neither
 * one address trying many accounts nor many addresses trying one account
 * gets far.
 *
 * @since 0.1.0
 */
import { Errors, RateLimiter } from "@kommies/core"
import { Effect } from "effect"
import type { AppContext } from "../AppContext.js"

/** The routes that are limited. @since 0.1.0 @category models */
export type LimitedAction = "signup" | "login" | "verify" | "resend" | "reset"

/** A budget: `limit` attempts per `windowMs`. @since 0.1.0 @category models */
export interface Budget {
  readonly limit: number
  readonly windowMs: number
}

/** The budgets of one action, per client address and per subject. @since 0.1.0 @category models */
export interface ActionBudgets {
  readonly perAddress: Budget
  readonly perSubject: Budget
}

/** Budgets of every limited action. @since 0.1.0 @category models */
export type RateLimitSettings = Readonly<Record<LimitedAction, ActionBudgets>>

const minutes = (n: number) => n * 60_000

/**
 * Generous enough for a person who mistypes, far too small for guessing.
 * Codes are also protected by the challenge's own attempt limit.
 *
 * @since 0.1.0
 * @category constants
 */
export const defaultRateLimits: RateLimitSettings = {
  signup: {
    perAddress: { limit: 20, windowMs: minutes(60) },
    perSubject: { limit: 5, windowMs: minutes(60) },
  },
  login: {
    perAddress: { limit: 30, windowMs: minutes(10) },
    perSubject: { limit: 10, windowMs: minutes(10) },
  },
  verify: {
    perAddress: { limit: 30, windowMs: minutes(10) },
    perSubject: { limit: 10, windowMs: minutes(10) },
  },
  // Each resend is an email: as few as sign-ups, per address and per challenge.
  resend: {
    perAddress: { limit: 20, windowMs: minutes(60) },
    perSubject: { limit: 5, windowMs: minutes(60) },
  },
  reset: {
    perAddress: { limit: 20, windowMs: minutes(60) },
    perSubject: { limit: 5, windowMs: minutes(60) },
  },
}

const spendOne = (key: string, budget: Budget) =>
  Effect.gen(function* () {
    const decision = yield* (yield* RateLimiter.RateLimiter).consume(
      key,
      budget.limit,
      budget.windowMs,
    )
    if (!decision.allowed)
      return yield* new Errors.RateLimited({
        code: "rate_limited",
        message: "Too many attempts; wait a little and try again",
        retryAfterMs: Math.max(decision.resetMs, 1),
        limit: decision.limit,
      })
  })

/**
 * Spends one attempt of `action` for the address and the subject; rejects
 * with RateLimited (429 with `Retry-After`) when either budget is spent.
 * `false` settings turn the limits off.
 *
 * @since 0.1.0
 * @category guards
 */
export const spend = (
  app: AppContext,
  settings: RateLimitSettings | false,
  action: LimitedAction,
  address: string,
  subject: string,
): Promise<void> => {
  if (settings === false) return Promise.resolve()
  const budgets = settings[action]
  // The action is the hash tag: on a Redis Cluster both keys of an action
  // live on one node, and no key is ever scanned.
  const prefix = `dash:{${action}}`
  return app.kommies.run(
    Effect.all(
      [
        spendOne(`${prefix}:ip:${address}`, budgets.perAddress),
        spendOne(`${prefix}:sub:${subject.trim().toLowerCase()}`, budgets.perSubject),
      ],
      { discard: true },
    ),
  )
}
