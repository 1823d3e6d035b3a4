/**
 * Stripe's webhook events, translated into core's `PaymentEvent`. Only the
 * fields Kommies reads are decoded, and both shapes Stripe has used are
 * accepted (before and after the 2025-03-31 API version moved the billing
 * period onto subscription items and an invoice's subscription under `parent`),
 * since the shape depends on the webhook endpoint's pinned API version.
 *
 * Pure: no SDK, no network. The one fact an event may lack, the plan a checkout
 * bought, is asked for through `lookupCheckoutPrice`.
 */
import type { Subscription as Billing } from "@kommies/core"
import { Effect, ParseResult, Schema } from "effect"

type Event = Billing.PaymentEvent
type ProviderStatus = Extract<Event, { _tag: "SubscriptionChanged" }>["status"]

/** An expandable reference: an id, or the object itself once expanded. */
const Ref = Schema.Union(Schema.String, Schema.Struct({ id: Schema.String }))
type Ref = typeof Ref.Type
const idOf = (ref: Ref): string => (typeof ref === "string" ? ref : ref.id)
const refId = (ref: Ref | null | undefined): string | null =>
  ref === null || ref === undefined ? null : idOf(ref)

const Metadata = Schema.NullOr(Schema.Record({ key: Schema.String, value: Schema.String }))
type Metadata = typeof Metadata.Type
const opt = <S extends Schema.Schema.Any>(schema: S) => Schema.optional(Schema.NullOr(schema))

/** The envelope every Stripe event shares. */
const Envelope = Schema.Struct({
  id: Schema.String,
  type: Schema.String,
  created: Schema.Number,
  data: Schema.Struct({ object: Schema.Unknown }),
})

const CheckoutSession = Schema.Struct({
  id: Schema.String,
  mode: opt(Schema.String),
  client_reference_id: opt(Schema.String),
  metadata: Schema.optional(Metadata),
  customer: opt(Ref),
  subscription: opt(Ref),
})

const Subscription = Schema.Struct({
  id: Schema.String,
  customer: Ref,
  status: Schema.String,
  metadata: Schema.optional(Metadata),
  cancel_at_period_end: opt(Schema.Boolean),
  cancel_at: opt(Schema.Number),
  current_period_end: opt(Schema.Number),
  items: opt(
    Schema.Struct({
      data: Schema.Array(
        Schema.Struct({
          price: opt(Ref),
          current_period_end: opt(Schema.Number),
        }),
      ),
    }),
  ),
})

const Period = Schema.Struct({ start: Schema.Number, end: Schema.Number })

const Invoice = Schema.Struct({
  id: Schema.String,
  amount_due: Schema.Number,
  amount_paid: Schema.Number,
  currency: Schema.String,
  hosted_invoice_url: opt(Schema.String),
  created: Schema.Number,
  period_start: opt(Schema.Number),
  period_end: opt(Schema.Number),
  metadata: Schema.optional(Metadata),
  // before 2025-03-31
  subscription: opt(Ref),
  subscription_details: opt(Schema.Struct({ metadata: Schema.optional(Metadata) })),
  // since 2025-03-31
  parent: opt(
    Schema.Struct({
      subscription_details: opt(
        Schema.Struct({ metadata: Schema.optional(Metadata), subscription: opt(Ref) }),
      ),
    }),
  ),
  lines: opt(
    Schema.Struct({ data: Schema.Array(Schema.Struct({ period: Schema.optional(Period) })) }),
  ),
})

/**
 * How Stripe names things in Kommies terms: prices to plan ids, and (for a
 * checkout whose session does not say) the price a checkout session bought.
 */
export interface Translation {
  /** Stripe price id → Kommies plan id. */
  readonly planOfPrice: (priceId: string) => string | undefined
  /** The price of the session's first line item, from the API. */
  readonly lookupCheckoutPrice: (sessionId: string) => Effect.Effect<string | null, TranslateError>
}

/** Why an event could not be translated: it does not have the shape Stripe documents. */
export class TranslateError extends Schema.TaggedError<TranslateError>()("TranslateError", {
  message: Schema.String,
  /** Whether the payment provider failed (retry later), not the event. */
  provider: Schema.Boolean,
}) {}

const decode = <A, I>(schema: Schema.Schema<A, I>, input: unknown, what: string) =>
  Schema.decodeUnknown(schema, { onExcessProperty: "ignore" })(input).pipe(
    Effect.mapError(
      (error) =>
        new TranslateError({
          message: `${what} does not look like a Stripe ${what}: ${ParseResult.TreeFormatter.formatErrorSync(error)}`,
          provider: false,
        }),
    ),
  )

const fromMetadata = (...sources: ReadonlyArray<Metadata | undefined>): string | null => {
  for (const metadata of sources) {
    const value = metadata?.siteId
    if (typeof value === "string" && value !== "") return value
  }
  return null
}

