/**
 * `POST /billing/stripe/webhook`: Stripe's events into Billing. The signature
 * covers the exact bytes Stripe sent, so this route reads the raw body in its
 * own encapsulated context (no JSON parser runs before it) under a size limit.
 *
 * @since 0.1.0
 */
import { Problem } from "@kommies/core/http"
import type { FastifyError, FastifyPluginAsync, FastifyReply } from "fastify"
import type { AppContext } from "../AppContext.js"

/**
 * Options of {@link billingWebhook}.
 *
 * @since 0.1.0
 * @category models
 */
export interface BillingWebhookOptions {
  readonly app: AppContext
  /** Largest accepted body in bytes; Stripe's events are far smaller. Default 256 KiB. */
  readonly bodyLimit?: number | undefined
}

/**
 * What the route answers to an accepted event: whether it changed the
 * subscription or invoices, and Billing's outcome (`applied`, `replayed`,
 * `stale`, `unchanged`, `ignored`).
 *
 * @since 0.1.0
 * @category models
 */
export interface WebhookReceipt {
  readonly received: true
  readonly applied: boolean
  readonly outcome: string
}

// A Buffer, so Fastify sends the media type as given (no `; charset` appended).
const send = (reply: FastifyReply, problem: Problem.Problem) =>
  reply
    .code(problem.status)
    .type(Problem.contentType)
    .send(Buffer.from(JSON.stringify(problem)))

const isTagged = (u: unknown): u is { readonly _tag: string; readonly message?: unknown } =>
  typeof u === "object" && u !== null && "_tag" in u && typeof u._tag === "string"

/** The problem for a failed `billing.webhook` call. */
const problemOf = (error: unknown): Problem.Problem | null => {
  if (Problem.isKommiesError(error)) return Problem.fromError(error)
  if (!isTagged(error) || error._tag !== "PaymentError" || !("reason" in error)) return null
  const message = typeof error.message === "string" ? error.message : "Payment provider error"
  switch (error.reason) {
    case "InvalidSignature":
      return Problem.make(400, "invalid_signature", message)
    case "Unsupported":
      return Problem.make(400, "invalid_event", message)
    case "Disabled":
      return Problem.make(503, "billing_disabled", message)
    default:
      // Stripe retries non-2xx deliveries: a provider hiccup heals on its own.
      return Problem.make(502, "payment_provider_error", message)
  }
}

/**
 * Registers `POST /billing/stripe/webhook`: verifies the `Stripe-Signature`
 * header over the raw body and applies the event through
 * `app.kommies.billing.webhook`. Answers 200 `{ received, applied, outcome }`;
 * 400 problem+json `missing_signature`, `invalid_signature` or
 * `invalid_event`; 413 `body_too_large`; 503 `billing_disabled` when no payment
 * provider is configured; 502 when Stripe's API failed while reading the event.
 *
 * @since 0.1.0
 * @category plugins
 * @example
 * import { billingWebhook } from "./billing/index.js"
 *
 * await fastify.register(billingWebhook, { app })
 * // in Stripe: an endpoint at https://comments.example.com/billing/stripe/webhook
 */
export const billingWebhook: FastifyPluginAsync<BillingWebhookOptions> = async (
  fastify,
  options,
) => {
  const { app } = options
  const bodyLimit = options.bodyLimit ?? 256 * 1024

  // Only in this plugin's context: every body stays the bytes Stripe signed.
  fastify.removeAllContentTypeParsers()
  fastify.addContentTypeParser("*", { parseAs: "buffer", bodyLimit }, (_request, body, done) =>
    done(null, body),
  )
  fastify.setErrorHandler((error: FastifyError, request, reply) => {
    const status = typeof error.statusCode === "number" ? error.statusCode : 500
    if (status === 413) {
      return send(reply, Problem.make(413, "body_too_large", `The body is over ${bodyLimit} bytes`))
    }
    if (status >= 400 && status < 500) {
      return send(reply, Problem.make(400, "invalid_request", error.message))
    }
    request.log.error({ err: error }, "billing webhook failed")
    return send(reply, Problem.make(500, "internal_error", "The webhook could not be processed"))
  })

  fastify.post("/billing/stripe/webhook", { bodyLimit }, async (request, reply) => {
    if (!app.billingEnabled) {
      return send(
        reply,
        Problem.make(503, "billing_disabled", "Billing is off: no payment provider is configured"),
      )
    }
    const signature = request.headers["stripe-signature"]
    if (typeof signature !== "string" || signature.trim() === "") {
      return send(
        reply,
        Problem.make(400, "missing_signature", "The Stripe-Signature header is missing"),
      )
    }
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0)
    try {
      const result = await app.kommies.billing.webhook(body.toString("utf8"), signature)
      const receipt: WebhookReceipt = {
        received: true,
        applied: result.applied,
        outcome: result.outcome,
      }
      return reply.code(200).send(receipt)
    } catch (error) {
      const problem = problemOf(error)
      if (problem === null) throw error
      if (problem.status >= 500) request.log.warn({ err: error }, "billing webhook not applied")
      return send(reply, problem)
    }
  })
}
