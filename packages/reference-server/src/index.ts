/**
 * @kommies/reference-server: the hosted Kommies product — API, dashboard,
 * billing, embed scripts, realtime — assembled from the Kommies packages,
 * and the `kommies` CLI that runs it.
 *
 * @since 0.1.0
 */

/** @since 0.1.0 */
export { type RunningServer, type StartOverrides, startServer } from "./server/start.js"
/** @since 0.1.0 */
export { loadConfig } from "./config/loadConfig.js"
/** @since 0.1.0 */
export { ConfigProblem, type LogLevel, type ServerConfig } from "./config/ServerConfig.js"
/** @since 0.1.0 */
export type { AppContext } from "./AppContext.js"
/** @since 0.1.0 */
export { type PagesOptions, pages } from "./server/pages.js"
/** @since 0.1.0 */
export { type OpsOptions, ops } from "./server/ops.js"
/** @since 0.1.0 */
export {
  makeRealtimeSocket,
  type RealtimeSocket,
  type RealtimeSocketOptions,
  realtimePath,
} from "./realtime/RealtimeSocket.js"
/** @since 0.1.0 */
export * as Presence from "./realtime/Presence.js"
/** @since 0.1.0 */
export { billingWebhook, StripeProvider } from "./billing/index.js"
/** @since 0.1.0 */
export { type DashboardApiOptions, dashboardApi } from "./dashboard-api/index.js"
/** @since 0.1.0 */
export { demoSiteId, standaloneSiteId } from "./server/sites.js"