/** Stripe's subscription statuses onto the ones core's PaymentEvent knows. */
const providerStatus = (status: string): ProviderStatus | null => {
  switch (status) {
    case "trialing":
    case "active":
    case "past_due":
    case "canceled":
    case "incomplete":
    case "unpaid":
      return status
    // The first payment never succeeded: nothing was ever paid.
    case "incomplete_expired":
      return "canceled"
    // A trial ended without a payment method: no access until it resumes.
    case "paused":
      return "unpaid"
    default:
      return null
  }
}

const seconds = (value: number | null | undefined): number | null =>
  value === null || value === undefined ? null : value * 1000

const ignore = (event: typeof Envelope.Type, why: string) =>
  Effect.as(Effect.logWarning(`Stripe event ${event.id} (${event.type}) ignored: ${why}`), null)

/**
 * A verified Stripe event as core's PaymentEvent; null for the kinds Kommies
 * does not act on, and for events that name no Kommies site (logged).
 */
export const translate = (
  raw: unknown,
  names: Translation,
): Effect.Effect<Event | null, TranslateError> =>
  Effect.gen(function* () {
    const event = yield* decode(Envelope, raw, "event")
    const occurredAt = event.created * 1000
    const base = { eventId: event.id, occurredAt }
    const object = event.data.object
    switch (event.type) {
      case "checkout.session.completed": {
        const session = yield* decode(CheckoutSession, object, "checkout session")
        if (session.mode !== "subscription") return yield* ignore(event, "not a subscription")
        const siteId = fromMetadata(session.metadata) ?? session.client_reference_id ?? null
        if (siteId === null) return yield* ignore(event, "no siteId in metadata or reference")
        const customerId = refId(session.customer)
        if (customerId === null) return yield* ignore(event, "the session has no customer")
        // The plan id written at checkout; a session made elsewhere (a payment
        // link, the Stripe dashboard) is asked for what it sold.
        let planId = session.metadata?.planId ?? null
        if (planId === null) {
          const priceId = yield* names.lookupCheckoutPrice(session.id)
          planId = priceId === null ? null : planOf(names, priceId)
        }
        if (planId === null) return yield* ignore(event, "the session sold no price")
        return {
          _tag: "CheckoutCompleted",
          ...base,
          siteId: siteId as Event["siteId"],
          planId,
          customerId,
          subscriptionId: refId(session.subscription),
        } as const
      }
      case "customer.subscription.created":
      case "customer.subscription.updated":
      case "customer.subscription.deleted": {
        const sub = yield* decode(Subscription, object, "subscription")
        const siteId = fromMetadata(sub.metadata)
        if (siteId === null) return yield* ignore(event, "no siteId in the subscription metadata")
        if (event.type === "customer.subscription.deleted") {
          return {
            _tag: "SubscriptionDeleted",
            ...base,
            siteId: siteId as Event["siteId"],
            subscriptionId: sub.id,
          } as const
        }
        const status = providerStatus(sub.status)
        if (status === null) return yield* ignore(event, `unknown status "${sub.status}"`)
        const item = sub.items?.data[0]
        const priceId = refId(item?.price)
        // The price decides the plan (plan changes in the portal swap the price,
        // not the metadata); a price no plan has is kept as is, so the site
        // falls back to the default plan and Billing logs it.
        const planId = priceId === null ? (sub.metadata?.planId ?? null) : planOf(names, priceId)
        if (planId === null) return yield* ignore(event, "the subscription has no price")
        return {
          _tag: "SubscriptionChanged",
          ...base,
          siteId: siteId as Event["siteId"],
          planId,
          customerId: idOf(sub.customer),
          subscriptionId: sub.id,
          status,
          currentPeriodEnd: seconds(item?.current_period_end ?? sub.current_period_end),
          cancelAtPeriodEnd:
            sub.cancel_at_period_end === true ||
            (sub.cancel_at !== null && sub.cancel_at !== undefined),
        } as const
      }
      case "invoice.paid":
      case "invoice.payment_failed": {
        const invoice = yield* decode(Invoice, object, "invoice")
        const siteId = fromMetadata(
          invoice.parent?.subscription_details?.metadata,
          invoice.subscription_details?.metadata,
          invoice.metadata,
        )
        if (siteId === null) return yield* ignore(event, "no siteId in the invoice's metadata")
        const paid = event.type === "invoice.paid"
        const period = invoice.lines?.data[0]?.period
        return {
          _tag: paid ? "InvoicePaid" : "InvoicePaymentFailed",
          ...base,
          siteId: siteId as Event["siteId"],
          invoice: {
            id: invoice.id,
            siteId: siteId as Event["siteId"],
            amountCents: Math.round(paid ? invoice.amount_paid : invoice.amount_due),
            currency: invoice.currency,
            status: paid ? "paid" : "failed",
            hostedUrl: invoice.hosted_invoice_url ?? null,
            periodStart: seconds(period?.start ?? invoice.period_start),
            periodEnd: seconds(period?.end ?? invoice.period_end),
            createdAt: invoice.created * 1000,
          },
        } as const
      }
      default:
        return null
    }
  })

const planOf = (names: Translation, priceId: string): string =>
  names.planOfPrice(priceId) ?? priceId
