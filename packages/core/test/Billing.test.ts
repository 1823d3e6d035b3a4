import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer, Option, Ref } from "effect"
import type { PaymentEvent } from "../src/domain/Subscription.js"
import type { SiteId } from "../src/Ids.js"
import { MemoryStore } from "../src/memory.js"
import * as PaymentProvider from "../src/ports/PaymentProvider.js"
import * as Billing from "../src/services/Billing.js"
import {
  changedTo,
  ev,
  invoice,
  noCalls,
  plans,
  pro,
  type ProviderCalls,
  recordingProvider,
  seedSite,
  siteA,
  siteB,
} from "./fixtures/billing.js"
import { hasCorpus, load, sampleNames } from "./fixtures/stripeCorpus.js"

const calls = Ref.unsafeMake<ProviderCalls>(noCalls)
const withProvider = (provider: Layer.Layer<PaymentProvider.PaymentProvider>) =>
  Billing.layer({ plans, defaultPlanId: "free" }).pipe(
    Layer.provideMerge(provider),
    Layer.provideMerge(MemoryStore.layer),
  )
const enabled = withProvider(recordingProvider(calls))
const disabled = withProvider(PaymentProvider.layerNone)

const apply = (event: PaymentEvent) => Effect.flatMap(Billing.Billing, (b) => b.apply(event))
const status = (siteId: SiteId = siteA) =>
  Effect.flatMap(Billing.Billing, (b) => b.subscription(siteId)).pipe(
    Effect.map(Option.match({ onNone: () => "absent", onSome: (s) => s.status })),
  )

