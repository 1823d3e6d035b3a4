/**
 * Webhooks: a site's endpoints and the signed deliveries sent to them.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { SiteId, WebhookId } from "../Ids.js"

/** @since 0.1.0 @category models */
export const WebhookEndpoint = Schema.Struct({
  id: WebhookId,
  siteId: SiteId,
  url: Schema.String,
  /** Used to sign deliveries (HMAC-SHA256); stored encrypted or as the store keeps secrets. */
  secret: Schema.String,
  /** Event types, or `*` for all. */
  events: Schema.Array(Schema.String),
  active: Schema.Boolean,
  createdAt: Schema.Number,
})
/** @since 0.1.0 @category models */
export type WebhookEndpoint = typeof WebhookEndpoint.Type

/** @since 0.1.0 @category models */
export const DeliveryStatus = Schema.Literal("pending", "delivered", "failed")
/** @since 0.1.0 @category models */
export type DeliveryStatus = typeof DeliveryStatus.Type

/** @since 0.1.0 @category models */
export const WebhookDelivery = Schema.Struct({
  id: Schema.String,
  siteId: SiteId,
  endpointId: WebhookId,
  eventId: Schema.String,
  eventType: Schema.String,
  payload: Schema.String,
  status: DeliveryStatus,
  attempts: Schema.Int,
  nextAttemptAt: Schema.Number,
  lastError: Schema.NullOr(Schema.String),
  createdAt: Schema.Number,
})
/** @since 0.1.0 @category models */
export type WebhookDelivery = typeof WebhookDelivery.Type
