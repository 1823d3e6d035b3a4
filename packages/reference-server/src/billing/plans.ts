/**
 * Plans and Stripe settings from the environment: `KOMMIES_PLANS` (JSON),
 * `STRIPE_SECRET_KEY`, `STRIPE_WEBHOOK_SECRET` and `STRIPE_PRICE_<PLAN>`.
 *
 * @since 0.1.0
 */
import type { Plan } from "@kommies/core"
import { Data, Either, ParseResult, Schema } from "effect"
import type { StripeConfig } from "./StripeProvider.js"

/**
 * A plan as configured: core's Plan, plus the Stripe price that sells it
 * (the same value as `priceId`, which is null for free plans).
 *
 * @since 0.1.0
 * @category models
 */
export type ConfiguredPlan = Plan.Plan & { readonly stripePriceId?: string }

/**
 * A configuration mistake; the message names the variable and the field.
 *
 * @since 0.1.0
 * @category errors
 */
export class BillingConfigError extends Data.TaggedError("BillingConfigError")<{
  readonly message: string
}> {}

const stripePrice = /^(price|plan)_\w+$/

const limitMessage = "a limit is a whole number ≥ 0, or null for unlimited"
const Limit = Schema.optionalWith(
  Schema.NullOr(Schema.Int.pipe(Schema.nonNegative())).annotations({
    message: () => ({ message: limitMessage, override: true }),
  }),
  { default: () => null, exact: true },
)

/** One plan as written in `KOMMIES_PLANS`. Omitted limits are unlimited. */
const PlanInput = Schema.Struct({
  id: Schema.String.pipe(Schema.pattern(/^[a-z0-9][a-z0-9_-]{0,39}$/)).annotations({
    message: () => ({
      message: "a plan id is 1–40 lowercase letters, digits, - or _",
      override: true,
    }),
  }),
  name: Schema.String.pipe(Schema.minLength(1)).annotations({
    message: () => ({ message: "a plan needs a name (a non-empty string)", override: true }),
  }),
  limits: Schema.optionalWith(
    Schema.Struct({
      comments: Limit,
      threadLoads: Limit,
      activeCommenters: Limit,
      apiCalls: Limit,
    }),
    {
      default: () => ({
        comments: null,
        threadLoads: null,
        activeCommenters: null,
        apiCalls: null,
      }),
      exact: true,
    },
  ),
  grace: Schema.optionalWith(
    Schema.Number.pipe(Schema.between(0, 10)).annotations({
      message: () => ({
        message: "grace is a fraction between 0 and 10 (0.1 = 10%)",
        override: true,
      }),
    }),
    { default: () => 0, exact: true },
  ),
  monthlyPriceCents: Schema.optionalWith(
    Schema.Int.pipe(Schema.nonNegative()).annotations({
      message: () => ({ message: "a price is whole cents ≥ 0", override: true }),
    }),
    { default: () => 0, exact: true },
  ),
  stripePriceId: Schema.optionalWith(
    Schema.String.pipe(Schema.pattern(stripePrice)).annotations({
      message: () => ({ message: 'a Stripe price id looks like "price_…"', override: true }),
    }),
    { exact: true },
  ),
})

const PlansInput = Schema.Array(PlanInput).pipe(
  Schema.minItems(1, { message: () => "at least one plan is needed" }),
)
const planShape =
  "a plan is an object { id, name, limits?, grace?, monthlyPriceCents?, stripePriceId? }"

const unlimited = { comments: null, threadLoads: null, activeCommenters: null, apiCalls: null }

/**
 * The plans used when `KOMMIES_PLANS` is not set. The first plan is the one of
 * every site without a subscription.
 *
 * @since 0.1.0
 * @category constants
 */
export const defaultPlans: ReadonlyArray<ConfiguredPlan> = [
  {
    id: "free",
    name: "Free",
    limits: { comments: 500, threadLoads: 50_000, activeCommenters: 200, apiCalls: 100_000 },
    grace: 0.1,
    priceId: null,
    monthlyPriceCents: 0,
  },
  {
    id: "pro",
    name: "Pro",
    limits: {
      comments: 20_000,
      threadLoads: 1_000_000,
      activeCommenters: 10_000,
      apiCalls: 2_000_000,
    },
    grace: 0.2,
    priceId: null,
    monthlyPriceCents: 1_200,
  },
  {
    id: "business",
    name: "Business",
    limits: { ...unlimited, threadLoads: 20_000_000, apiCalls: 40_000_000 },
    grace: 0.2,
    priceId: null,
    monthlyPriceCents: 4_900,
  },
]

// Schema's own words for the two shapes a reader may get wrong, in the reader's terms.
const readable = (message: string): string =>
  message.startsWith("Expected ReadonlyArray")
    ? "must be a JSON array of plans"
    : message.startsWith("Expected Struct") || message.startsWith("Expected {")
      ? planShape
      : message

const pathOf = (path: ReadonlyArray<PropertyKey>): string =>
  path.map((key) => (typeof key === "number" ? `[${key}]` : `.${String(key)}`)).join("")

/**
 * Parses `KOMMIES_PLANS`: a JSON array of
 * `{ id, name, limits?: { comments?, threadLoads?, activeCommenters?, apiCalls? }, grace?, monthlyPriceCents?, stripePriceId? }`
 * (an omitted or null limit is unlimited). Undefined or blank: {@link defaultPlans}.
 * The first plan is the default plan.
 *
 * @since 0.1.0
 * @category parsing
 * @example
 * const plans = Either.getOrThrow(parsePlans('[{"id":"free","name":"Free","limits":{"comments":100}}]'))
 */
