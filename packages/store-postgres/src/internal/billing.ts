/**
 * BillingStore on PostgreSQL: a subscription per site (upserted), invoices by
 * provider id, and the payment events already applied.
 */
import type { SqlClient } from "@effect/sql/SqlClient"
import type { Row } from "@effect/sql/SqlConnection"
import type { BillingStore, Ids, Subscription } from "@kommies/core"
import { Effect } from "effect"
import { attempt } from "./errors.js"
import { num, numOrNull, oneOrNone, pageSize, strOrNull } from "./sql.js"

const subscriptionColumns = `site_id, plan_id, status, customer_id, subscription_id,
  current_period_end, cancel_at_period_end, last_event_at, updated_at`

const toSubscription = (row: Row): Subscription.Subscription => ({
  siteId: row.site_id as Ids.SiteId,
  planId: String(row.plan_id),
  status: row.status as Subscription.SubscriptionStatus,
  customerId: strOrNull(row.customer_id),
  subscriptionId: strOrNull(row.subscription_id),
  currentPeriodEnd: numOrNull(row.current_period_end),
  cancelAtPeriodEnd: row.cancel_at_period_end === true,
  lastEventAt: num(row.last_event_at),
  updatedAt: num(row.updated_at),
})

const invoiceColumns = `id, site_id, amount_cents, currency, status, hosted_url, period_start,
  period_end, created_at`

const toInvoice = (row: Row): Subscription.Invoice => ({
  id: String(row.id),
  siteId: row.site_id as Ids.SiteId,
  amountCents: num(row.amount_cents),
  currency: String(row.currency),
  status: row.status as Subscription.InvoiceStatus,
  hostedUrl: strOrNull(row.hosted_url),
  periodStart: numOrNull(row.period_start),
  periodEnd: numOrNull(row.period_end),
  createdAt: num(row.created_at),
})

/** BillingStore over `sql`. */
export const make = (sql: SqlClient): BillingStore.BillingStoreShape => {
  const subscriptions = sql.literal(subscriptionColumns)
  const invoices = sql.literal(invoiceColumns)
  return {
    getSubscription: (siteId) =>
      sql`SELECT ${subscriptions} FROM subscriptions WHERE site_id = ${siteId}`.pipe(
        Effect.map((rows) => oneOrNone(rows, toSubscription)),
        attempt("BillingStore.getSubscription"),
      ),

    putSubscription: (s) =>
      sql`INSERT INTO subscriptions (${subscriptions}) VALUES (
        ${s.siteId}, ${s.planId}, ${s.status}, ${s.customerId}, ${s.subscriptionId},
        ${s.currentPeriodEnd}, ${s.cancelAtPeriodEnd}, ${s.lastEventAt}, ${s.updatedAt}
      ) ON CONFLICT (site_id) DO UPDATE SET plan_id = EXCLUDED.plan_id,
        status = EXCLUDED.status, customer_id = EXCLUDED.customer_id,
        subscription_id = EXCLUDED.subscription_id,
        current_period_end = EXCLUDED.current_period_end,
        cancel_at_period_end = EXCLUDED.cancel_at_period_end,
        last_event_at = EXCLUDED.last_event_at, updated_at = EXCLUDED.updated_at`.pipe(
        Effect.asVoid,
        attempt("BillingStore.putSubscription"),
      ),

    isEventProcessed: (eventId) =>
      sql`SELECT 1 FROM payment_events WHERE event_id = ${eventId}`.pipe(
        Effect.map((rows) => rows.length > 0),
        attempt("BillingStore.isEventProcessed"),
      ),

    markEventProcessed: (eventId, at) =>
      sql`INSERT INTO payment_events (event_id, processed_at) VALUES (${eventId}, ${at})
        ON CONFLICT DO NOTHING RETURNING 1`.pipe(
        Effect.map((rows) => rows.length > 0),
        attempt("BillingStore.markEventProcessed"),
      ),

    putInvoice: (i) =>
      sql`INSERT INTO invoices (${invoices}) VALUES (
        ${i.id}, ${i.siteId}, ${i.amountCents}, ${i.currency}, ${i.status}, ${i.hostedUrl},
        ${i.periodStart}, ${i.periodEnd}, ${i.createdAt}
      ) ON CONFLICT (id) DO UPDATE SET site_id = EXCLUDED.site_id,
        amount_cents = EXCLUDED.amount_cents, currency = EXCLUDED.currency,
        status = EXCLUDED.status, hosted_url = EXCLUDED.hosted_url,
        period_start = EXCLUDED.period_start, period_end = EXCLUDED.period_end,
        created_at = EXCLUDED.created_at`.pipe(Effect.asVoid, attempt("BillingStore.putInvoice")),

    listInvoices: (siteId, limit) =>
      pageSize(limit) === 0
        ? Effect.succeed([])
        : sql`SELECT ${invoices} FROM invoices WHERE site_id = ${siteId}
            ORDER BY created_at DESC, id DESC LIMIT ${pageSize(limit)}`.pipe(
            Effect.map((rows) => rows.map(toInvoice)),
            attempt("BillingStore.listInvoices"),
          ),
  }
}
