/**
 * Billing: subscriptions driven by the payment provider's events, plans,
 * invoices, and the provider's checkout and customer portal.
 *
 * Events go through {@link transition}, a pure state machine (its table is in
 * `internal/subscriptionMachine.ts`); `apply` adds what the machine cannot know:
 * whether the event id was seen before, and storage.
 *
 * @since 0.1.0
 */
import { Clock, Context, Effect, Layer, Option } from "effect"
import * as Plan from "../domain/Plan.js"
import type { Invoice, PaymentEvent, Subscription } from "../domain/Subscription.js"
import {
  type Conflict,
  conflict,
  type InvalidInput,
  invalid,
  type NotFound,
  notFound,
  type StoreError,
} from "../Errors.js"
import type { SiteId } from "../Ids.js"
import { effectivePlan, findPlan, requireDefaultPlan } from "../internal/quota.js"
import * as Machine from "../internal/subscriptionMachine.js"
import { BillingStore } from "../ports/BillingStore.js"
import { PaymentError, PaymentProvider } from "../ports/PaymentProvider.js"
import { SiteStore } from "../ports/SiteStore.js"

/**
 * The subscription after a payment event, or null when the event is stale
 * (older than `lastEventAt`) or changes nothing. Pure; `updatedAt` is kept.
 *
 * @since 0.1.0
 * @category state machine
 * @example
 * const next = Billing.transition(Billing.initial(siteId, "free"), event) ?? current
 */
export const transition: (current: Subscription, event: PaymentEvent) => Subscription | null =
  Machine.transition

/**
 * The state of a site that never subscribed: status `none` on the given plan.
 *
 * @since 0.1.0
 * @category state machine
 */
export const initial: (siteId: SiteId, planId: string) => Subscription = Machine.initial

/**
 * What `apply` did with an event: `applied` (state or invoice written),
 * `replayed` (event id seen before), `stale` (older than the subscription's
 * state), `unchanged` (nothing to change), `ignored` (the provider does not
 * translate this kind of event).
 *
 * @since 0.1.0
 * @category models
 */
export type ApplyOutcome = "applied" | "replayed" | "stale" | "unchanged" | "ignored"

/**
 * The report of `apply`.
 *
 * @since 0.1.0
 * @category models
 */
export interface ApplyResult {
  /** Whether the event changed anything (subscription or invoice). */
  readonly applied: boolean
  readonly outcome: ApplyOutcome
  /** The site's subscription after the event, if it has one. */
  readonly subscription: Option.Option<Subscription>
}

/**
 * Where the provider's checkout page sends the customer back to.
 *
 * @since 0.1.0
 * @category models
 */
export interface CheckoutUrls {
  readonly successUrl: string
  readonly cancelUrl: string
  /** Prefills the checkout form; the provider asks when absent. */
  readonly email?: string | null
}

/**
 * Configuration of the Billing service.
 *
 * @since 0.1.0
 * @category models
 */
export interface BillingConfig {
  /** Plans offered; those with a `priceId` can be bought through checkout. */
  readonly plans: ReadonlyArray<Plan.Plan>
  /** The plan of sites without a paid subscription, usually the free plan. */
  readonly defaultPlanId: string
}

/**
 * The Billing service.
 *
 * @since 0.1.0
 * @category models
 */
export interface BillingShape {
  /** False when no payment provider is configured: every site is unlimited. */
  readonly enabled: boolean
  /** Applies a verified payment event, once per event id. */
  readonly apply: (event: PaymentEvent) => Effect.Effect<ApplyResult, StoreError>
  /** Verifies and translates a provider webhook, then applies it. */
  readonly webhook: (
    rawBody: string,
    signature: string,
  ) => Effect.Effect<ApplyResult, PaymentError | StoreError>
  readonly subscription: (siteId: SiteId) => Effect.Effect<Option.Option<Subscription>, StoreError>
  /** Newest first; `limit` defaults to 24. */
  readonly invoices: (
    siteId: SiteId,
    limit?: number,
  ) => Effect.Effect<ReadonlyArray<Invoice>, StoreError>
  readonly plans: () => Effect.Effect<ReadonlyArray<Plan.Plan>>
  /** The plan in force: the subscription's while paid, the default otherwise; unlimited when billing is off. */
  readonly planFor: (siteId: SiteId) => Effect.Effect<Plan.Plan, StoreError>
  /** Starts the provider's checkout for a paid plan; returns the page to send the customer to. */
  readonly checkout: (
    siteId: SiteId,
    planId: string,
    urls: CheckoutUrls,
  ) => Effect.Effect<
    { readonly url: string },
    PaymentError | NotFound | InvalidInput | Conflict | StoreError
  >
  /** Opens the provider's customer portal (cards, invoices, plan changes, cancellation). */
  readonly portal: (
    siteId: SiteId,
    returnUrl: string,
  ) => Effect.Effect<{ readonly url: string }, PaymentError | NotFound | StoreError>
}

/**
 * Tag of the Billing service.
 *
 * @since 0.1.0
 * @category tags
 */
export class Billing extends Context.Tag("@kommies/core/Billing")<Billing, BillingShape>() {}

const disabled = new PaymentError({
  reason: "Disabled",
  message: "Billing is off: no payment provider is configured",
})

/**
 * Builds the Billing service from its stores and the payment provider. Dies at
 * construction when `defaultPlanId` is not among the plans.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * const billing = yield* Billing.make({ plans, defaultPlanId: "free" })
 */
