/**
 * BillingStore in memory: each site's subscription and invoices, and the payment
 * events already applied (for replay protection).
 *
 * @since 0.1.0
 */
import { Effect, Option } from "effect"
import type { Invoice } from "../domain/Subscription.js"
import type { BillingStoreShape } from "../ports/BillingStore.js"
import { pageSize } from "./SortedIds.js"
import { compareIds, peek, type State, site, snapshot } from "./State.js"

/**
 * The memory BillingStore over shared state.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (state: State): BillingStoreShape => ({
  getSubscription: (siteId) =>
    Effect.sync(() => Option.fromNullable(peek(state, siteId)?.subscription)),

  putSubscription: (subscription) =>
    Effect.sync(() => {
      site(state, subscription.siteId).subscription = snapshot(subscription)
    }),

  isEventProcessed: (eventId) => Effect.sync(() => state.paymentEvents.has(eventId)),

  markEventProcessed: (eventId, at) =>
    Effect.sync(() => {
      if (state.paymentEvents.has(eventId)) return false
      state.paymentEvents.set(eventId, at)
      return true
    }),

  putInvoice: (invoice) =>
    Effect.sync(() => {
      const previousSite = state.invoiceSite.get(invoice.id)
      if (previousSite !== undefined && previousSite !== invoice.siteId) {
        peek(state, previousSite)?.invoices.delete(invoice.id)
      }
      site(state, invoice.siteId).invoices.set(invoice.id, snapshot(invoice))
      state.invoiceSite.set(invoice.id, invoice.siteId)
    }),

  listInvoices: (siteId, limit) =>
    Effect.sync(() => {
      const invoices = peek(state, siteId)?.invoices
      if (invoices === undefined) return []
      return Array.from(invoices.values())
        .sort((a: Invoice, b: Invoice) => b.createdAt - a.createdAt || compareIds(b.id, a.id))
        .slice(0, pageSize(limit))
    }),
})
