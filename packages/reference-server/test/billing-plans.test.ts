import { Kommies } from "@kommies/core"
import { Either } from "effect"
import { describe, expect, it } from "vitest"
import {
  type BillingSettings,
  defaultPlans,
  parsePlans,
  StripeProvider,
  stripeConfigFromEnv,
} from "../src/billing/index.js"

const errorOf = <A>(result: Either.Either<A, { readonly message: string }>): string => {
  if (Either.isRight(result)) throw new Error(`expected an error, got ${JSON.stringify(result)}`)
  return result.left.message
}

const keys = {
  STRIPE_SECRET_KEY: "sk_test_51abcdefSECRET",
  STRIPE_WEBHOOK_SECRET: "whsec_abcdefSECRET",
}

describe("billing plans – KOMMIES_PLANS", () => {
  it("parsePlans – should give the default plans when unset or blank", () => {
    expect(parsePlans(undefined)).toEqual(Either.right(defaultPlans))
    expect(parsePlans("  ")).toEqual(Either.right(defaultPlans))
    expect(defaultPlans.map((p) => p.id)).toEqual(["free", "pro", "business"])
    expect(defaultPlans[0]!.limits.comments).toBeGreaterThan(0)
    expect(defaultPlans[0]!.priceId).toBeNull()
  })

  it("parsePlans – should fill omitted limits as unlimited and carry the Stripe price", () => {
    const plans = Either.getOrThrow(
      parsePlans(
        JSON.stringify([
          { id: "hobby", name: "Hobby", limits: { comments: 100 } },
          {
            id: "team",
            name: "Team",
            limits: { comments: null, apiCalls: 5000 },
            grace: 0.25,
            monthlyPriceCents: 2900,
            stripePriceId: "price_team",
          },
        ]),
      ),
    )
    expect(plans).toEqual([
      {
        id: "hobby",
        name: "Hobby",
        limits: { comments: 100, threadLoads: null, activeCommenters: null, apiCalls: null },
        grace: 0,
        monthlyPriceCents: 0,
        priceId: null,
      },
      {
        id: "team",
        name: "Team",
        limits: { comments: null, threadLoads: null, activeCommenters: null, apiCalls: 5000 },
        grace: 0.25,
        monthlyPriceCents: 2900,
        priceId: "price_team",
        stripePriceId: "price_team",
      },
    ])
  })

  it("parsePlans – should name the bad field", () => {
    expect(errorOf(parsePlans("[{"))).toMatch(/^KOMMIES_PLANS is not valid JSON/)
    expect(errorOf(parsePlans("[]"))).toContain("at least one plan")
    expect(errorOf(parsePlans('{"id":"free"}'))).toBe(
      "KOMMIES_PLANS: must be a JSON array of plans",
    )
    expect(errorOf(parsePlans("[1]"))).toMatch(/^KOMMIES_PLANS\[0\]: a plan is an object/)
    expect(errorOf(parsePlans('[{"id":"free","name":"Free","limits":{"comments":"10"}}]'))).toBe(
      "KOMMIES_PLANS[0].limits.comments: a limit is a whole number ≥ 0, or null for unlimited",
    )
    expect(
      errorOf(
        parsePlans(
          '[{"id":"free","name":"Free"},{"id":"pro","name":"Pro","limits":{"comments":-5}}]',
        ),
      ),
    ).toContain("KOMMIES_PLANS[1].limits.comments: a limit is a whole number")
    expect(
      errorOf(parsePlans('[{"id":"free","name":"Free","limits":{"comments":1.5}}]')),
    ).toContain("KOMMIES_PLANS[0].limits.comments")
    expect(errorOf(parsePlans('[{"id":"free","name":"Free","grace":-1}]'))).toContain(
      "KOMMIES_PLANS[0].grace: grace is a fraction",
    )
    expect(errorOf(parsePlans('[{"id":"Free Plan","name":"Free"}]'))).toContain(
      "KOMMIES_PLANS[0].id: a plan id is",
    )
    expect(errorOf(parsePlans('[{"id":"free"}]'))).toContain("KOMMIES_PLANS[0].name")
    expect(errorOf(parsePlans('[{"id":"pro","name":"Pro","stripePriceId":"prod_1"}]'))).toContain(
      'KOMMIES_PLANS[0].stripePriceId: a Stripe price id looks like "price_…"',
    )
    expect(errorOf(parsePlans('[{"id":"pro","name":"Pro","limits":{"comment":5}}]'))).toContain(
      "KOMMIES_PLANS[0].limits.comment",
    )
    expect(errorOf(parsePlans('[{"id":"a","name":"A"},{"id":"a","name":"B"}]'))).toBe(
      'KOMMIES_PLANS[1].id: the plan id "a" is used twice',
    )
  })
})

