/**
 * Port: webhook endpoints and deliveries.
 *
 * @since 0.1.0
 */
import { Context, type Effect, type Option } from "effect"
import type { WebhookDelivery, WebhookEndpoint } from "../domain/Webhook.js"
import type { StoreError } from "../Errors.js"
import type { SiteId, WebhookId } from "../Ids.js"

/** @since 0.1.0 @category ports */
export interface WebhookStoreShape {
  readonly insert: (endpoint: WebhookEndpoint) => Effect.Effect<void, StoreError>
  readonly get: (
    siteId: SiteId,
    id: WebhookId,
  ) => Effect.Effect<Option.Option<WebhookEndpoint>, StoreError>
  readonly list: (siteId: SiteId) => Effect.Effect<ReadonlyArray<WebhookEndpoint>, StoreError>
  readonly update: (endpoint: WebhookEndpoint) => Effect.Effect<void, StoreError>
  readonly remove: (siteId: SiteId, id: WebhookId) => Effect.Effect<boolean, StoreError>
  readonly insertDelivery: (delivery: WebhookDelivery) => Effect.Effect<void, StoreError>
  /** Pending deliveries due at `now`, oldest first, across sites. */
  readonly dueDeliveries: (
    now: number,
    limit: number,
  ) => Effect.Effect<ReadonlyArray<WebhookDelivery>, StoreError>
  readonly updateDelivery: (delivery: WebhookDelivery) => Effect.Effect<void, StoreError>
  /** Newest first. */
  readonly listDeliveries: (
    siteId: SiteId,
    endpointId: WebhookId,
    limit: number,
  ) => Effect.Effect<ReadonlyArray<WebhookDelivery>, StoreError>
}

/** @since 0.1.0 @category ports */
export class WebhookStore extends Context.Tag("@kommies/core/WebhookStore")<
  WebhookStore,
  WebhookStoreShape
>() {}
