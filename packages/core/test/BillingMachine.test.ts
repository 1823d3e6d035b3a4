import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import fc from "fast-check"
import type { PaymentEvent, Subscription, SubscriptionStatus } from "../src/domain/Subscription.js"
import * as Machine from "../src/internal/subscriptionMachine.js"
import { MemoryStore } from "../src/memory.js"
import * as PaymentProvider from "../src/ports/PaymentProvider.js"
import * as Billing from "../src/services/Billing.js"
import { changedTo, ev, invoice, plans, siteA } from "./fixtures/billing.js"

const state = (overrides: Partial<Subscription> = {}): Subscription => ({
  ...Machine.initial(siteA, "free"),
  ...overrides,
})
const live = (status: SubscriptionStatus, at = 10) =>
  state({ status, planId: "pro", customerId: "cus_1", subscriptionId: "sub_1", lastEventAt: at })

const checkout = (at: number, subscriptionId: string | null = "sub_1") =>
  ev.checkout(at, { planId: "pro", customerId: "cus_1", subscriptionId })

describe("subscription machine, row by row", () => {
  const rows: ReadonlyArray<
    readonly [string, Subscription, PaymentEvent, SubscriptionStatus | null]
  > = [
    ["stale event", live("active", 10), changedTo(5, "past_due"), null],
    ["checkout from none", state(), checkout(11), "active"],
    [
      "checkout after an incomplete",
      state({ subscriptionId: "sub_1", lastEventAt: 10 }),
      checkout(10),
      "active",
    ],
    ["checkout from canceled, new sub", live("canceled"), checkout(11, "sub_2"), "active"],
    ["checkout from canceled, same sub", live("canceled"), checkout(11), null],
    ["checkout on trialing, same sub", live("trialing"), checkout(11), null],
    ["checkout on active, without sub id", live("active"), checkout(11, null), null],
    ["checkout on active, new sub", live("active"), checkout(11, "sub_2"), "active"],
    ["created trialing", state(), changedTo(11, "trialing"), "trialing"],
    ["created active", state(), changedTo(11, "active"), "active"],
    ["created incomplete", state(), changedTo(11, "incomplete"), "none"],
    ["incomplete never downgrades", live("active"), changedTo(11, "incomplete"), null],
    ["trial ends", live("trialing"), changedTo(11, "active"), "active"],
    ["payment fails (status)", live("active"), changedTo(11, "past_due"), "past_due"],
    ["payment recovers (status)", live("past_due"), changedTo(11, "active"), "active"],
    ["retries exhausted: unpaid", live("past_due"), changedTo(11, "unpaid"), "canceled"],
    ["unpaid paid later", live("canceled"), changedTo(11, "active"), "active"],
    ["canceled, same instant", live("canceled", 11), changedTo(11, "active"), null],
    ["canceled status", live("active"), changedTo(11, "canceled"), "canceled"],
    [
      "other sub ends while live",
      live("active"),
      changedTo(11, "canceled", { subscriptionId: "x" }),
      null,
    ],
    [
      "other sub goes live",
      live("active"),
      changedTo(11, "active", { subscriptionId: "x" }),
      "active",
    ],
    ["deleted", live("past_due"), ev.deleted(11, { subscriptionId: "sub_1" }), "canceled"],
    ["deleted before known", state(), ev.deleted(11, { subscriptionId: "sub_1" }), "canceled"],
    ["deleted twice", live("canceled"), ev.deleted(11, { subscriptionId: "sub_1" }), null],
    ["other sub deleted", live("active"), ev.deleted(11, { subscriptionId: "x" }), null],
    [
      "invoice paid on past_due",
      live("past_due"),
      ev.paid(11, { invoice: invoice("i", "paid", 1) }),
      "active",
    ],
    [
      "invoice paid on active",
      live("active"),
      ev.paid(11, { invoice: invoice("i", "paid", 1) }),
      null,
    ],
    [
      "invoice paid on canceled",
      live("canceled"),
      ev.paid(11, { invoice: invoice("i", "paid", 1) }),
      null,
    ],
    [
      "invoice failed on active",
      live("active"),
      ev.failed(11, { invoice: invoice("i", "failed", 1) }),
      "past_due",
    ],
    [
      "invoice failed on trialing",
      live("trialing"),
      ev.failed(11, { invoice: invoice("i", "failed", 1) }),
      null,
    ],
    [
      "invoice failed on past_due",
      live("past_due"),
      ev.failed(11, { invoice: invoice("i", "failed", 1) }),
      null,
    ],
  ]

  for (const [name, from, event, to] of rows) {
    it(`transition – ${name}: ${from.status} → ${to ?? "unchanged"}`, () => {
      const next = Machine.transition(from, event)
      expect(next?.status ?? null).toBe(to)
      if (next !== null) {
        expect(next.lastEventAt).toBe(event.occurredAt)
        expect(next.siteId).toBe(from.siteId)
      }
    })
  }

  it("transition – should carry the event's fields and keep updatedAt for the caller", () => {
    const next = Machine.transition(
      state({ updatedAt: 7 }),
      changedTo(11, "active", { cancelAtPeriodEnd: true, currentPeriodEnd: 99 }),
    )
    expect(next).toEqual({
      siteId: siteA,
      planId: "pro",
      status: "active",
      customerId: "cus_1",
      subscriptionId: "sub_1",
      currentPeriodEnd: 99,
      cancelAtPeriodEnd: true,
      lastEventAt: 11,
      updatedAt: 7,
    })
    expect(Machine.mapStatus("unpaid")).toBe("canceled")
    expect(Machine.mapStatus("incomplete")).toBe("none")
  })
})

