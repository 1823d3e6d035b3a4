/**
 * The PaymentProvider port on Stripe: Checkout for new subscriptions, the
 * Billing Portal for everything after, and verified webhooks translated into
 * core's payment events.
 *
 * @since 0.1.0
 */
import { PaymentProvider } from "@kommies/core"
import { Effect, Layer } from "effect"
import Stripe from "stripe"
import { TranslateError, translate } from "./internal/stripeEvents.js"

/**
 * Settings of {@link layer}.
 *
 * @since 0.1.0
 * @category models
 */
export interface StripeConfig {
  /** `sk_live_…`, `sk_test_…` or a restricted `rk_…` key. */
  readonly secretKey: string
  /** The webhook endpoint's signing secret, `whsec_…`. */
  readonly webhookSecret: string
  /**
   * Kommies plan id → Stripe price id, for every plan sold through Stripe (the
   * same prices as the plans' `priceId`); events name prices, Kommies names plans.
   */
  readonly prices: Readonly<Record<string, string>>
  /** How old a signed webhook may be, in seconds. Default 300 (Stripe's own default). */
  readonly toleranceSeconds?: number | undefined
  /** Retries of failed API calls, with backoff. Default 2. */
  readonly maxNetworkRetries?: number | undefined
  /** API call timeout in milliseconds. Default 20 000. */
  readonly timeoutMs?: number | undefined
  /** Where the API is (tests point these at a local stand-in). Default `api.stripe.com`. */
  readonly apiHost?: string | undefined
  readonly apiPort?: number | undefined
  readonly apiProtocol?: "http" | "https" | undefined
}

// Keys never reach a message shown to anyone, even the partly masked ones
// Stripe echoes back ("Invalid API Key provided: sk_test_****1234").
const redact = (text: string): string =>
  text.replace(/\b(?:sk|rk|pk|whsec)_[A-Za-z0-9_*]+/g, "[redacted]")

const providerError = (what: string) => (cause: unknown) => {
  const detail =
    cause instanceof Stripe.errors.StripeError
      ? `${cause.type}${cause.code ? ` ${cause.code}` : ""}${cause.statusCode ? ` (HTTP ${cause.statusCode})` : ""}: ${cause.message}`
      : cause instanceof Error
        ? cause.message
        : String(cause)
  return new PaymentProvider.PaymentError({
    reason: "Provider",
    message: redact(`Stripe could not ${what}: ${detail}`),
  })
}

const invalidSignature = new PaymentProvider.PaymentError({
  reason: "InvalidSignature",
  message:
    "The Stripe-Signature header does not match the body, was made with another secret, or is too old",
})

/**
 * The Stripe payment provider as a service value.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * const provider = StripeProvider.make({ secretKey, webhookSecret, prices: { pro: "price_123" } })
 */
export const make = (config: StripeConfig): PaymentProvider.PaymentProviderShape => {
  const stripe = new Stripe(config.secretKey, {
    maxNetworkRetries: config.maxNetworkRetries ?? 2,
    timeout: config.timeoutMs ?? 20_000,
    ...(config.apiHost === undefined ? {} : { host: config.apiHost }),
    ...(config.apiPort === undefined ? {} : { port: config.apiPort }),
    ...(config.apiProtocol === undefined ? {} : { protocol: config.apiProtocol }),
  })
  const tolerance = config.toleranceSeconds ?? 300
  const planOfPrice = new Map(
    Object.entries(config.prices).map(([planId, priceId]) => [priceId, planId]),
  )

  const createCheckout: PaymentProvider.PaymentProviderShape["createCheckout"] = (input) =>
    Effect.gen(function* () {
      const planId = planOfPrice.get(input.priceId)
      // Both the session and the subscription carry the site: the session's for
      // checkout.session.completed, the subscription's for every event after.
      const metadata: Record<string, string> = {
        siteId: input.siteId,
        ...(planId === undefined ? {} : { planId }),
      }
      const session = yield* Effect.tryPromise({
        try: () =>
          stripe.checkout.sessions.create({
            mode: "subscription",
            line_items: [{ price: input.priceId, quantity: 1 }],
            client_reference_id: input.siteId,
            metadata,
            subscription_data: { metadata },
            ...(input.customerId !== null
              ? { customer: input.customerId }
              : input.email !== null
                ? { customer_email: input.email }
                : {}),
            success_url: input.successUrl,
            cancel_url: input.cancelUrl,
          }),
        catch: providerError("start a checkout"),
      })
      if (typeof session.url !== "string") {
        return yield* Effect.fail(providerError("start a checkout")("the session has no URL"))
      }
      return { url: session.url }
    })

  const createPortal: PaymentProvider.PaymentProviderShape["createPortal"] = (input) =>
    Effect.tryPromise({
      try: () =>
        stripe.billingPortal.sessions.create({
          customer: input.customerId,
          return_url: input.returnUrl,
        }),
      catch: providerError("open the billing portal"),
    }).pipe(Effect.map((session) => ({ url: session.url })))

  const lookupCheckoutPrice = (sessionId: string) =>
    Effect.tryPromise({
      try: () => stripe.checkout.sessions.listLineItems(sessionId, { limit: 1 }),
      catch: (cause) =>
        new TranslateError({
          message: providerError("read the checkout's line items")(cause).message,
          provider: true,
        }),
    }).pipe(Effect.map((items) => items.data[0]?.price?.id ?? null))

  const parseWebhook: PaymentProvider.PaymentProviderShape["parseWebhook"] = (rawBody, signature) =>
    Effect.gen(function* () {
      const event = yield* Effect.tryPromise({
        try: () =>
          stripe.webhooks.constructEventAsync(rawBody, signature, config.webhookSecret, tolerance),
        catch: (cause) =>
          cause instanceof Stripe.errors.StripeSignatureVerificationError
            ? invalidSignature
            : // Signed by Stripe yet not JSON: nothing to act on, and nothing to retry.
              new PaymentProvider.PaymentError({
                reason: "Unsupported",
                message: "The webhook body is not a JSON Stripe event",
              }),
      })
      return yield* translate(event, {
        planOfPrice: (priceId) => planOfPrice.get(priceId),
        lookupCheckoutPrice,
      }).pipe(
        Effect.mapError(
          (error) =>
            new PaymentProvider.PaymentError({
              reason: error.provider ? "Provider" : "Unsupported",
              message: error.message,
            }),
        ),
      )
    })

  return { enabled: true, createCheckout, createPortal, parseWebhook }
}

/**
 * The Stripe payment provider as a Layer, for `Kommies.make({ paymentProvider })`.
 *
 * @since 0.1.0
 * @category layers
 * @example
 * import { Kommies } from "@kommies/core"
 * import { StripeProvider } from "@kommies/reference-server"
 *
 * const kommies = Kommies.make({
 *   mode: "saas",
 *   plans,
 *   paymentProvider: StripeProvider.layer({
 *     secretKey: process.env.STRIPE_SECRET_KEY!,
 *     webhookSecret: process.env.STRIPE_WEBHOOK_SECRET!,
 *     prices: { pro: "price_123" },
 *   }),
 * })
 */
export const layer = (config: StripeConfig): Layer.Layer<PaymentProvider.PaymentProvider> =>
  Layer.sync(PaymentProvider.PaymentProvider, () => make(config))