describe("Billing.apply", () => {
  it.effect("apply – should walk the common life of a subscription", () =>
    Effect.gen(function* () {
      const steps: ReadonlyArray<readonly [PaymentEvent, string]> = [
        [
          ev.checkout(10, { planId: "pro", customerId: "cus_1", subscriptionId: "sub_1" }),
          "active",
        ],
        [ev.failed(20, { invoice: invoice("in_1", "failed", 20) }), "past_due"],
        [ev.paid(30, { invoice: invoice("in_1", "paid", 20) }), "active"],
        [changedTo(40, "past_due"), "past_due"],
        [changedTo(50, "active"), "active"],
        [changedTo(60, "active", { cancelAtPeriodEnd: true }), "active"],
        [ev.deleted(70, { subscriptionId: "sub_1" }), "canceled"],
      ]
      for (const [event, expected] of steps) {
        expect(yield* apply(event)).toMatchObject({ applied: true, outcome: "applied" })
        expect(yield* status(), event._tag).toBe(expected)
      }
      const sub = Option.getOrThrow(
        yield* Effect.flatMap(Billing.Billing, (b) => b.subscription(siteA)),
      )
      expect(sub).toMatchObject({
        planId: "pro",
        customerId: "cus_1",
        subscriptionId: "sub_1",
        lastEventAt: 70,
      })
      expect(sub.cancelAtPeriodEnd).toBe(false)
      expect(yield* status(siteB)).toBe("absent")
    }).pipe(Effect.provide(enabled)),
  )

  it.effect(
    "apply – should start trialing from a created subscription, and keep it on checkout",
    () =>
      Effect.gen(function* () {
        yield* apply(changedTo(10, "trialing"))
        expect(
          yield* apply(
            ev.checkout(10, { planId: "pro", customerId: "cus_1", subscriptionId: "sub_1" }),
          ),
        ).toMatchObject({ applied: false, outcome: "unchanged" })
        expect(yield* status()).toBe("trialing")
        yield* apply(changedTo(20, "active"))
        expect(yield* status()).toBe("active")
      }).pipe(Effect.provide(enabled)),
  )

  it.effect("apply – should map incomplete to none and unpaid to canceled", () =>
    Effect.gen(function* () {
      yield* apply(changedTo(10, "incomplete"))
      expect(yield* status()).toBe("none")
      yield* apply(ev.checkout(11, { planId: "pro", customerId: "cus_1", subscriptionId: "sub_1" }))
      expect(yield* status()).toBe("active")
      expect(yield* apply(changedTo(12, "incomplete"))).toMatchObject({ applied: false })
      expect(yield* status()).toBe("active")
      yield* apply(changedTo(13, "unpaid"))
      expect(yield* status()).toBe("canceled")
      yield* apply(changedTo(14, "active"))
      expect(yield* status()).toBe("active")
    }).pipe(Effect.provide(enabled)),
  )

  it.effect("apply – should report a replay and change nothing", () =>
    Effect.gen(function* () {
      const first = ev.checkout(10, { planId: "pro", customerId: "cus_1", subscriptionId: "sub_1" })
      expect(yield* apply(first)).toMatchObject({ applied: true })
      yield* apply(changedTo(20, "past_due"))
      const replay = yield* apply(first)
      expect(replay).toMatchObject({ applied: false, outcome: "replayed" })
      expect(Option.map(replay.subscription, (s) => s.status)).toEqual(Option.some("past_due"))
      expect(yield* status()).toBe("past_due")
      const failed = ev.failed(30, { invoice: invoice("in_9", "failed", 30) })
      yield* apply(failed)
      yield* apply(ev.paid(40, { invoice: invoice("in_9", "paid", 30) }))
      expect((yield* apply(failed)).outcome).toBe("replayed")
      const invoices = yield* Effect.flatMap(Billing.Billing, (b) => b.invoices(siteA))
      expect(invoices.map((i) => i.status)).toEqual(["paid"])
    }).pipe(Effect.provide(enabled)),
  )

  it.effect("apply – concurrent deliveries of one event should apply once", () =>
    Effect.gen(function* () {
      const event = ev.failed(5, { invoice: invoice("in_1", "failed", 5) })
      yield* apply(changedTo(1, "active"))
      const results = yield* Effect.all(
        Array.from({ length: 20 }, () => apply(event)),
        { concurrency: "unbounded" },
      )
      expect(results.filter((r) => r.applied)).toHaveLength(1)
      expect(results.filter((r) => r.outcome === "replayed")).toHaveLength(19)
      expect(yield* status()).toBe("past_due")
    }).pipe(Effect.provide(enabled)),
  )

  it.effect("apply – should ignore events older than the state (out of order)", () =>
    Effect.gen(function* () {
      yield* apply(changedTo(20, "past_due"))
      expect(yield* apply(changedTo(10, "active"))).toMatchObject({
        applied: false,
        outcome: "stale",
      })
      expect(yield* status()).toBe("past_due")
      yield* apply(ev.deleted(30, { subscriptionId: "sub_1" }))
      expect((yield* apply(changedTo(25, "active"))).outcome).toBe("stale")
      // Same second as the cancellation: the cancellation still wins.
      expect((yield* apply(changedTo(30, "active"))).outcome).toBe("unchanged")
      expect(yield* status()).toBe("canceled")
    }).pipe(Effect.provide(enabled)),
  )

  it.effect("apply – a deletion delivered before the creation should stay a cancellation", () =>
    Effect.gen(function* () {
      yield* apply(ev.deleted(30, { subscriptionId: "sub_1" }))
      expect(yield* status()).toBe("canceled")
      expect((yield* apply(changedTo(10, "active"))).outcome).toBe("stale")
      expect(
        (yield* apply(ev.checkout(9, { planId: "pro", customerId: "c", subscriptionId: "sub_1" })))
          .outcome,
      ).toBe("stale")
      expect(yield* status()).toBe("canceled")
    }).pipe(Effect.provide(enabled)),
  )

  it.effect("apply – another subscription's end should not cancel the live one", () =>
    Effect.gen(function* () {
      yield* apply(changedTo(10, "active", { subscriptionId: "sub_old" }))
      yield* apply(
        ev.checkout(20, { planId: "pro", customerId: "cus_1", subscriptionId: "sub_new" }),
      )
      expect(yield* apply(ev.deleted(30, { subscriptionId: "sub_old" }))).toMatchObject({
        applied: false,
      })
      expect(yield* apply(changedTo(31, "canceled", { subscriptionId: "sub_old" }))).toMatchObject({
        applied: false,
      })
      const sub = Option.getOrThrow(
        yield* Effect.flatMap(Billing.Billing, (b) => b.subscription(siteA)),
      )
      expect(sub).toMatchObject({ status: "active", subscriptionId: "sub_new" })
    }).pipe(Effect.provide(enabled)),
  )

  it.effect("apply – invoices should be stored, newest first; a late failure is dropped", () =>
    Effect.gen(function* () {
      const b = yield* Billing.Billing
      yield* apply(changedTo(100, "active"))
      yield* apply(ev.paid(50, { invoice: invoice("in_old", "paid", 50) }))
      yield* apply(ev.failed(60, { invoice: invoice("in_late", "failed", 60) }))
      yield* apply(ev.paid(110, { invoice: invoice("in_new", "paid", 110) }))
      expect((yield* b.invoices(siteA)).map((i) => i.id)).toEqual(["in_new", "in_old"])
      expect(yield* status()).toBe("active")
      expect(yield* b.invoices(siteB)).toEqual([])
    }).pipe(Effect.provide(enabled)),
  )
})

