/**
 * Billing of the hosted product: Stripe as the payment provider, plans from
 * configuration, and the webhook route.
 *
 * @since 0.1.0
 */

/** @since 0.1.0 */
export * as StripeProvider from "./StripeProvider.js"
/** @since 0.1.0 */
export * as BillingPlans from "./plans.js"
/** @since 0.1.0 */
export {
  type BillingWebhookOptions,
  billingWebhook,
  type WebhookReceipt,
} from "./webhookRoute.js"
/** @since 0.1.0 */
export {
  type BillingConfigError,
  type BillingSettings,
  type ConfiguredPlan,
  defaultPlans,
  parsePlans,
  stripeConfigFromEnv,
} from "./plans.js"