describe("billing plans – stripeConfigFromEnv", () => {
  it("stripeConfigFromEnv – should turn billing off without keys", () => {
    expect(stripeConfigFromEnv({})).toEqual(Either.right(null))
    expect(stripeConfigFromEnv({ STRIPE_SECRET_KEY: "", STRIPE_WEBHOOK_SECRET: " " })).toEqual(
      Either.right(null),
    )
  })

  it("stripeConfigFromEnv – should refuse half a configuration, and never echo a secret", () => {
    expect(errorOf(stripeConfigFromEnv({ STRIPE_SECRET_KEY: keys.STRIPE_SECRET_KEY }))).toMatch(
      /STRIPE_WEBHOOK_SECRET is not/,
    )
    expect(
      errorOf(stripeConfigFromEnv({ STRIPE_WEBHOOK_SECRET: keys.STRIPE_WEBHOOK_SECRET })),
    ).toMatch(/STRIPE_SECRET_KEY is not/)
    const swapped = errorOf(
      stripeConfigFromEnv({
        STRIPE_SECRET_KEY: keys.STRIPE_WEBHOOK_SECRET,
        STRIPE_WEBHOOK_SECRET: keys.STRIPE_SECRET_KEY,
      }),
    )
    expect(swapped).toContain("STRIPE_SECRET_KEY does not look like")
    expect(swapped).not.toContain("SECRET_KEY: ")
    expect(swapped).not.toContain("abcdefSECRET")
    expect(
      errorOf(stripeConfigFromEnv({ ...keys, STRIPE_WEBHOOK_SECRET: "sk_test_oops" })),
    ).toContain("STRIPE_WEBHOOK_SECRET does not look like")
    expect(errorOf(stripeConfigFromEnv({ ...keys, KOMMIES_PLANS: "[1]" }))).toMatch(
      /^KOMMIES_PLANS\[0\]/,
    )
    expect(errorOf(stripeConfigFromEnv({ ...keys, STRIPE_PRICE_PRO: "pro" }))).toBe(
      "STRIPE_PRICE_PRO does not look like a Stripe price id (price_…)",
    )
  })

  it("stripeConfigFromEnv – should sell the default plans with STRIPE_PRICE_<PLAN>", () => {
    const settings = Either.getOrThrow(
      stripeConfigFromEnv({
        ...keys,
        STRIPE_PRICE_PRO: "price_pro_1",
        STRIPE_PRICE_BUSINESS: "price_business_1",
      }),
    ) as BillingSettings
    expect(settings.defaultPlanId).toBe("free")
    expect(settings.stripe).toEqual({
      secretKey: keys.STRIPE_SECRET_KEY,
      webhookSecret: keys.STRIPE_WEBHOOK_SECRET,
      prices: { pro: "price_pro_1", business: "price_business_1" },
    })
    expect(settings.plans.map((p) => [p.id, p.priceId])).toEqual([
      ["free", null],
      ["pro", "price_pro_1"],
      ["business", "price_business_1"],
    ])
  })

  it("stripeConfigFromEnv – should prefer the price written in KOMMIES_PLANS", () => {
    const settings = Either.getOrThrow(
      stripeConfigFromEnv({
        ...keys,
        KOMMIES_PLANS: JSON.stringify([
          { id: "starter", name: "Starter", limits: { comments: 10 } },
          { id: "max-plan", name: "Max", stripePriceId: "price_max" },
        ]),
        STRIPE_PRICE_MAX_PLAN: "price_ignored",
        STRIPE_PRICE_STARTER: "price_starter",
      }),
    ) as BillingSettings
    expect(settings.defaultPlanId).toBe("starter")
    expect(settings.stripe.prices).toEqual({ starter: "price_starter", "max-plan": "price_max" })
  })

  it("stripeConfigFromEnv – should give settings Kommies runs with", async () => {
    const settings = Either.getOrThrow(
      stripeConfigFromEnv({ ...keys, STRIPE_PRICE_PRO: "price_pro_1" }),
    ) as BillingSettings
    const kommies = Kommies.make({
      mode: "saas",
      plans: settings.plans,
      defaultPlanId: settings.defaultPlanId,
      paymentProvider: StripeProvider.layer(settings.stripe),
    })
    try {
      const { site } = await kommies.sites.create({ name: "Configured" })
      const overview = await kommies.billing.overview(kommies.actors.secretKey(site.id))
      expect(overview.enabled).toBe(true)
      expect(overview.plan.id).toBe("free")
      expect(overview.plans.map((p) => p.id)).toEqual(["free", "pro", "business"])
    } finally {
      await kommies.dispose()
    }
  })
})
