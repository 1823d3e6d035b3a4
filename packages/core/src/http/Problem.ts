/**
 * Problems: every error of the HTTP API as `application/problem+json`
 * (RFC 9457) with a stable `code`, made from the services' typed errors, from
 * request decoding failures, and from the edge's own checks.
 *
 * @since 0.1.0
 */
import { Effect, Schema } from "effect"
import { HttpApiSchema } from "@effect/platform"
import { type KommiesError, httpStatus } from "../Errors.js"

/**
 * The body of every error response. `metric`, `limit` and `used` come with
 * `quota_exceeded` (402); `retryAfter` (seconds) and `limit` with
 * `rate_limited` (429).
 *
 * @since 0.1.0
 * @category models
 */
export class Problem extends Schema.Class<Problem>("Problem")(
  {
    /** `urn:kommies:problem:<code>`. */
    type: Schema.String,
    title: Schema.String,
    status: Schema.Int,
    detail: Schema.String,
    /** Stable, machine-readable: switch on this. */
    code: Schema.String,
    metric: Schema.optional(Schema.String),
    limit: Schema.optional(Schema.Number),
    used: Schema.optional(Schema.Number),
    retryAfter: Schema.optional(Schema.Number),
  },
  HttpApiSchema.annotations({
    description: "An error, as application/problem+json (RFC 9457) with a stable `code`",
  }),
) {}

const titles: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  402: "Payment Required",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
}

/** The media type of every error response. @since 0.1.0 @category constants */
export const contentType = "application/problem+json"

/**
 * A problem with the status's title and `type` from the code.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * Problem.make(404, "not_found", "No route GET /nope")
 */
export const make = (
  status: number,
  code: string,
  detail: string,
  extra: {
    readonly metric?: string
    readonly limit?: number
    readonly used?: number
    readonly retryAfter?: number
  } = {},
): Problem =>
  new Problem(
    {
      type: `urn:kommies:problem:${code}`,
      title: titles[status] ?? "Error",
      status,
      detail: detail.length > 2000 ? `${detail.slice(0, 2000)}…` : detail,
      code,
      ...extra,
    },
    { disableValidation: true },
  )

// InvalidInput codes that say the request itself is malformed (400), not that
// well-formed content breaks a rule (422).
const malformed = new Set([
  "cursor_invalid",
  "thread_key_invalid",
  "too_many_threads",
  "days_invalid",
  "duration_invalid",
  "search_query_empty",
  "search_query_too_long",
])

/**
 * The problem for a service error: its `code`, and the status of
 * `Errors.httpStatus` (InvalidInput is 400 when the request is malformed, such
 * as a bad cursor, and 422 otherwise).
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromError = (error: KommiesError): Problem => {
  switch (error._tag) {
    case "InvalidInput":
      return make(malformed.has(error.code) ? 400 : 422, error.code, error.message)
    case "QuotaExceeded":
      return make(402, error.code, error.message, {
        metric: error.metric,
        limit: error.limit,
        used: error.used,
      })
    case "RateLimited":
      return make(429, error.code, error.message, {
        limit: error.limit,
        retryAfter: Math.max(1, Math.ceil(error.retryAfterMs / 1000)),
      })
    case "StoreError":
      return make(503, error.code, "The store is not available; try again shortly")
    default:
      return make(httpStatus(error), error.code, error.message)
  }
}

const kommiesTags = new Set([
  "InvalidInput",
  "NotFound",
  "Unauthorized",
  "Forbidden",
  "Conflict",
  "QuotaExceeded",
  "RateLimited",
  "StoreError",
])

/** Whether a failure is one of the services' typed errors. @since 0.1.0 @category guards */
export const isKommiesError = (u: unknown): u is KommiesError =>
  typeof u === "object" &&
  u !== null &&
  "_tag" in u &&
  typeof u._tag === "string" &&
  kommiesTags.has(u._tag)

/**
 * The headers a problem's response carries beside its body: `Retry-After` and
 * `RateLimit-*` for 429.
 *
 * @since 0.1.0
 * @category getters
 */
export const headersOf = (problem: Problem): Record<string, string> =>
  problem.status === 429 && problem.retryAfter !== undefined
    ? {
        "retry-after": String(problem.retryAfter),
        "ratelimit-limit": String(problem.limit ?? 0),
        "ratelimit-remaining": "0",
        "ratelimit-reset": String(problem.retryAfter),
      }
    : {}

/**
 * A web `Response` for a problem: for the edge's checks that run before the
 * API (body size, encoding, JSON).
 *
 * @since 0.1.0
 * @category conversions
 */
export const toResponse = (problem: Problem, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(problem), {
    status: problem.status,
    headers: { "content-type": contentType, ...headersOf(problem), ...headers },
  })

/**
 * Fails with the problem of a service error instead of the error.
 *
 * @since 0.1.0
 * @category combinators
 */
export const orProblem = <A, E extends KommiesError | Problem, R>(
  effect: Effect.Effect<A, E, R>,
): Effect.Effect<A, Problem, R> =>
  Effect.mapError(effect, (error) => (error instanceof Problem ? error : fromError(error)))
