/**
 * Rate limits of the HTTP API through the RateLimiter port: per client
 * address for anonymous callers, per commenter or dashboard account for
 * signed-in ones (the signed-in budget), and a
 * stricter budget for posting and signing in. Limits come from the site's
 * settings unless the handler's options override them; the secret key is not
 * limited.
 *
 * @since 0.1.0
 */
import { HttpApp, HttpServerResponse } from "@effect/platform"
import { Effect } from "effect"
import type { Site } from "../domain/Site.js"
import { RateLimited, type StoreError } from "../Errors.js"
import { type RateLimitDecision, RateLimiter } from "../ports/RateLimiter.js"
import { type Actor, commenterOf } from "../services/Actor.js"
import { HttpConfig, type HttpConfigShape } from "./Config.js"

/** Which budget a request spends. @since 0.1.0 @category models */
export type Budget = "request" | "post"

/**
 * The `RateLimit-*` headers of a decision.
 *
 * @since 0.1.0
 * @category headers
 */
export const headersOf = (decision: RateLimitDecision): Record<string, string> => ({
  "ratelimit-limit": String(decision.limit),
  "ratelimit-remaining": String(decision.remaining),
  "ratelimit-reset": String(Math.ceil(decision.resetMs / 1000)),
})

/**
 * Who a signed-in caller's window belongs to: the commenter, or the
 * dashboard account (its own budget on each site, apart from the address it
 * calls from); null for anonymous callers.
 */
const signedInSubject = (actor: Actor): string | null => {
  const commenter = commenterOf(actor)
  if (commenter !== null) return `c:${commenter}`
  return actor._tag === "account" ? `a:${actor.accountId}` : null
}

/**
 * Which window one unit of `budget` is spent from, and its size; null when
 * nothing limits this caller (limits off, the secret key, nobody signed in
 * and no known address). Commenters and dashboard accounts spend the
 * signed-in budget.
 *
 * @since 0.1.0
 * @category rules
 */
export const windowOf = (
  config: HttpConfigShape,
  site: Site,
  actor: Actor,
  ip: string | null,
  budget: Budget,
): { readonly key: string; readonly limit: number; readonly windowMs: number } | null => {
  const overrides = config.rateLimits
  if (overrides === false || actor._tag === "secretKey" || actor._tag === "system") return null
  const settings = site.settings.rateLimits
  const signedIn = signedInSubject(actor)
  const subject = signedIn ?? (ip !== null ? `ip:${ip}` : null)
  // Nobody signed in and no known address: nothing to count against.
  if (subject === null) return null
  const limit =
    budget === "post"
      ? (overrides.postsPerMinute ?? settings.postsPerMinute)
      : signedIn !== null
        ? (overrides.signedInPerMinute ?? settings.signedInPerMinute)
        : (overrides.anonymousPerMinute ?? settings.anonymousPerMinute)
  return {
    key: `rl:{${site.id}}:${budget}:${subject}`,
    limit,
    windowMs: overrides.windowMs ?? 60_000,
  }
}

/**
 * Spends one unit of `budget` for the caller and tells how it went; null when
 * nothing limits this caller (see {@link windowOf}).
 *
 * @since 0.1.0
 * @category guards
 */
export const spend = (
  site: Site,
  actor: Actor,
  ip: string | null,
  budget: Budget,
): Effect.Effect<
  (RateLimitDecision & { readonly windowMs: number }) | null,
  StoreError,
  RateLimiter | HttpConfig
> =>
  Effect.gen(function* () {
    const window = windowOf(yield* HttpConfig, site, actor, ip, budget)
    if (window === null) return null
    const decision = yield* (yield* RateLimiter).consume(window.key, window.limit, window.windowMs)
    return { ...decision, windowMs: window.windowMs }
  })

/**
 * Spends one unit of `budget` for the caller; fails `rate_limited` (429) when
 * the window is full. Successful responses carry `RateLimit-*` headers.
 *
 * @since 0.1.0
 * @category guards
 */
export const consume = (
  site: Site,
  actor: Actor,
  ip: string | null,
  budget: Budget,
): Effect.Effect<void, RateLimited | StoreError, RateLimiter | HttpConfig> =>
  Effect.gen(function* () {
    const decision = yield* spend(site, actor, ip, budget)
    if (decision === null) return
    if (!decision.allowed)
      return yield* new RateLimited({
        code: "rate_limited",
        message: `Too many requests: at most ${decision.limit} per ${Math.round(decision.windowMs / 1000)} s; retry later`,
        retryAfterMs: Math.max(decision.resetMs, 1),
        limit: decision.limit,
      })
    if (budget === "request")
      yield* HttpApp.appendPreResponseHandler((_request, response) =>
        Effect.succeed(HttpServerResponse.setHeaders(response, headersOf(decision))),
      )
  })

/**
 * The client's address: the first `X-Forwarded-For` entry behind a trusted
 * proxy, else the socket address the adapter passed, else null.
 *
 * @since 0.1.0
 * @category getters
 */
export const clientIp = (
  headers: Readonly<Record<string, string | undefined>>,
  remoteAddress: string | null,
  trustProxy: boolean,
): string | null => {
  if (trustProxy) {
    const forwarded = headers["x-forwarded-for"]?.split(",")[0]?.trim()
    if (forwarded !== undefined && forwarded !== "" && forwarded.length <= 64) return forwarded
    const real = headers["x-real-ip"]?.trim()
    if (real !== undefined && real !== "" && real.length <= 64) return real
  }
  return remoteAddress !== null && remoteAddress !== "" ? remoteAddress : null
}
