/**
 * Port: subscriptions, invoices and the payment events already applied.
 *
 * @since 0.1.0
 */
import { Context, type Effect, type Option } from "effect"
import type { Invoice, Subscription } from "../domain/Subscription.js"
import type { StoreError } from "../Errors.js"
import type { SiteId } from "../Ids.js"

/** @since 0.1.0 @category ports */
export interface BillingStoreShape {
  readonly getSubscription: (
    siteId: SiteId,
  ) => Effect.Effect<Option.Option<Subscription>, StoreError>
  readonly putSubscription: (subscription: Subscription) => Effect.Effect<void, StoreError>
  /** Whether the provider event id was recorded. */
  readonly isEventProcessed: (eventId: string) => Effect.Effect<boolean, StoreError>
  /**
   * Records the provider event id once its changes are written; false if it
   * was recorded before (a replay).
   */
  readonly markEventProcessed: (eventId: string, at: number) => Effect.Effect<boolean, StoreError>
  /** Inserts or replaces by invoice id. */
  readonly putInvoice: (invoice: Invoice) => Effect.Effect<void, StoreError>
  /** Newest first. */
  readonly listInvoices: (
    siteId: SiteId,
    limit: number,
  ) => Effect.Effect<ReadonlyArray<Invoice>, StoreError>
}

/** @since 0.1.0 @category ports */
export class BillingStore extends Context.Tag("@kommies/core/BillingStore")<
  BillingStore,
  BillingStoreShape
>() {}