// ----- properties -----

const time = fc.integer({ min: 1, max: 12 })
const subId = fc.constantFrom("sub_a", "sub_b")
const planId = fc.constantFrom("free", "pro")
const customer = fc.constantFrom("cus_1", "cus_2")
const invoiceArb = (status: "paid" | "failed") =>
  fc
    .record({ id: fc.constantFrom("in_1", "in_2"), createdAt: time })
    .map((i) => invoice(i.id, status, i.createdAt))

const eventArb = (sub: fc.Arbitrary<string> = subId): fc.Arbitrary<PaymentEvent> =>
  fc.oneof(
    fc
      .record({
        at: time,
        planId,
        customerId: customer,
        subscriptionId: fc.option(sub, { nil: null }),
      })
      .map(({ at, ...f }) => ev.checkout(at, f)),
    fc
      .record({
        at: time,
        planId,
        customerId: customer,
        subscriptionId: sub,
        status: fc.constantFrom(
          "trialing",
          "active",
          "past_due",
          "canceled",
          "incomplete",
          "unpaid",
        ),
        currentPeriodEnd: fc.option(time, { nil: null }),
        cancelAtPeriodEnd: fc.boolean(),
      })
      .map(({ at, ...f }) => ev.changed(at, f)),
    fc.record({ at: time, subscriptionId: sub }).map(({ at, ...f }) => ev.deleted(at, f)),
    fc.record({ at: time, invoice: invoiceArb("paid") }).map(({ at, ...f }) => ev.paid(at, f)),
    fc.record({ at: time, invoice: invoiceArb("failed") }).map(({ at, ...f }) => ev.failed(at, f)),
  )

const stateArb: fc.Arbitrary<Subscription> = fc
  .record({
    planId,
    status: fc.constantFrom<SubscriptionStatus>(
      "none",
      "trialing",
      "active",
      "past_due",
      "canceled",
    ),
    customerId: fc.option(customer, { nil: null }),
    subscriptionId: fc.option(subId, { nil: null }),
    currentPeriodEnd: fc.option(time, { nil: null }),
    cancelAtPeriodEnd: fc.boolean(),
    lastEventAt: fc.integer({ min: 0, max: 12 }),
  })
  .map((fields) => state(fields))

