/**
 * BillingStore cases: payment-event replay, subscriptions and invoices.
 */
import { expect } from "@effect/vitest"
import { Effect, Option } from "effect"
import { BillingStore } from "../../ports/BillingStore.js"
import * as Fixtures from "../fixtures.js"
import { given, type Group } from "./case.js"
import * as Seed from "./seed.js"

/** BillingStore: what the payment provider's events left behind. */
export const billing: Group = {
  name: "BillingStore",
  cases: [
    given(
      "billing",
      "BillingStore.markEventProcessed – should record an event id once and report replays",
      Effect.gen(function* () {
        const store = yield* BillingStore
        const eventId = `evt_${yield* Fixtures.token}`
        expect(yield* store.markEventProcessed(eventId, 1)).toBe(true)
        expect(yield* store.markEventProcessed(eventId, 2)).toBe(false)
        expect(yield* store.markEventProcessed(`evt_${yield* Fixtures.token}`, 3)).toBe(true)
      }),
    ),
    given(
      ["billing", "races"],
      "BillingStore.markEventProcessed – should let exactly one of 20 concurrent calls record the event",
      Effect.gen(function* () {
        const store = yield* BillingStore
        const eventId = `evt_${yield* Fixtures.token}`
        const results = yield* Effect.all(
          Array.from({ length: 20 }, (_, i) => store.markEventProcessed(eventId, i)),
          { concurrency: "unbounded" },
        )
        expect(results.filter((first) => first).length).toBe(1)
      }),
    ),
    given(
      "billing",
      "BillingStore.putSubscription – should store the site's subscription and replace it on the next put",
      Effect.gen(function* () {
        const store = yield* BillingStore
        const site = yield* Seed.site()
        const other = yield* Seed.site()
        expect(yield* store.getSubscription(site.id)).toEqual(Option.none())
        const first = yield* Fixtures.subscription(site.id)
        yield* store.putSubscription(first)
        expect(yield* store.getSubscription(site.id)).toEqual(Option.some(first))
        const second = {
          ...first,
          status: "past_due" as const,
          cancelAtPeriodEnd: true,
          lastEventAt: first.lastEventAt + 1,
        }
        yield* store.putSubscription(second)
        expect(yield* store.getSubscription(site.id)).toEqual(Option.some(second))
        expect(yield* store.getSubscription(other.id)).toEqual(Option.none())
      }),
    ),
    given(
      "billing",
      "BillingStore.putInvoice – should insert an invoice and replace it by id",
      Effect.gen(function* () {
        const store = yield* BillingStore
        const site = yield* Seed.site()
        const open = yield* Fixtures.invoice(site.id, { status: "open" })
        yield* store.putInvoice(open)
        expect(yield* store.listInvoices(site.id, 10)).toEqual([open])
        const paid = { ...open, status: "paid" as const, hostedUrl: "https://pay.example.test/in" }
        yield* store.putInvoice(paid)
        expect(yield* store.listInvoices(site.id, 10)).toEqual([paid])
      }),
    ),
    given(
      "billing",
      "BillingStore.listInvoices – should list the site's invoices newest first, at most limit",
      Effect.gen(function* () {
        const store = yield* BillingStore
        const site = yield* Seed.site()
        const other = yield* Seed.site()
        const base = 1_800_000_000_000
        const invoices = yield* Effect.forEach([2, 0, 3, 1], (age) =>
          Fixtures.invoice(site.id, { createdAt: base - age * 86_400_000 }),
        )
        for (const invoice of invoices) yield* store.putInvoice(invoice)
        yield* store.putInvoice(yield* Fixtures.invoice(other.id, { createdAt: base + 1 }))
        const newest = [...invoices].sort((a, b) => b.createdAt - a.createdAt)
        expect(yield* store.listInvoices(site.id, 10)).toEqual(newest)
        expect(yield* store.listInvoices(site.id, 2)).toEqual(newest.slice(0, 2))
      }),
    ),
  ],
}
