import Fastify from "fastify"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { billingWebhook } from "../src/billing/index.js"
import {
  businessPrice,
  type FakeStripe,
  forSite,
  type Harness,
  harness,
  hasCorpus,
  corpusDir,
  loadEvent,
  providerConfig,
  sign,
  startFakeStripe,
} from "./billing-fixtures.js"
import { corpusScenario, lineItems } from "./billing-scenario.js"

if (!hasCorpus) console.warn(`skipped: Stripe event corpus not found at ${corpusDir}`)

const now = () => Math.floor(Date.now() / 1000)

/** A checkout.session.completed as Kommies' own checkout leaves it (site and plan in metadata). */
const checkoutEvent = (siteId: string, created: number, id = "evt_built_checkout") => ({
  id,
  object: "event",
  api_version: "2026-10-28.endive",
  created,
  type: "checkout.session.completed",
  data: {
    object: {
      id: "cs_built",
      object: "checkout.session",
      mode: "subscription",
      client_reference_id: siteId,
      metadata: { siteId, planId: "pro" },
      customer: "cus_built",
      subscription: "sub_built",
    },
  },
})

describe.skipIf(!hasCorpus)("billing webhook – Stripe samples on the memory store", () => {
  let fake: FakeStripe
  beforeAll(async () => {
    fake = await startFakeStripe(lineItems)
  })
  afterAll(() => fake.close())

  it("webhook – should move the subscription through Stripe's samples once each", async () => {
    fake.received.length = 0
    const h = await harness({ config: providerConfig(fake) })
    try {
      await corpusScenario(h, fake)
    } finally {
      await h.close()
    }
  })
})

