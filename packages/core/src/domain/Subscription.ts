/**
 * Subscriptions and invoices, as the payment provider's events leave them.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { SiteId } from "../Ids.js"

/** @since 0.1.0 @category models */
export const SubscriptionStatus = Schema.Literal(
  "none",
  "trialing",
  "active",
  "past_due",
  "canceled",
)
/** @since 0.1.0 @category models */
export type SubscriptionStatus = typeof SubscriptionStatus.Type

/** @since 0.1.0 @category models */
export const Subscription = Schema.Struct({
  siteId: SiteId,
  planId: Schema.String,
  status: SubscriptionStatus,
  customerId: Schema.NullOr(Schema.String),
  subscriptionId: Schema.NullOr(Schema.String),
  currentPeriodEnd: Schema.NullOr(Schema.Number),
  cancelAtPeriodEnd: Schema.Boolean,
  /** Time of the provider event that last changed it; older events are ignored. */
  lastEventAt: Schema.Number,
  updatedAt: Schema.Number,
})
/** @since 0.1.0 @category models */
export type Subscription = typeof Subscription.Type

/** @since 0.1.0 @category models */
export const InvoiceStatus = Schema.Literal("open", "paid", "failed", "void")
/** @since 0.1.0 @category models */
export type InvoiceStatus = typeof InvoiceStatus.Type

/** @since 0.1.0 @category models */
export const Invoice = Schema.Struct({
  id: Schema.String,
  siteId: SiteId,
  amountCents: Schema.Int,
  currency: Schema.String,
  status: InvoiceStatus,
  hostedUrl: Schema.NullOr(Schema.String),
  periodStart: Schema.NullOr(Schema.Number),
  periodEnd: Schema.NullOr(Schema.Number),
  createdAt: Schema.Number,
})
/** @since 0.1.0 @category models */
export type Invoice = typeof Invoice.Type

/**
 * A payment provider's event, already verified and translated into Kommies terms
 * by the PaymentProvider port.
 *
 * @since 0.1.0
 * @category models
 */
export const PaymentEvent = Schema.Union(
  Schema.TaggedStruct("CheckoutCompleted", {
    eventId: Schema.String,
    occurredAt: Schema.Number,
    siteId: SiteId,
    planId: Schema.String,
    customerId: Schema.String,
    subscriptionId: Schema.NullOr(Schema.String),
  }),
  Schema.TaggedStruct("SubscriptionChanged", {
    eventId: Schema.String,
    occurredAt: Schema.Number,
    siteId: SiteId,
    planId: Schema.String,
    customerId: Schema.String,
    subscriptionId: Schema.String,
    status: Schema.Literal("trialing", "active", "past_due", "canceled", "incomplete", "unpaid"),
    currentPeriodEnd: Schema.NullOr(Schema.Number),
    cancelAtPeriodEnd: Schema.Boolean,
  }),
  Schema.TaggedStruct("SubscriptionDeleted", {
    eventId: Schema.String,
    occurredAt: Schema.Number,
    siteId: SiteId,
    subscriptionId: Schema.String,
  }),
  Schema.TaggedStruct("InvoicePaid", {
    eventId: Schema.String,
    occurredAt: Schema.Number,
    siteId: SiteId,
    invoice: Invoice,
  }),
  Schema.TaggedStruct("InvoicePaymentFailed", {
    eventId: Schema.String,
    occurredAt: Schema.Number,
    siteId: SiteId,
    invoice: Invoice,
  }),
)
/** @since 0.1.0 @category models */
export type PaymentEvent = typeof PaymentEvent.Type
