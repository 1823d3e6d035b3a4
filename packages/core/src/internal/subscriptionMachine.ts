/**
 * The subscription state machine: a pure function from the stored subscription
 * and one payment event to the next subscription, or `null` when the event
 * changes nothing. The Billing service adds idempotency (event ids) and storage.
 *
 * States: `none`, `trialing`, `active`, `past_due`, `canceled`.
 *
 * | event                                   | from                        | to                                  |
 * | --------------------------------------- | --------------------------- | ----------------------------------- |
 * | any, `occurredAt < lastEventAt`         | any                         | unchanged (stale, out of order)     |
 * | CheckoutCompleted                       | none, canceled (other sub)  | active                              |
 * | CheckoutCompleted (same sub)            | trialing, active, past_due  | unchanged status; fills ids         |
 * | CheckoutCompleted (new sub)             | trialing, active, past_due  | active on the new subscription      |
 * | CheckoutCompleted (same sub)            | canceled                    | unchanged (a deleted sub stays so)  |
 * | SubscriptionChanged trialing/active/past_due | any                    | that status, fields from the event  |
 * | SubscriptionChanged canceled or unpaid  | any (same sub)              | canceled                            |
 * | SubscriptionChanged incomplete          | none, canceled              | none (ids recorded, not paid yet)   |
 * | SubscriptionChanged incomplete          | trialing, active, past_due  | unchanged (never a downgrade)       |
 * | SubscriptionChanged, not paid (other sub) | trialing, active, past_due | unchanged (the live sub wins)      |
 * | SubscriptionChanged, same time, not canceled | canceled (same sub)    | unchanged (cancellation wins ties)  |
 * | SubscriptionDeleted (same or unknown sub) | any                       | canceled                            |
 * | SubscriptionDeleted (other sub)         | any                         | unchanged                           |
 * | InvoicePaid                             | past_due                    | active                              |
 * | InvoicePaymentFailed                    | active                      | past_due                            |
 * | InvoicePaid / InvoicePaymentFailed      | anything else               | unchanged                           |
 *
 * Stripe's `unpaid` (retries exhausted, access should be revoked) maps to
 * `canceled`, which a newer `active` event can still revive; `incomplete` (the
 * first payment has not succeeded yet) maps to `none`. Events at the same time as
 * `lastEventAt` apply (providers stamp whole seconds), except that a
 * cancellation is never undone by an event of the same instant.
 *
 * `lastEventAt` moves to the event's time only when the event changed something,
 * so every transition is idempotent: `transition(transition(s, e)!, e) === null`.
 */
import type { PaymentEvent, Subscription, SubscriptionStatus } from "../domain/Subscription.js"
import type { SiteId } from "../Ids.js"

/** Statuses that keep the paid plan (past_due: during the provider's retries). */
export const paidStatuses: ReadonlySet<SubscriptionStatus> = new Set([
  "trialing",
  "active",
  "past_due",
])

/** Whether a status keeps the subscription's paid plan. */
export const isPaid = (status: SubscriptionStatus): boolean => paidStatuses.has(status)

/** A site that never had a subscription: status `none` on the given plan. */
export const initial = (siteId: SiteId, planId: string): Subscription => ({
  siteId,
  planId,
  status: "none",
  customerId: null,
  subscriptionId: null,
  currentPeriodEnd: null,
  cancelAtPeriodEnd: false,
  lastEventAt: 0,
  updatedAt: 0,
})

type ProviderStatus = Extract<PaymentEvent, { _tag: "SubscriptionChanged" }>["status"]

/** How a provider's subscription status maps onto Kommies' statuses. */
export const mapStatus = (status: ProviderStatus): SubscriptionStatus => {
  switch (status) {
    case "trialing":
    case "active":
    case "past_due":
    case "canceled":
      return status
    case "unpaid":
      return "canceled"
    case "incomplete":
      return "none"
  }
}

type Fields = Omit<Subscription, "siteId" | "lastEventAt" | "updatedAt">

const sameSubscription = (current: Subscription, subscriptionId: string | null): boolean =>
  current.subscriptionId === null ||
  subscriptionId === null ||
  current.subscriptionId === subscriptionId

const changed = (current: Subscription, next: Fields): boolean =>
  current.planId !== next.planId ||
  current.status !== next.status ||
  current.customerId !== next.customerId ||
  current.subscriptionId !== next.subscriptionId ||
  current.currentPeriodEnd !== next.currentPeriodEnd ||
  current.cancelAtPeriodEnd !== next.cancelAtPeriodEnd

/** The fields an event leaves, or null when it does not touch the subscription. */
const fieldsAfter = (current: Subscription, event: PaymentEvent): Fields | null => {
  switch (event._tag) {
    case "CheckoutCompleted": {
      const same = sameSubscription(current, event.subscriptionId)
      if (current.status === "canceled" && same && event.subscriptionId !== null) return null
      if (isPaid(current.status) && same) {
        return {
          ...current,
          customerId: current.customerId ?? event.customerId,
          subscriptionId: current.subscriptionId ?? event.subscriptionId,
        }
      }
      const carry = same && current.status === "none"
      return {
        planId: event.planId,
        status: "active",
        customerId: event.customerId,
        subscriptionId: event.subscriptionId ?? (carry ? current.subscriptionId : null),
        currentPeriodEnd: carry ? current.currentPeriodEnd : null,
        cancelAtPeriodEnd: carry ? current.cancelAtPeriodEnd : false,
      }
    }
    case "SubscriptionChanged": {
      const status = mapStatus(event.status)
      const same = sameSubscription(current, event.subscriptionId)
      if (!isPaid(status) && isPaid(current.status) && (!same || event.status === "incomplete"))
        return null
      if (
        current.status === "canceled" &&
        same &&
        status !== "canceled" &&
        event.occurredAt === current.lastEventAt
      ) {
        return null
      }
      return {
        planId: event.planId,
        status,
        customerId: event.customerId,
        subscriptionId: event.subscriptionId,
        currentPeriodEnd: event.currentPeriodEnd,
        cancelAtPeriodEnd: event.cancelAtPeriodEnd,
      }
    }
    case "SubscriptionDeleted":
      if (!sameSubscription(current, event.subscriptionId)) return null
      return {
        ...current,
        status: "canceled",
        subscriptionId: event.subscriptionId,
        cancelAtPeriodEnd: false,
      }
    case "InvoicePaid":
      return current.status === "past_due" ? { ...current, status: "active" } : null
    case "InvoicePaymentFailed":
      return current.status === "active" ? { ...current, status: "past_due" } : null
  }
}

/**
 * The subscription after `event`, or null when the event is stale (older than
 * `lastEventAt`) or changes nothing. `updatedAt` is left for the caller to set.
 */
export const transition = (current: Subscription, event: PaymentEvent): Subscription | null => {
  if (event.occurredAt < current.lastEventAt) return null
  const next = fieldsAfter(current, event)
  if (next === null || !changed(current, next)) return null
  return {
    siteId: current.siteId,
    planId: next.planId,
    status: next.status,
    customerId: next.customerId,
    subscriptionId: next.subscriptionId,
    currentPeriodEnd: next.currentPeriodEnd,
    cancelAtPeriodEnd: next.cancelAtPeriodEnd,
    lastEventAt: event.occurredAt,
    updatedAt: current.updatedAt,
  }
}

/** Whether the event is older than what the subscription already reflects. */
export const isStale = (current: Subscription, event: PaymentEvent): boolean =>
  event.occurredAt < current.lastEventAt