export const parsePlans = (
  json: string | undefined,
): Either.Either<ReadonlyArray<ConfiguredPlan>, BillingConfigError> => {
  if (json === undefined || json.trim() === "") return Either.right(defaultPlans)
  let raw: unknown
  try {
    raw = JSON.parse(json)
  } catch (error) {
    return Either.left(
      new BillingConfigError({
        message: `KOMMIES_PLANS is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
      }),
    )
  }
  const decoded = Schema.decodeUnknownEither(PlansInput, { onExcessProperty: "error" })(raw)
  if (Either.isLeft(decoded)) {
    const issues = ParseResult.ArrayFormatter.formatErrorSync(decoded.left)
    const message = issues
      .slice(0, 5)
      .map((issue) => `KOMMIES_PLANS${pathOf(issue.path)}: ${readable(issue.message)}`)
      .join("; ")
    return Either.left(new BillingConfigError({ message }))
  }
  const seen = new Set<string>()
  for (const [index, plan] of decoded.right.entries()) {
    if (seen.has(plan.id)) {
      return Either.left(
        new BillingConfigError({
          message: `KOMMIES_PLANS[${index}].id: the plan id "${plan.id}" is used twice`,
        }),
      )
    }
    seen.add(plan.id)
  }
  return Either.right(
    decoded.right.map(
      ({ stripePriceId, ...plan }): ConfiguredPlan => ({
        ...plan,
        priceId: stripePriceId ?? null,
        ...(stripePriceId === undefined ? {} : { stripePriceId }),
      }),
    ),
  )
}

/**
 * What {@link stripeConfigFromEnv} reads: plans, the default plan, and Stripe's
 * settings.
 *
 * @since 0.1.0
 * @category models
 */
export interface BillingSettings {
  readonly plans: ReadonlyArray<ConfiguredPlan>
  /** The plan of sites without a subscription: the first plan. */
  readonly defaultPlanId: string
  readonly stripe: StripeConfig
}

const priceVariable = (planId: string): string =>
  `STRIPE_PRICE_${planId.toUpperCase().replace(/[^A-Z0-9]/g, "_")}`

/**
 * Billing settings from the environment. Null when neither `STRIPE_SECRET_KEY`
 * nor `STRIPE_WEBHOOK_SECRET` is set: billing is off and every site is
 * unlimited. An error when only one is set, when a key has the wrong form, or
 * when `KOMMIES_PLANS` is wrong. A plan without `stripePriceId` takes it from
 * `STRIPE_PRICE_<PLAN ID>` (`STRIPE_PRICE_PRO`), so the default plans can be
 * sold without writing `KOMMIES_PLANS`.
 *
 * @since 0.1.0
 * @category parsing
 * @example
 * const settings = Either.getOrThrow(stripeConfigFromEnv(process.env))
 * const kommies = Kommies.make(
 *   settings === null
 *     ? { mode: "saas" }
 *     : {
 *         mode: "saas",
 *         plans: settings.plans,
 *         defaultPlanId: settings.defaultPlanId,
 *         paymentProvider: StripeProvider.layer(settings.stripe),
 *       },
 * )
 */
export const stripeConfigFromEnv = (
  env: Readonly<Record<string, string | undefined>>,
): Either.Either<BillingSettings | null, BillingConfigError> => {
  const secretKey = env.STRIPE_SECRET_KEY?.trim() || undefined
  const webhookSecret = env.STRIPE_WEBHOOK_SECRET?.trim() || undefined
  if (secretKey === undefined && webhookSecret === undefined) return Either.right(null)
  const fail = (message: string): Either.Either<never, BillingConfigError> =>
    Either.left(new BillingConfigError({ message }))
  if (secretKey === undefined) {
    return fail(
      "STRIPE_WEBHOOK_SECRET is set but STRIPE_SECRET_KEY is not: set both to turn billing on, or neither to leave it off",
    )
  }
  if (webhookSecret === undefined) {
    return fail(
      "STRIPE_SECRET_KEY is set but STRIPE_WEBHOOK_SECRET is not: set both to turn billing on, or neither to leave it off",
    )
  }
  // The values never appear in messages: they are secrets.
  if (!/^(sk|rk)_(test|live)_\w+$/.test(secretKey)) {
    return fail(
      "STRIPE_SECRET_KEY does not look like a Stripe secret key (sk_live_…, sk_test_…, rk_…)",
    )
  }
  if (!/^whsec_\w+$/.test(webhookSecret)) {
    return fail("STRIPE_WEBHOOK_SECRET does not look like a webhook signing secret (whsec_…)")
  }
  return Either.flatMap(parsePlans(env.KOMMIES_PLANS), (parsed) => {
    const plans: Array<ConfiguredPlan> = []
    for (const plan of parsed) {
      const variable = priceVariable(plan.id)
      const fromEnv = env[variable]?.trim()
      if (plan.stripePriceId !== undefined || !fromEnv) {
        plans.push(plan)
      } else if (!stripePrice.test(fromEnv)) {
        return fail(`${variable} does not look like a Stripe price id (price_…)`)
      } else {
        plans.push({ ...plan, priceId: fromEnv, stripePriceId: fromEnv })
      }
    }
    const prices: Record<string, string> = {}
    for (const plan of plans) if (plan.stripePriceId) prices[plan.id] = plan.stripePriceId
    return Either.right({
      plans,
      defaultPlanId: plans[0]!.id,
      stripe: { secretKey, webhookSecret, prices },
    })
  })
}
