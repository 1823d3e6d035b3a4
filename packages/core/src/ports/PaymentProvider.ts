/**
 * Port: the payment provider (Stripe in the reference server, `none` when self-hosting).
 *
 * @since 0.1.0
 */
import { Context, Data, Effect, Layer } from "effect"
import type { PaymentEvent } from "../domain/Subscription.js"
import type { SiteId } from "../Ids.js"

/** @since 0.1.0 @category errors */
export class PaymentError extends Data.TaggedError("PaymentError")<{
  readonly reason: "Disabled" | "InvalidSignature" | "Unsupported" | "Provider"
  readonly message: string
}> {}

/** @since 0.1.0 @category ports */
export interface PaymentProviderShape {
  readonly enabled: boolean
  readonly createCheckout: (input: {
    readonly siteId: SiteId
    readonly priceId: string
    readonly customerId: string | null
    readonly email: string | null
    readonly successUrl: string
    readonly cancelUrl: string
  }) => Effect.Effect<{ readonly url: string }, PaymentError>
  readonly createPortal: (input: {
    readonly customerId: string
    readonly returnUrl: string
  }) => Effect.Effect<{ readonly url: string }, PaymentError>
  /**
   * Verifies a webhook's signature over the raw body and translates it. Events
   * Kommies does not act on come back as None-like `null`.
   */
  readonly parseWebhook: (
    rawBody: string,
    signature: string,
  ) => Effect.Effect<PaymentEvent | null, PaymentError>
}

/** @since 0.1.0 @category ports */
export class PaymentProvider extends Context.Tag("@kommies/core/PaymentProvider")<
  PaymentProvider,
  PaymentProviderShape
>() {}

const disabled = new PaymentError({
  reason: "Disabled",
  message: "Billing is off: no payment provider is configured",
})

/** No payment provider: billing is off and every plan is unlimited. @since 0.1.0 @category layers */
export const layerNone: Layer.Layer<PaymentProvider> = Layer.succeed(PaymentProvider, {
  enabled: false,
  createCheckout: () => Effect.fail(disabled),
  createPortal: () => Effect.fail(disabled),
  parseWebhook: () => Effect.fail(disabled),
})