export const make = (
  config: BillingConfig,
): Effect.Effect<BillingShape, never, BillingStore | PaymentProvider | SiteStore> =>
  Effect.gen(function* () {
    const store = yield* BillingStore
    const provider = yield* PaymentProvider
    const sites = yield* SiteStore
    const defaultPlan = yield* Effect.sync(() =>
      requireDefaultPlan("Billing", config.plans, config.defaultPlanId),
    )
    // One event at a time per process: apply reads, decides and writes the subscription.
    const lock = yield* Effect.makeSemaphore(1)

    const apply = (event: PaymentEvent): Effect.Effect<ApplyResult, StoreError> =>
      Effect.gen(function* () {
        const now = yield* Clock.currentTimeMillis
        // The event is marked processed only after its changes are written: a
        // crash in between makes the provider retry, and the retry applies it.
        // Applying twice is harmless because the machine ignores what it has seen.
        const stored = yield* store.getSubscription(event.siteId)
        const current = Option.getOrElse(stored, () =>
          Machine.initial(event.siteId, defaultPlan.id),
        )
        const stale = Machine.isStale(current, event)
        const next = Machine.transition(current, event)
        const replay = yield* store.isEventProcessed(event.eventId)
        if (replay) return { applied: false, outcome: "replayed", subscription: stored } as const
        // A paid invoice is final, so even a late event may store it; a late failure
        // may describe an invoice that was paid since, so it is dropped.
        const storeInvoice =
          event._tag === "InvoicePaid" || (event._tag === "InvoicePaymentFailed" && !stale)
        if (storeInvoice) yield* store.putInvoice(event.invoice)
        const saved = next === null ? null : { ...next, updatedAt: now }
        if (saved !== null) yield* store.putSubscription(saved)
        const fresh = yield* store.markEventProcessed(event.eventId, now)
        const subscription = saved === null ? stored : Option.some(saved)
        if (!fresh) return { applied: false, outcome: "replayed", subscription } as const
        const applied = saved !== null || storeInvoice
        const outcome: ApplyOutcome = applied ? "applied" : stale ? "stale" : "unchanged"
        return { applied, outcome, subscription }
      }).pipe(lock.withPermits(1))

    const planFor = (siteId: SiteId): Effect.Effect<Plan.Plan, StoreError> =>
      provider.enabled
        ? Effect.gen(function* () {
            const resolved = effectivePlan(
              yield* store.getSubscription(siteId),
              config.plans,
              defaultPlan,
            )
            if (resolved.unknownPlanId !== null) {
              yield* Effect.logWarning(
                `Billing: site ${siteId} pays for unknown plan "${resolved.unknownPlanId}"; using "${defaultPlan.id}"`,
              )
            }
            return resolved.plan
          })
        : Effect.succeed(Plan.unlimited)

    const checkout = (siteId: SiteId, planId: string, urls: CheckoutUrls) =>
      Effect.gen(function* () {
        if (!provider.enabled) return yield* Effect.fail(disabled)
        const plan = findPlan(config.plans, planId)
        if (plan === undefined)
          return yield* Effect.fail(invalid("unknown_plan", `No plan "${planId}"`))
        if (plan.priceId === null) {
          return yield* Effect.fail(
            invalid("plan_not_purchasable", `Plan "${planId}" is not sold through checkout`),
          )
        }
        if (Option.isNone(yield* sites.get(siteId))) {
          return yield* Effect.fail(notFound("site_not_found", `No site ${siteId}`))
        }
        const current = yield* store.getSubscription(siteId)
        if (Option.isSome(current) && Machine.isPaid(current.value.status)) {
          return yield* Effect.fail(
            conflict(
              "subscription_exists",
              "The site already has a subscription; change plans in the billing portal",
            ),
          )
        }
        return yield* provider.createCheckout({
          siteId,
          priceId: plan.priceId,
          customerId: Option.match(current, { onNone: () => null, onSome: (s) => s.customerId }),
          email: urls.email ?? null,
          successUrl: urls.successUrl,
          cancelUrl: urls.cancelUrl,
        })
      })

    const portal = (siteId: SiteId, returnUrl: string) =>
      Effect.gen(function* () {
        if (!provider.enabled) return yield* Effect.fail(disabled)
        const current = yield* store.getSubscription(siteId)
        const customerId = Option.match(current, {
          onNone: () => null,
          onSome: (s) => s.customerId,
        })
        if (customerId === null) {
          return yield* Effect.fail(
            notFound(
              "billing_customer_not_found",
              "The site has no billing customer yet; start a checkout first",
            ),
          )
        }
        return yield* provider.createPortal({ customerId, returnUrl })
      })

    return {
      enabled: provider.enabled,
      apply,
      webhook: (rawBody, signature) =>
        Effect.gen(function* () {
          if (!provider.enabled) return yield* Effect.fail(disabled)
          const event = yield* provider.parseWebhook(rawBody, signature)
          if (event === null) {
            return { applied: false, outcome: "ignored", subscription: Option.none() } as const
          }
          return yield* apply(event)
        }),
      subscription: (siteId) => store.getSubscription(siteId),
      invoices: (siteId, limit = 24) => store.listInvoices(siteId, limit),
      plans: () => Effect.succeed(config.plans),
      planFor,
      checkout,
      portal,
    }
  })

/**
 * The Billing service as a Layer over BillingStore, PaymentProvider and SiteStore.
 *
 * @since 0.1.0
 * @category layers
 * @example
 * const BillingLive = Billing.layer({ plans: [free, pro], defaultPlanId: "free" }).pipe(
 *   Layer.provide(PaymentProvider.layerNone),
 *   Layer.provide(MemoryStore.layer),
 * )
 */
export const layer = (
  config: BillingConfig,
): Layer.Layer<Billing, never, BillingStore | PaymentProvider | SiteStore> =>
  Layer.effect(Billing, make(config))
