/**
 * UsageStore and BillingStore on Redis: a hash of counters and a set of active
 * commenters per site and month; the subscription and invoices of each site;
 * processed payment events as global `SET NX` keys.
 *
 * @since 0.1.0
 */
import type {
  BillingStore,
  Subscription as SubscriptionModule,
  Usage as UsageModule,
  UsageStore,
} from "@kommies/core"
import { Effect, Option } from "effect"
import { global, site, siteBase } from "../keys.js"
import { parseRecord } from "../rows.js"
import { decoding, pageSize, run, script } from "../run.js"
import type { RedisConnectionShape } from "../../RedisConnection.js"

type Invoice = SubscriptionModule.Invoice
type Subscription = SubscriptionModule.Subscription

const metrics = ["comments", "threadLoads", "activeCommenters", "apiCalls"] as const

/** Every UTC day from `from` to `to`, both included, at most 366. */
const eachDay = (from: string, to: string): Array<string> => {
  const days: Array<string> = []
  const end = Date.parse(`${to}T00:00:00Z`)
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= end && days.length < 366; t += 86_400_000)
    days.push(new Date(t).toISOString().slice(0, 10))
  return days
}

/**
 * The Redis UsageStore over a connection.
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeUsage = (conn: RedisConnectionShape): UsageStore.UsageStoreShape => {
  const baseOf = (siteId: string) => siteBase(conn.prefix, siteId)
  return {
    increment: (siteId, month, metric, amount) =>
      run(conn, "UsageStore.increment", (c) =>
        c.hincrby(baseOf(siteId) + site.usage(month), metric, amount),
      ),

    markActive: (siteId, month, commenterId) => {
      const base = baseOf(siteId)
      return script(conn, "UsageStore.markActive", "kmUsageMarkActive", [
        base + site.usage(month),
        base + site.usageActive(month),
        commenterId,
      ]).pipe(Effect.map(Number))
    },

    incrementDaily: (siteId, day, counter, amount) =>
      run(conn, "UsageStore.incrementDaily", (c) =>
        c.hincrby(baseOf(siteId) + site.daily(day), counter, amount),
      ),

    daily: (siteId, fromDay, toDay) => {
      const days = eachDay(fromDay, toDay)
      if (days.length === 0) return Effect.succeed([])
      const base = baseOf(siteId)
      const keys = days.map((day) => base + site.daily(day))
      return script(conn, "UsageStore.daily", "kmHashes", [keys[0] as string, ...keys]).pipe(
        Effect.map((reply) =>
          days.map((day, i) => {
            const flat = ((reply as Array<Array<string>>)[i] ?? []) as Array<string>
            const counters: Record<string, number> = {}
            for (let j = 0; j + 1 < flat.length; j += 2) {
              counters[flat[j] as string] = Number(flat[j + 1])
            }
            return { day, counters }
          }),
        ),
      )
    },

    get: (siteId, month) =>
      run(conn, "UsageStore.get", (c) =>
        c.hmget(baseOf(siteId) + site.usage(month), ...metrics),
      ).pipe(
        Effect.map(
          (values): UsageModule.Usage => ({
            siteId,
            month,
            comments: Number(values[0] ?? 0),
            threadLoads: Number(values[1] ?? 0),
            activeCommenters: Number(values[2] ?? 0),
            apiCalls: Number(values[3] ?? 0),
          }),
        ),
      ),
  }
}

/**
 * The Redis BillingStore over a connection.
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeBilling = (conn: RedisConnectionShape): BillingStore.BillingStoreShape => {
  const p = conn.prefix
  const baseOf = (siteId: string) => siteBase(p, siteId)
  return {
    getSubscription: (siteId) =>
      run(conn, "BillingStore.getSubscription", (c) =>
        c.get(baseOf(siteId) + site.subscription),
      ).pipe(
        Effect.flatMap((json) =>
          decoding(conn, "BillingStore.getSubscription", () =>
            json === null
              ? Option.none()
              : Option.some(parseRecord<Subscription>(json, "subscription")),
          ),
        ),
      ),

    putSubscription: (subscription) =>
      run(conn, "BillingStore.putSubscription", (c) =>
        c.set(baseOf(subscription.siteId) + site.subscription, JSON.stringify(subscription)),
      ).pipe(Effect.asVoid),

    isEventProcessed: (eventId) =>
      run(conn, "BillingStore.isEventProcessed", (c) =>
        c.exists(global.paymentEvent(p, eventId)),
      ).pipe(Effect.map((n) => n > 0)),

    markEventProcessed: (eventId, at) =>
      run(conn, "BillingStore.markEventProcessed", (c) =>
        c.set(global.paymentEvent(p, eventId), String(at), "NX"),
      ).pipe(Effect.map((reply) => reply === "OK")),

    putInvoice: (invoice) =>
      Effect.gen(function* () {
        const owner = global.invoiceSite(p, invoice.id)
        const previous = yield* run(conn, "BillingStore.putInvoice", (c) => c.get(owner))
        if (previous !== null && previous !== invoice.siteId) {
          const old = baseOf(previous)
          yield* script(conn, "BillingStore.putInvoice", "kmScoredRemove", [
            old + site.invoices,
            old + site.invoiceIds,
            invoice.id,
          ])
        }
        const base = baseOf(invoice.siteId)
        yield* script(conn, "BillingStore.putInvoice", "kmScoredPut", [
          base + site.invoices,
          base + site.invoiceIds,
          invoice.id,
          JSON.stringify(invoice),
          invoice.createdAt,
        ])
        yield* run(conn, "BillingStore.putInvoice", (c) => c.set(owner, invoice.siteId))
      }),

    listInvoices: (siteId, limit) => {
      const base = baseOf(siteId)
      return script(conn, "BillingStore.listInvoices", "kmScoreHashPage", [
        base + site.invoiceIds,
        base + site.invoices,
        pageSize(limit),
      ]).pipe(
        Effect.flatMap((reply) =>
          decoding(conn, "BillingStore.listInvoices", () =>
            (reply as Array<string>).map((json) => parseRecord<Invoice>(json, "invoice")),
          ),
        ),
      )
    },
  }
}
