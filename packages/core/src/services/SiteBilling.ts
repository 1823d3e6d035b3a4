/**
 * A site's billing as its owner sees it: the Billing service behind the
 * permissions table (only the owner manages billing).
 *
 * @since 0.1.0
 */
import { Effect, type Option } from "effect"
import type { Plan } from "../domain/Plan.js"
import type { Invoice, Subscription } from "../domain/Subscription.js"
import type {
  Conflict,
  Forbidden,
  InvalidInput,
  NotFound,
  StoreError,
  Unauthorized,
} from "../Errors.js"
import type { PaymentError } from "../ports/PaymentProvider.js"
import type { Actor } from "./Actor.js"
import { Billing, type CheckoutUrls } from "./Billing.js"
import { authorize } from "./Permissions.js"

/** What the dashboard's billing page shows. @since 0.1.0 @category models */
export interface Overview {
  readonly enabled: boolean
  readonly plan: Plan
  readonly plans: ReadonlyArray<Plan>
  readonly subscription: Option.Option<Subscription>
  readonly invoices: ReadonlyArray<Invoice>
}

/**
 * Plan in force, plans on offer, subscription and invoices.
 *
 * @since 0.1.0
 * @category queries
 */
export const overview = (
  actor: Actor,
): Effect.Effect<Overview, Forbidden | Unauthorized | StoreError, Billing> =>
  Effect.gen(function* () {
    yield* authorize(actor, "billing.manage")
    const billing = yield* Billing
    const [plan, plans, subscription, invoices] = yield* Effect.all([
      billing.planFor(actor.siteId),
      billing.plans(),
      billing.subscription(actor.siteId),
      billing.invoices(actor.siteId),
    ])
    return { enabled: billing.enabled, plan, plans, subscription, invoices }
  })

/** Starts checkout for a paid plan. @since 0.1.0 @category commands */
export const checkout = (
  actor: Actor,
  planId: string,
  urls: CheckoutUrls,
): Effect.Effect<
  { readonly url: string },
  Forbidden | Unauthorized | PaymentError | NotFound | InvalidInput | Conflict | StoreError,
  Billing
> =>
  Effect.gen(function* () {
    yield* authorize(actor, "billing.manage")
    return yield* (yield* Billing).checkout(actor.siteId, planId, urls)
  })

/** Opens the payment provider's customer portal. @since 0.1.0 @category commands */
export const portal = (
  actor: Actor,
  returnUrl: string,
): Effect.Effect<
  { readonly url: string },
  Forbidden | Unauthorized | PaymentError | NotFound | StoreError,
  Billing
> =>
  Effect.gen(function* () {
    yield* authorize(actor, "billing.manage")
    return yield* (yield* Billing).portal(actor.siteId, returnUrl)
  })
