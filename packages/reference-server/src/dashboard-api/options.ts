/**
 * Options of the dashboard API plugin, and what its route modules share.
 *
 * @since 0.1.0
 */
import type { AppContext } from "../AppContext.js"
import type { RateLimitSettings } from "./rateLimits.js"

/**
 * Options of `dashboardApi`. Only `app` is required.
 *
 * @since 0.1.0
 * @category models
 */
export interface DashboardApiOptions {
  /** The assembled server. */
  readonly app: AppContext
  /** Budgets of sign-up, sign-in, code checks and resets; `false` turns them off. Default: `defaultRateLimits`. */
  readonly rateLimits?: RateLimitSettings | false
  /** Sites an account may create in saas mode; null or absent: no limit. */
  readonly maxSitesPerAccount?: number | null
  /** Largest JSON body, in bytes; more is 413 `body_too_large`. Default 16 KiB. */
  readonly bodyLimit?: number
  /** Reported by `GET /config`. Default: this package's version. */
  readonly version?: string
}

/**
 * What every route module gets: the app, the settings, and the path the
 * plugin is mounted at (the cookies' `Path`).
 *
 * @since 0.1.0
 * @category models
 */
export interface RouteDeps {
  readonly app: AppContext
  readonly mountPath: string
  readonly rateLimits: RateLimitSettings | false
  readonly maxSitesPerAccount: number | null
  readonly version: string
}