const fold = (events: ReadonlyArray<PaymentEvent>, from = state()) =>
  events.reduce((s, e) => Machine.transition(s, e) ?? s, from)

describe("subscription machine, properties", () => {
  it("property – applying an event twice is applying it once", () => {
    fc.assert(
      fc.property(stateArb, eventArb(), (s, e) => {
        const once = Machine.transition(s, e)
        return once === null || Machine.transition(once, e) === null
      }),
    )
  })

  it("property – any sequence with every event delivered twice in a row ends as once", () => {
    fc.assert(
      fc.property(stateArb, fc.array(eventArb(), { maxLength: 30 }), (s, events) => {
        expect(
          fold(
            events.flatMap((e) => [e, e]),
            s,
          ),
        ).toEqual(fold(events, s))
      }),
    )
  })

  it("property – an event older than lastEventAt never changes the state", () => {
    fc.assert(
      fc.property(fc.array(eventArb(), { maxLength: 30 }), eventArb(), (events, late) => {
        const s = fold(events)
        fc.pre(late.occurredAt < s.lastEventAt)
        expect(Machine.transition(s, late)).toBeNull()
      }),
    )
  })

  it("property – lastEventAt only moves forward, to the time of the changing event", () => {
    fc.assert(
      fc.property(stateArb, fc.array(eventArb(), { maxLength: 30 }), (s0, events) => {
        let s = s0
        for (const e of events) {
          const next = Machine.transition(s, e)
          if (next !== null) {
            expect(next.lastEventAt).toBe(e.occurredAt)
            expect(next.lastEventAt).toBeGreaterThanOrEqual(s.lastEventAt)
            s = next
          }
        }
      }),
    )
  })

  it("property – a deletion wins over every same-instant event of its subscription, in any order", () => {
    fc.assert(
      fc.property(
        fc.array(eventArb(fc.constant("sub_a")), { maxLength: 8 }),
        fc.array(eventArb(fc.constant("sub_a")), { maxLength: 8 }),
        (before, after) => {
          const at = (e: PaymentEvent): PaymentEvent => ({ ...e, occurredAt: 20 })
          const withSub = (e: PaymentEvent) =>
            e._tag !== "CheckoutCompleted" || e.subscriptionId !== null
          const events = [...before, ev.deleted(20, { subscriptionId: "sub_a" }), ...after]
            .filter(withSub)
            .map(at)
          expect(fold(events).status).toBe("canceled")
        },
      ),
    )
  })
})

describe("Billing.apply, properties", () => {
  const layer = Billing.layer({ plans, defaultPlanId: "free" }).pipe(
    Layer.provideMerge(PaymentProvider.layerNone),
    Layer.provideMerge(MemoryStore.layer),
  )
  const deliver = (events: ReadonlyArray<PaymentEvent>) =>
    Effect.gen(function* () {
      const billing = yield* Billing.Billing
      for (const e of events) yield* billing.apply(e)
      const subscription = yield* billing.subscription(siteA)
      const invoices = yield* billing.invoices(siteA, 100)
      return {
        subscription: subscription._tag === "Some" ? { ...subscription.value, updatedAt: 0 } : null,
        invoices,
      }
    }).pipe(Effect.provide(layer), Effect.runPromise)

  it("property – the final state does not depend on duplicate deliveries", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(eventArb(), { minLength: 1, maxLength: 20 }),
        fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 20 }),
        async (events, dups) => {
          // Each duplicate repeats an event somewhere after its first delivery.
          const delivery = [...events]
          for (const [which, where] of dups) {
            const i = which % events.length
            const first = delivery.indexOf(events[i]!)
            const at = first + 1 + (where % (delivery.length - first))
            delivery.splice(at, 0, events[i]!)
          }
          expect(await deliver(delivery)).toEqual(await deliver(events))
        },
      ),
      { numRuns: 150 },
    )
  })
})
