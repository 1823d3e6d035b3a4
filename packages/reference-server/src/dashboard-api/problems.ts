/**
 * Problems of the dashboard API: every failure leaves as
 * `application/problem+json` with a stable `code`, whether it is a typed
 * error of the core services, a body that fails validation, or Fastify's own
 * refusal (bad JSON, body too large). Only a bug is a 500.
 *
 * @since 0.1.0
 */
import type { Errors } from "@kommies/core"
import { Problem as CoreProblem } from "@kommies/core/http"
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify"
import type { DashboardProblem } from "./contract.js"

const titles: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  402: "Payment Required",
  403: "Forbidden",
  404: "Not Found",
  409: "Conflict",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
}

/**
 * A problem to answer with; route code throws it and the plugin's error
 * handler sends it.
 *
 * @since 0.1.0
 * @category errors
 */
export class ProblemError extends Error {
  readonly problem: DashboardProblem
  constructor(problem: DashboardProblem) {
    super(problem.detail)
    this.name = "ProblemError"
    this.problem = problem
  }
}

/**
 * A problem body with the status's title and a `type` made from the code.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * throw problem(409, "single_site_mode", "This server runs one site")
 */
export const problem = (
  status: number,
  code: string,
  detail: string,
  extra: { readonly field?: string; readonly retryAfter?: number } = {},
): ProblemError =>
  new ProblemError({
    type: `urn:kommies:problem:${code}`,
    title: titles[status] ?? "Error",
    status,
    detail: detail.length > 500 ? `${detail.slice(0, 500)}…` : detail,
    code,
    ...extra,
  })

const statusOf: Record<Errors.KommiesError["_tag"], number> = {
  // The dashboard answers 400 for every input a service refuses: the form
  // shows the message next to the field either way.
  InvalidInput: 400,
  NotFound: 404,
  Unauthorized: 401,
  Forbidden: 403,
  Conflict: 409,
  QuotaExceeded: 402,
  RateLimited: 429,
  StoreError: 503,
}

const isTagged = (
  u: unknown,
  tag: string,
): u is { readonly _tag: string; readonly reason?: string; readonly message?: string } =>
  typeof u === "object" && u !== null && "_tag" in u && u._tag === tag

/**
 * The problem for a typed error of the core services (and the payment
 * provider's and mailer's errors they may pass on); null for anything else.
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromServiceError = (error: unknown): ProblemError | null => {
  if (CoreProblem.isKommiesError(error)) {
    if (error._tag === "RateLimited")
      return problem(429, error.code, error.message, {
        retryAfter: Math.max(1, Math.ceil(error.retryAfterMs / 1000)),
      })
    if (error._tag === "StoreError")
      return problem(503, error.code, "The store is not available; try again shortly")
    return problem(statusOf[error._tag], error.code, error.message)
  }
  if (isTagged(error, "PaymentError")) {
    if (error.reason === "Disabled")
      return problem(503, "billing_disabled", "Billing is off on this server")
    return problem(502, "payment_provider_failed", "The payment provider did not answer; retry")
  }
  if (isTagged(error, "MailerError"))
    return problem(502, "email_unsent", "The email could not be sent; retry")
  return null
}

// Fastify's own refusals, by their error code.
const fastifyCodes: Record<string, readonly [number, string, string]> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, "media_type_unsupported", "Send JSON (application/json)"],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, "body_too_large", "The request body is too large"],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, "body_invalid", "Content-Length does not match"],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, "json_invalid", "The body is not valid JSON"],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, "json_invalid", "The body is not valid JSON"],
}

/**
 * The problem for anything a route or Fastify threw: problems as they are,
 * service errors by their code, Fastify's 4xx refusals, and a 500 only for
 * what nobody expected (logged).
 *
 * @since 0.1.0
 * @category constructors
 */
export const toProblem = (error: unknown, request: FastifyRequest): DashboardProblem => {
  if (error instanceof ProblemError) return error.problem
  const service = fromServiceError(error)
  if (service !== null) return service.problem
  const fastify = error as Partial<FastifyError>
  const known = fastify.code === undefined ? undefined : fastifyCodes[fastify.code]
  if (known !== undefined) return problem(known[0], known[1], known[2]).problem
  // A JSON syntax error from the body parser.
  if (error instanceof SyntaxError)
    return problem(400, "json_invalid", "The body is not valid JSON").problem
  if (
    typeof fastify.statusCode === "number" &&
    fastify.statusCode >= 400 &&
    fastify.statusCode < 500
  )
    return problem(fastify.statusCode, "request_invalid", fastify.message ?? "Bad request").problem
  request.log.error({ err: error }, "dashboard API: unexpected failure")
  return problem(500, "internal_error", "Something went wrong on our side").problem
}

/**
 * Sends a problem, with `Retry-After` on 429.
 *
 * @since 0.1.0
 * @category responses
 */
export const send = (reply: FastifyReply, body: DashboardProblem): FastifyReply => {
  if (body.retryAfter !== undefined) reply.header("retry-after", String(body.retryAfter))
  return reply.code(body.status).type(CoreProblem.contentType).send(body)
}
