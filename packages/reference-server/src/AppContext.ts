/**
 * What every part of the reference server shares once it is assembled: the
 * Kommies services (one runtime per process) and the few settings that
 * change how routes behave.
 *
 * @since 0.1.0
 */
import type { Kommies } from "@kommies/core"

/**
 * The assembled server, handed to each route plugin (dashboard API, billing
 * webhook, realtime) so none of them builds services of its own.
 *
 * @since 0.1.0
 * @category models
 */
export interface AppContext {
  /** Every Kommies service over the configured stores; `kommies.run` runs an Effect against them. */
  readonly kommies: Kommies.Kommies
  /** `standalone`: one site from the environment, no accounts needed. `saas`: accounts, many sites, plans. */
  readonly mode: "standalone" | "saas"
  /** Where browsers reach this server, without a trailing slash (`http://localhost:8787`). */
  readonly publicUrl: string
  /** Whether cookies get `Secure` (true whenever `publicUrl` is https). */
  readonly secureCookies: boolean
  /** Whether a payment provider is configured (Stripe keys present in saas mode). */
  readonly billingEnabled: boolean
  /**
   * `standalone` mode: the one site, created at first start. The first account
   * to verify its email becomes its owner; later ones join by invitation.
   * Null in `saas` mode.
   */
  readonly standaloneSiteId: string | null
  /** The site the demo page at `/demo` comments on (the standalone site, or a demo site in `saas` mode). */
  readonly demoSiteId: string
}