describe("Billing plans", () => {
  it.effect("planFor – should follow the subscription while paid", () =>
    Effect.gen(function* () {
      const b = yield* Billing.Billing
      expect(yield* b.plans()).toEqual(plans)
      expect((yield* b.planFor(siteA)).id).toBe("free")
      yield* apply(changedTo(1, "past_due"))
      expect(yield* b.planFor(siteA)).toEqual(pro)
      yield* apply(changedTo(2, "canceled"))
      expect((yield* b.planFor(siteA)).id).toBe("free")
    }).pipe(Effect.provide(enabled)),
  )

  it.effect("checkout – should open the provider's checkout for a paid plan", () =>
    Effect.gen(function* () {
      yield* Ref.set(calls, noCalls)
      yield* seedSite(siteA)
      const b = yield* Billing.Billing
      const urls = {
        successUrl: "https://app/ok",
        cancelUrl: "https://app/no",
        email: "o@example.com",
      }
      expect(yield* b.checkout(siteA, "pro", urls)).toEqual({
        url: "https://pay.test/checkout/price_pro",
      })
      expect((yield* Ref.get(calls)).checkouts).toEqual([
        { siteId: siteA, priceId: "price_pro", customerId: null, ...urls },
      ])
      const fail = (planId: string, siteId = siteA) => Effect.flip(b.checkout(siteId, planId, urls))
      expect(yield* fail("nope")).toMatchObject({ _tag: "InvalidInput", code: "unknown_plan" })
      expect(yield* fail("free")).toMatchObject({
        _tag: "InvalidInput",
        code: "plan_not_purchasable",
      })
      expect(yield* fail("pro", siteB)).toMatchObject({ _tag: "NotFound", code: "site_not_found" })
      yield* apply(changedTo(1, "active"))
      expect(yield* fail("strict")).toMatchObject({ _tag: "Conflict", code: "subscription_exists" })
      // After a cancellation the customer comes back with the same customer id.
      yield* apply(ev.deleted(2, { subscriptionId: "sub_1" }))
      yield* b.checkout(siteA, "strict", { successUrl: "s", cancelUrl: "c" })
      expect((yield* Ref.get(calls)).checkouts[1]).toMatchObject({
        customerId: "cus_1",
        email: null,
      })
    }).pipe(Effect.provide(enabled)),
  )

  it.effect("portal – should open the provider's portal for the site's customer", () =>
    Effect.gen(function* () {
      yield* Ref.set(calls, noCalls)
      const b = yield* Billing.Billing
      expect(yield* Effect.flip(b.portal(siteA, "https://app/billing"))).toMatchObject({
        _tag: "NotFound",
        code: "billing_customer_not_found",
      })
      yield* apply(ev.checkout(1, { planId: "pro", customerId: "cus_7", subscriptionId: "sub_7" }))
      expect(yield* b.portal(siteA, "https://app/billing")).toEqual({
        url: "https://pay.test/portal/cus_7",
      })
      expect((yield* Ref.get(calls)).portals).toEqual([
        { customerId: "cus_7", returnUrl: "https://app/billing" },
      ])
    }).pipe(Effect.provide(enabled)),
  )

  it.effect("webhook – should verify, translate and apply", () =>
    Effect.gen(function* () {
      const b = yield* Billing.Billing
      const body = JSON.stringify(changedTo(1, "active"))
      expect(yield* b.webhook(body, "valid")).toMatchObject({ applied: true })
      expect((yield* b.webhook(body, "valid")).outcome).toBe("replayed")
      expect((yield* b.webhook('{"ignored":true}', "valid")).outcome).toBe("ignored")
      expect(yield* Effect.flip(b.webhook(body, "forged"))).toMatchObject({
        reason: "InvalidSignature",
      })
    }).pipe(Effect.provide(enabled)),
  )

  it.effect("disabled – should refuse checkout, portal and webhooks, and grant unlimited", () =>
    Effect.gen(function* () {
      yield* seedSite(siteA)
      const b = yield* Billing.Billing
      expect(b.enabled).toBe(false)
      const urls = { successUrl: "s", cancelUrl: "c" }
      expect(yield* Effect.flip(b.checkout(siteA, "pro", urls))).toMatchObject({
        _tag: "PaymentError",
        reason: "Disabled",
      })
      expect(yield* Effect.flip(b.portal(siteA, "r"))).toMatchObject({ reason: "Disabled" })
      expect(yield* Effect.flip(b.webhook("{}", "valid"))).toMatchObject({ reason: "Disabled" })
      expect((yield* b.planFor(siteA)).id).toBe("unlimited")
    }).pipe(Effect.provide(disabled)),
  )
})

describe.runIf(hasCorpus)("Billing with Stripe event samples", () => {
  it.effect(
    "corpus – every sample should translate, and a checkout should end active then canceled",
    () =>
      Effect.gen(function* () {
        const names = sampleNames()
        expect(names.filter((n) => load(n) !== null)).toHaveLength(6)
        const order = [
          "customer.subscription.created",
          "invoice.paid",
          "customer.subscription.updated",
          "checkout.session.completed",
        ]
        for (const name of order) yield* apply(load(name)!)
        let sub = Option.getOrThrow(
          yield* Effect.flatMap(Billing.Billing, (b) => b.subscription(siteA)),
        )
        expect(sub).toMatchObject({
          status: "active",
          cancelAtPeriodEnd: true,
          customerId: "cus_QXg1o8vcGmoR32",
        })
        for (const name of order) expect((yield* apply(load(name)!)).outcome).toBe("replayed")
        yield* apply(load("invoice.payment_failed")!)
        expect(yield* status()).toBe("past_due")
        yield* apply(load("customer.subscription.deleted")!)
        sub = Option.getOrThrow(
          yield* Effect.flatMap(Billing.Billing, (b) => b.subscription(siteA)),
        )
        expect(sub.status).toBe("canceled")
        expect((yield* Effect.flatMap(Billing.Billing, (b) => b.invoices(siteA))).length).toBe(1)
      }).pipe(Effect.provide(enabled)),
  )
})
