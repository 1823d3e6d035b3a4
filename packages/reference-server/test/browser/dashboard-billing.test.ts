/**
 * The billing screen of a saas server with billing on, in Chromium: the
 * current plan, the plans to choose from (each priced plan goes to Checkout),
 * no invoices yet. The payment provider is a stand-in that answers with
 * Checkout addresses the browser is then sent to (intercepted here), and
 * records what the dashboard asked for.
 */
import { PaymentProvider } from "@kommies/core"
import { Effect, Layer } from "effect"
import { expect, it } from "vitest"
import { browserDescribe, check, heading, menu, signUp, useHarness, watch } from "./support.js"

const CHECKOUT = "https://checkout.example"
const asked: Array<{
  readonly priceId: string
  readonly email: string | null
  readonly successUrl: string
}> = []

const provider = Layer.succeed(PaymentProvider.PaymentProvider, {
  enabled: true,
  createCheckout: (input) =>
    Effect.sync(() => {
      asked.push({ priceId: input.priceId, email: input.email, successUrl: input.successUrl })
      return { url: `${CHECKOUT}/pay/${input.priceId}` }
    }),
  createPortal: () => Effect.succeed({ url: `${CHECKOUT}/portal` }),
  parseWebhook: () =>
    Effect.fail(
      new PaymentProvider.PaymentError({ reason: "Unsupported", message: "not in this test" }),
    ),
})

browserDescribe("dashboard in Chromium (saas, billing on)", () => {
  const harness = useHarness(
    "billing",
    {
      STRIPE_SECRET_KEY: "sk_test_dashboard",
      STRIPE_WEBHOOK_SECRET: "whsec_dashboard",
      STRIPE_PRICE_PRO: "price_pro_dashboard",
      STRIPE_PRICE_BUSINESS: "price_business_dashboard",
    },
    provider,
  )

  it("plans – the free plan is current; choosing Pro goes to Checkout", async () => {
    const page = await (await harness.open()).newPage()
    page.setDefaultTimeout(10_000)
    const problems = watch(page)
    await page.route(`${CHECKOUT}/**`, (route) =>
      route.fulfill({
        contentType: "text/html",
        body: '<!doctype html><html lang="en"><title>Checkout</title><h1>Pay</h1></html>',
      }),
    )
    await page.goto(`${harness.world.origin}/dashboard/#/signup`)
    await signUp(harness.world, page, "Bill Payer", "bill@example.com")
    await heading(page, "Your sites")
    await page.getByLabel("Site name").fill("Paid site")
    await page.getByRole("button", { name: "Create site" }).click()
    await page.getByRole("link", { name: "Paid site" }).click()
    await menu(page, "Billing").click()
    await heading(page, "Billing")
    await page.getByText("Current plan: Free").waitFor()
    const plans = page.getByRole("region", { name: "Plans" })
    await plans.getByRole("heading", { name: "Business" }).waitFor()
    expect(await plans.getByRole("button", { name: /^Choose/ }).allTextContents()).toEqual([
      "Choose Pro",
      "Choose Business",
    ])
    await page.getByText("No invoices yet.").waitFor()
    expect(await page.getByRole("button", { name: "Manage payment and invoices" }).count()).toBe(0)
    await check(page, "billing-on")

    await plans.getByRole("button", { name: "Choose Pro" }).click()
    await page.waitForURL(`${CHECKOUT}/pay/price_pro_dashboard`)
    expect(asked).toHaveLength(1)
    expect(asked[0]?.email).toBe("bill@example.com")
    // Back from Checkout, the browser lands on this site's billing screen.
    expect(asked[0]?.successUrl).toMatch(/\/dashboard\/#\/sites\/[^/]+\/billing/)
    await page.goto(asked[0]?.successUrl ?? "")
    await heading(page, "Billing")
    await page
      .getByText("Thank you. The new plan applies as soon as the payment is confirmed.")
      .waitFor()
    expect(problems).toEqual([])
  })
})