describe.skipIf(!hasCorpus)("billing webhook – events and rejections", () => {
  let fake: FakeStripe
  let h: Harness
  beforeAll(async () => {
    fake = await startFakeStripe(lineItems)
    h = await harness({ config: providerConfig(fake) })
  })
  afterAll(async () => {
    await h.close()
    await fake.close()
  })

  const problem = async (response: Awaited<ReturnType<Harness["post"]>>) => ({
    status: response.statusCode,
    type: response.headers["content-type"],
    code: (response.json() as { code: string }).code,
  })

  it("webhook – should reject a tampered, stale, unsigned or foreign delivery with 400", async () => {
    const before = await h.overview()
    const payload = JSON.stringify(checkoutEvent(h.siteId, now()))
    const bad = (code: string) => ({ status: 400, type: "application/problem+json", code })

    // tampered body: the signature was made over other bytes
    const tampered = payload.replace('"planId":"pro"', '"planId":"business"')
    expect(await problem(await h.post(tampered, sign(payload)))).toEqual(bad("invalid_signature"))
    // tampered signature
    const header = sign(payload)
    const flipped = header.replace(/v1=(.)/, (_, c: string) => `v1=${c === "a" ? "b" : "a"}`)
    expect(flipped).not.toBe(header)
    expect(await problem(await h.post(payload, flipped))).toEqual(bad("invalid_signature"))
    // signed with another endpoint's secret
    const foreign = sign(payload, "whsec_someone_else_0123456789")
    expect(await problem(await h.post(payload, foreign))).toEqual(bad("invalid_signature"))
    // signed 10 minutes ago: past the 5-minute tolerance, a replayed capture
    const stale = sign(payload, undefined, now() - 600)
    expect(await problem(await h.post(payload, stale))).toEqual(bad("invalid_signature"))
    // garbage header, no header
    expect(await problem(await h.post(payload, "nonsense"))).toEqual(bad("invalid_signature"))
    expect(await problem(await h.post(payload, null))).toEqual(bad("missing_signature"))

    expect(await h.overview()).toEqual(before)
    expect(before.subscription._tag).toBe("None")
    // The same payload, freshly and properly signed (within tolerance), is applied.
    const fresh = await h.post(payload, sign(payload, undefined, now() - 60))
    expect(fresh.statusCode).toBe(200)
    expect(fresh.json()).toEqual({ received: true, applied: true, outcome: "applied" })
    expect((await h.overview()).plan.id).toBe("pro")
    // The session named its plan: Stripe's API was not asked.
    expect(fake.received).toEqual([])
  })

  it("webhook – should answer 400, never 500, to signed bodies that are not Stripe events", async () => {
    const notJson = "this is not json"
    expect(await problem(await h.post(notJson))).toMatchObject({
      status: 400,
      code: "invalid_event",
    })
    const event = forSite("customer.subscription.updated", h.siteId, now(), "evt_broken")
    delete event.data.object.customer
    event.data.object.items = "nope"
    const broken = await h.post(JSON.stringify(event))
    expect(await problem(broken)).toMatchObject({ status: 400, code: "invalid_event" })
    expect((broken.json() as { detail: string }).detail).toContain("customer")
    expect(await problem(await h.post(""))).toMatchObject({ status: 400 })
  })

  it("webhook – should refuse a body over the limit with 413", async () => {
    const huge = JSON.stringify({ ...checkoutEvent(h.siteId, now()), pad: "x".repeat(70_000) })
    expect(await problem(await h.post(huge))).toEqual({
      status: 413,
      type: "application/problem+json",
      code: "body_too_large",
    })
  })

  it("webhook – should read the raw body whatever its content type", async () => {
    const event = checkoutEvent(h.siteId, now(), "evt_text_plain")
    const payload = JSON.stringify(event, null, 2) // whitespace must survive byte for byte
    const response = await h.app.inject({
      method: "POST",
      url: "/billing/stripe/webhook",
      headers: { "content-type": "text/plain", "stripe-signature": sign(payload) },
      payload,
    })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toMatchObject({ received: true, outcome: "unchanged" })
  })

  it("webhook – should read a body sent without a content type", async () => {
    const payload = JSON.stringify(checkoutEvent(h.siteId, now(), "evt_no_type"))
    const response = await h.app.inject({
      method: "POST",
      url: "/billing/stripe/webhook",
      headers: { "stripe-signature": sign(payload) },
      payload: Buffer.from(payload),
    })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toMatchObject({ received: true })
  })

  it("webhook – should read events in the shape of API versions before 2025-03-31", async () => {
    const site = await harness({ config: providerConfig(fake) })
    try {
      const created = now()
      const subscription = {
        id: "evt_old_sub",
        object: "event",
        api_version: "2024-06-20",
        created,
        type: "customer.subscription.updated",
        data: {
          object: {
            id: "sub_old",
            object: "subscription",
            customer: { id: "cus_old", object: "customer" },
            status: "trialing",
            metadata: { siteId: site.siteId },
            cancel_at_period_end: false,
            current_period_end: created + 86_400,
            items: { data: [{ price: { id: "price_1PgafmB7WZ01zgkW6dKueIc5" } }] },
          },
        },
      }
      expect((await site.post(JSON.stringify(subscription))).json()).toMatchObject({
        applied: true,
      })
      expect((await site.overview()).subscription).toMatchObject({
        value: {
          planId: "pro",
          status: "trialing",
          customerId: "cus_old",
          currentPeriodEnd: (created + 86_400) * 1000,
        },
      })
      const invoice = {
        id: "evt_old_invoice",
        object: "event",
        api_version: "2024-06-20",
        created: created + 1,
        type: "invoice.payment_failed",
        data: {
          object: {
            id: "in_old",
            object: "invoice",
            amount_due: 1200,
            amount_paid: 0,
            currency: "eur",
            hosted_invoice_url: "https://invoice.stripe.com/i/in_old",
            created,
            period_start: created - 86_400,
            period_end: created,
            subscription: "sub_old",
            subscription_details: { metadata: { siteId: site.siteId } },
          },
        },
      }
      expect((await site.post(JSON.stringify(invoice))).json()).toMatchObject({ applied: true })
      expect((await site.overview()).invoices).toEqual([
        {
          id: "in_old",
          siteId: site.siteId,
          amountCents: 1200,
          currency: "eur",
          status: "failed",
          hostedUrl: "https://invoice.stripe.com/i/in_old",
          periodStart: (created - 86_400) * 1000,
          periodEnd: created * 1000,
          createdAt: created * 1000,
        },
      ])
      // Stripe's `incomplete_expired`: the first payment never came.
      const expired = structuredClone(subscription)
      expired.id = "evt_old_expired"
      expired.created = created + 2
      expired.data.object.status = "incomplete_expired"
      expect((await site.post(JSON.stringify(expired))).json()).toMatchObject({ applied: true })
      expect((await site.overview()).subscription).toMatchObject({ value: { status: "canceled" } })
    } finally {
      await site.close()
    }
  })

  it("webhook – should apply an event delivered twice at once only once", async () => {
    const event = forSite("invoice.paid", h.siteId, now(), "evt_concurrent_paid")
    event.data.object.id = "in_concurrent"
    const payload = JSON.stringify(event)
    const answers = await Promise.all([h.post(payload), h.post(payload), h.post(payload)])
    const outcomes = answers.map((a) => (a.json() as { outcome: string }).outcome).sort()
    expect(outcomes).toEqual(["applied", "replayed", "replayed"])
    const invoices = (await h.overview()).invoices.filter((i) => i.id === "in_concurrent")
    expect(invoices).toHaveLength(1)
  })

  it("webhook – should keep its raw body parser to itself", async () => {
    const app = Fastify()
    app.post("/echo", async (request) => ({ body: request.body }))
    await app.register(billingWebhook, { app: h.context })
    try {
      const echo = await app.inject({ method: "POST", url: "/echo", payload: { a: 1 } })
      expect(echo.json()).toEqual({ body: { a: 1 } })
      const payload = JSON.stringify(checkoutEvent(h.siteId, now(), "evt_sibling"))
      const hook = await app.inject({
        method: "POST",
        url: "/billing/stripe/webhook",
        headers: { "content-type": "application/json", "stripe-signature": sign(payload) },
        payload,
      })
      expect(hook.statusCode).toBe(200)
    } finally {
      await app.close()
    }
  })

  it("webhook – should follow a price change to another plan, and keep an unknown price off paid plans", async () => {
    const event = forSite("customer.subscription.updated", h.siteId, now() + 10, "evt_to_business")
    event.data.object.id = "sub_built"
    event.data.object.customer = "cus_built"
    event.data.object.items.data[0].price.id = businessPrice
    expect((await h.post(JSON.stringify(event))).json()).toMatchObject({ applied: true })
    let overview = await h.overview()
    expect(overview.plan.id).toBe("business")
    expect(overview.plan.limits.comments).toBeNull()

    const unknown = forSite("customer.subscription.updated", h.siteId, now() + 20, "evt_unknown")
    unknown.data.object.id = "sub_built"
    unknown.data.object.customer = "cus_built"
    unknown.data.object.items.data[0].price.id = "price_nobody_sells"
    expect((await h.post(JSON.stringify(unknown))).json()).toMatchObject({ applied: true })
    overview = await h.overview()
    expect(overview.subscription).toMatchObject({ value: { planId: "price_nobody_sells" } })
    expect(overview.plan.id).toBe("free")
  })

  it("webhook – should acknowledge, and not apply, an event that names no site", async () => {
    const event = loadEvent("customer.subscription.updated")
    event.id = "evt_no_site"
    event.created = now() + 30
    const response = await h.post(JSON.stringify(event))
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({ received: true, applied: false, outcome: "ignored" })
  })
})

