/**
 * The life of one subscription told with Stripe's own samples, posted through
 * the webhook route: checkout, a failed and a paid invoice, a replay, a late
 * event, cancellation; with the plan's comment limit checked along the way.
 * Run on every store.
 */
import { expect } from "vitest"
import {
  type FakeStripe,
  forSite,
  type Harness,
  proPrice,
  sampleNames,
} from "./billing-fixtures.js"

const t0 = 1_721_954_060

/** Posts a sample for the harness's site and returns the parsed answer. */
const deliver = async (h: Harness, name: string, created: number, id?: string) => {
  const response = await h.post(JSON.stringify(forSite(name, h.siteId, created, id)))
  return { status: response.statusCode, body: response.json() as Record<string, unknown> }
}

/** Answers the line-items lookup of a checkout session that does not name its plan. */
export const lineItems: FakeStripe["respond"] = (request) =>
  /^\/v1\/checkout\/sessions\/[^/]+\/line_items$/.test(request.path)
    ? {
        status: 200,
        body: {
          object: "list",
          has_more: false,
          url: request.path,
          data: [{ id: "li_1", object: "item", price: { id: proPrice, object: "price" } }],
        },
      }
    : { status: 404, body: { error: { type: "invalid_request_error", message: "no such route" } } }

export const corpusScenario = async (h: Harness, fake: FakeStripe): Promise<void> => {
  const posted = new Set<string>()
  const send = async (name: string, created: number, id?: string) => {
    posted.add(name)
    return deliver(h, name, created, id)
  }

  // A new site is on the free plan: its third comment of the month is refused.
  let overview = await h.overview()
  expect(overview.plan.id).toBe("free")
  expect(overview.subscription._tag).toBe("None")
  await h.comment("one")
  await h.comment("two")
  await expect(h.comment("three")).rejects.toMatchObject({
    _tag: "QuotaExceeded",
    metric: "comments",
    limit: 2,
  })

  // Checkout completes: the sample names no plan, so the provider asks Stripe what it sold.
  expect(await send("checkout.session.completed", t0)).toEqual({
    status: 200,
    body: { received: true, applied: true, outcome: "applied" },
  })
  expect(fake.received.map((r) => `${r.method} ${r.path}`)).toEqual([
    "GET /v1/checkout/sessions/cs_test_a1YS1URlnyQCN5fUUduORoQ7Pw41PJqDWkIVQCpJPqkfIhd6tVY8XB1OLY/line_items",
  ])
  overview = await h.overview()
  expect(overview.plan.id).toBe("pro")
  expect(overview.subscription).toMatchObject({
    _tag: "Some",
    value: {
      planId: "pro",
      status: "active",
      customerId: "cus_QXg1o8vcGmoR32",
      subscriptionId: "sub_1Pgc6rB7WZ01zgkWNy0Cn5nw",
    },
  })
  // The upgrade lifts the limit at once.
  await expect(h.comment("three")).resolves.toMatchObject({ status: "approved" })

  // `incomplete` never downgrades a live subscription.
  expect((await send("customer.subscription.created", t0 + 1)).body).toMatchObject({
    applied: false,
    outcome: "unchanged",
  })
  expect((await h.overview()).subscription).toMatchObject({ value: { status: "active" } })

  expect((await send("customer.subscription.updated", t0 + 2)).body.applied).toBe(true)
  expect((await h.overview()).subscription).toMatchObject({
    value: { status: "active", cancelAtPeriodEnd: true, currentPeriodEnd: 976_287_773_000 },
  })

  expect((await send("invoice.payment_failed", t0 + 3)).body.applied).toBe(true)
  overview = await h.overview()
  expect(overview.subscription).toMatchObject({ value: { status: "past_due" } })
  expect(overview.plan.id).toBe("pro") // Stripe is still retrying the card
  expect(overview.invoices).toMatchObject([
    { id: "in_1Pgc6tB7WZ01zgkWu9fdqL6I", status: "failed", amountCents: 1000, currency: "usd" },
  ])

  expect((await send("invoice.paid", t0 + 4)).body.applied).toBe(true)
  const paid = await h.overview()
  expect(paid.subscription).toMatchObject({ value: { status: "active" } })
  expect(paid.invoices).toMatchObject([{ id: "in_1Pgc6tB7WZ01zgkWu9fdqL6I", status: "paid" }])

  // Stripe delivers at least once: the same event again changes nothing.
  expect((await send("invoice.payment_failed", t0 + 3)).body).toMatchObject({
    applied: false,
    outcome: "replayed",
  })
  expect(await h.overview()).toEqual(paid)

  // An older event arriving late (a past_due from before) does not overwrite newer state.
  const late = forSite("customer.subscription.updated", h.siteId, t0 - 100, "evt_late_update")
  late.data.object.status = "past_due"
  late.data.object.cancel_at_period_end = false
  const lateAnswer = await h.post(JSON.stringify(late))
  expect(lateAnswer.statusCode).toBe(200)
  expect(lateAnswer.json()).toMatchObject({ applied: false, outcome: "stale" })
  expect(await h.overview()).toEqual(paid)

  // Cancellation: back to the free plan, whose limit the site is already past.
  expect((await send("customer.subscription.deleted", t0 + 5)).body.applied).toBe(true)
  overview = await h.overview()
  expect(overview.plan.id).toBe("free")
  expect(overview.subscription).toMatchObject({ value: { status: "canceled" } })
  await expect(h.comment("four")).rejects.toMatchObject({ _tag: "QuotaExceeded" })

  // Events Kommies does not act on are acknowledged, so Stripe stops sending them.
  expect((await send("_fixture-event-envelope", t0 + 6)).body).toEqual({
    received: true,
    applied: false,
    outcome: "ignored",
  })
  expect([...posted].sort()).toEqual([...sampleNames()].sort())
}
