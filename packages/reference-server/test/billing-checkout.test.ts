/**
 * What the real Stripe SDK sends for checkout and the billing portal, caught by
 * a local server standing in for api.stripe.com.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest"
import {
  type FakeStripe,
  type Harness,
  harness,
  proPrice,
  providerConfig,
  type Received,
  secretKey,
  startFakeStripe,
} from "./billing-fixtures.js"

const checkoutUrl = "https://checkout.stripe.com/c/pay/cs_test_kommies"
const portalUrl = "https://billing.stripe.com/p/session/test_kommies"

const stripeLike = (request: Received) => {
  if (request.method === "POST" && request.path === "/v1/checkout/sessions") {
    return {
      status: 200,
      body: { id: "cs_test_kommies", object: "checkout.session", url: checkoutUrl },
    }
  }
  if (request.method === "POST" && request.path === "/v1/billing_portal/sessions") {
    return {
      status: 200,
      body: { id: "bps_1", object: "billing_portal.session", url: portalUrl },
    }
  }
  return { status: 404, body: { error: { type: "invalid_request_error", message: "no route" } } }
}

const urls = {
  successUrl: "https://dash.example.com/billing?done=1",
  cancelUrl: "https://dash.example.com/billing",
}

const now = () => Math.floor(Date.now() / 1000)

describe("billing checkout and portal – through the Stripe SDK", () => {
  let fake: FakeStripe
  let h: Harness
  beforeAll(async () => {
    fake = await startFakeStripe(stripeLike)
    h = await harness({ config: providerConfig(fake) })
  })
  afterEach(() => {
    fake.received.length = 0
    fake.respond = stripeLike
  })
  afterAll(async () => {
    await h.close()
    await fake.close()
  })

  const owner = () => h.kommies.actors.secretKey(h.siteId)

  /** The webhook Stripe sends once the customer has paid. */
  const completeCheckout = async (created: number) => {
    const payload = JSON.stringify({
      id: `evt_checkout_${created}`,
      object: "event",
      created,
      type: "checkout.session.completed",
      data: {
        object: {
          id: "cs_test_kommies",
          object: "checkout.session",
          mode: "subscription",
          client_reference_id: h.siteId,
          metadata: { siteId: h.siteId, planId: "pro" },
          customer: "cus_kommies",
          subscription: "sub_kommies",
        },
      },
    })
    const response = await h.post(payload)
    expect(response.json()).toMatchObject({ applied: true })
  }

  it("checkout – should create a subscription session for the site and return Stripe's URL", async () => {
    const result = await h.kommies.billing.checkout(owner(), "pro", {
      ...urls,
      email: "owner@example.com",
    })
    expect(result).toEqual({ url: checkoutUrl })
    expect(fake.received).toHaveLength(1)
    const [sent] = fake.received
    expect(sent!.method).toBe("POST")
    expect(sent!.path).toBe("/v1/checkout/sessions")
    expect(sent!.headers.authorization).toBe(`Bearer ${secretKey}`)
    expect(sent!.headers["content-type"]).toContain("application/x-www-form-urlencoded")
    expect(Object.fromEntries(sent!.form)).toEqual({
      mode: "subscription",
      "line_items[0][price]": proPrice,
      "line_items[0][quantity]": "1",
      client_reference_id: h.siteId,
      "metadata[siteId]": h.siteId,
      "metadata[planId]": "pro",
      "subscription_data[metadata][siteId]": h.siteId,
      "subscription_data[metadata][planId]": "pro",
      customer_email: "owner@example.com",
      success_url: urls.successUrl,
      cancel_url: urls.cancelUrl,
    })
  })

  it("checkout – should refuse plans Stripe does not sell without calling it", async () => {
    await expect(h.kommies.billing.checkout(owner(), "free", urls)).rejects.toMatchObject({
      _tag: "InvalidInput",
      code: "plan_not_purchasable",
    })
    await expect(h.kommies.billing.checkout(owner(), "gold", urls)).rejects.toMatchObject({
      code: "unknown_plan",
    })
    expect(fake.received).toEqual([])
  })

  it("checkout – should turn Stripe's card error and server error into PaymentError", async () => {
    fake.respond = () => ({
      status: 402,
      body: {
        error: {
          type: "card_error",
          code: "card_declined",
          decline_code: "generic_decline",
          message: "Your card was declined.",
        },
      },
    })
    await expect(h.kommies.billing.checkout(owner(), "pro", urls)).rejects.toMatchObject({
      _tag: "PaymentError",
      reason: "Provider",
      message: expect.stringContaining("Your card was declined."),
    })
    fake.respond = () => ({
      status: 500,
      body: { error: { type: "api_error", message: "Something went wrong on Stripe's end." } },
    })
    await expect(h.kommies.billing.checkout(owner(), "pro", urls)).rejects.toMatchObject({
      _tag: "PaymentError",
      reason: "Provider",
      message: expect.stringContaining("HTTP 500"),
    })
    // Stripe echoes a masked key on authentication errors: none of it is shown.
    fake.respond = () => ({
      status: 401,
      body: {
        error: {
          type: "invalid_request_error",
          message: `Invalid API Key provided: ${secretKey.slice(0, 8)}****cdef`,
        },
      },
    })
    const error = (await h.kommies.billing.checkout(owner(), "pro", urls).catch((e) => e)) as {
      _tag: string
      message: string
    }
    expect(error._tag).toBe("PaymentError")
    expect(error.message).not.toMatch(/sk_test|\*\*\*\*cdef/)
    expect(error.message).toContain("[redacted]")
    // A session without a URL cannot send anybody anywhere.
    fake.respond = () => ({ status: 200, body: { id: "cs_x", object: "checkout.session" } })
    await expect(h.kommies.billing.checkout(owner(), "pro", urls)).rejects.toMatchObject({
      _tag: "PaymentError",
      reason: "Provider",
    })
    expect(fake.received).toHaveLength(4)
  })

  it("portal – should need a customer, then open Stripe's portal for it", async () => {
    await expect(
      h.kommies.billing.portal(owner(), "https://dash.example.com/billing"),
    ).rejects.toMatchObject({ _tag: "NotFound", code: "billing_customer_not_found" })
    expect(fake.received).toEqual([])

    await completeCheckout(now())
    const result = await h.kommies.billing.portal(owner(), "https://dash.example.com/billing")
    expect(result).toEqual({ url: portalUrl })
    expect(fake.received).toHaveLength(1)
    const [sent] = fake.received
    expect(`${sent!.method} ${sent!.path}`).toBe("POST /v1/billing_portal/sessions")
    expect(sent!.headers.authorization).toBe(`Bearer ${secretKey}`)
    expect(Object.fromEntries(sent!.form)).toEqual({
      customer: "cus_kommies",
      return_url: "https://dash.example.com/billing",
    })

    fake.respond = () => ({
      status: 500,
      body: { error: { type: "api_error", message: "Something went wrong on Stripe's end." } },
    })
    await expect(
      h.kommies.billing.portal(owner(), "https://dash.example.com/billing"),
    ).rejects.toMatchObject({ _tag: "PaymentError", reason: "Provider" })
  })

  it("checkout – should reuse the Stripe customer of a canceled subscription", async () => {
    // Still subscribed: a second checkout would bill twice.
    await expect(h.kommies.billing.checkout(owner(), "pro", urls)).rejects.toMatchObject({
      _tag: "Conflict",
      code: "subscription_exists",
    })
    const deleted = JSON.stringify({
      id: "evt_deleted_kommies",
      object: "event",
      created: now() + 5,
      type: "customer.subscription.deleted",
      data: {
        object: {
          id: "sub_kommies",
          object: "subscription",
          customer: "cus_kommies",
          status: "canceled",
          metadata: { siteId: h.siteId, planId: "pro" },
          items: { data: [{ price: { id: proPrice } }] },
        },
      },
    })
    expect((await h.post(deleted)).json()).toMatchObject({ applied: true })
    await h.kommies.billing.checkout(owner(), "pro", { ...urls, email: "ignored@example.com" })
    const form = Object.fromEntries(fake.received[0]!.form)
    expect(form.customer).toBe("cus_kommies")
    expect(form.customer_email).toBeUndefined()
  })
})