describe.skipIf(!hasCorpus)("billing webhook – failures around it", () => {
  it("webhook – should answer 503 billing_disabled when no payment provider is configured", async () => {
    const h = await harness({ config: null })
    try {
      const payload = JSON.stringify(checkoutEvent(h.siteId, now()))
      const response = await h.post(payload)
      expect(response.statusCode).toBe(503)
      expect(response.headers["content-type"]).toBe("application/problem+json")
      expect(response.json()).toMatchObject({ code: "billing_disabled", status: 503 })
      const overview = await h.overview()
      expect(overview.enabled).toBe(false)
      expect(overview.plan.id).toBe("unlimited")
    } finally {
      await h.close()
    }
  })

  it("webhook – should answer 502 while Stripe's API fails, and apply the retried delivery", async () => {
    const fake = await startFakeStripe(() => ({
      status: 500,
      body: { error: { type: "api_error", message: "Stripe is down" } },
    }))
    const h = await harness({ config: providerConfig(fake) })
    try {
      const payload = JSON.stringify(forSite("checkout.session.completed", h.siteId, now()))
      const failed = await h.post(payload)
      expect(failed.statusCode).toBe(502)
      expect(failed.json()).toMatchObject({ code: "payment_provider_error" })
      expect((failed.json() as { detail: string }).detail).not.toContain("sk_test")
      expect((await h.overview()).subscription._tag).toBe("None")
      fake.respond = lineItems
      const retried = await h.post(payload)
      expect(retried.json()).toMatchObject({ applied: true })
      expect((await h.overview()).plan.id).toBe("pro")
    } finally {
      await h.close()
      await fake.close()
    }
  })
})
