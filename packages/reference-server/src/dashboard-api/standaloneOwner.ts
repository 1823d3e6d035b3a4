/**
 * Standalone mode's one site gets its owner from the dashboard: the first
 * account that confirms its email. Every later account starts with no site
 * and joins by invitation.
 *
 * Claiming must hold when two accounts confirm at the same moment, in one
 * process or in several: `Sites.claimOwner` is one atomic step in the store
 * (a conditional UPDATE on PostgreSQL, a Lua script on Redis), so exactly one
 * claim wins with no lock or ticket held here.
 *
 * @since 0.1.0
 */
import type { Accounts, Ids } from "@kommies/core"
import type { AppContext } from "../AppContext.js"

/**
 * In standalone mode, makes the account the owner of the one site when it
 * has none yet (idempotent; a no-op in saas mode, for unverified accounts
 * and once the site has an owner). Answers whether this call made it owner.
 *
 * @since 0.1.0
 * @category ownership
 */
export const claimIfUnowned = (
  app: AppContext,
  account: Accounts.AccountView,
): Promise<boolean> => {
  const siteId = app.standaloneSiteId
  if (app.mode !== "standalone" || siteId === null || !account.verified)
    return Promise.resolve(false)
  return app.kommies.sites.claimOwner(siteId as Ids.SiteId, account.id)
}
