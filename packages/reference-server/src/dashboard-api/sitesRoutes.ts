/**
 * Routes of an account's sites: the ones it has a role on, and creating one
 * (saas mode; a standalone server has its one site).
 *
 * @since 0.1.0
 */
import { Accounts, type Site, Sites } from "@kommies/core"
import type { FastifyInstance } from "fastify"
import * as Bodies from "./bodies.js"
import type { CreatedSite, SiteSummary } from "./contract.js"
import type { RouteDeps } from "./options.js"
import { problem } from "./problems.js"
import { accountOf } from "./session.js"

/**
 * A site as the dashboard lists it: never the secret key's hash or the
 * settings (those come from the comments API).
 *
 * @since 0.1.0
 * @category conversions
 */
export const siteSummary = (site: Site.Site, role: SiteSummary["role"]): SiteSummary => ({
  id: site.id,
  name: site.name,
  role,
  publicKey: site.publicKey,
  allowedOrigins: site.allowedOrigins,
  createdAt: site.createdAt,
})

/**
 * Registers `GET /sites` and `POST /sites`.
 *
 * @since 0.1.0
 * @category routes
 */
export const sitesRoutes = (fastify: FastifyInstance, deps: RouteDeps): void => {
  const { app } = deps

  fastify.get("/sites", async (request) => {
    const account = await accountOf(app, request)
    const memberships = await app.kommies.run(Accounts.memberships(account.id))
    const sites = memberships
      .map(({ site, role }) => siteSummary(site, role))
      .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id))
    return { sites }
  })

  fastify.post("/sites", async (request, reply): Promise<CreatedSite> => {
    const account = await accountOf(app, request)
    if (app.mode === "standalone")
      throw problem(409, "single_site_mode", "This server runs one site; it has no room for more")
    const body = Bodies.decodeBody(Bodies.CreateSiteRequest, request.body)
    if (deps.maxSitesPerAccount !== null) {
      const owned = await app.kommies.run(Accounts.sites(account.id))
      if (owned.length >= deps.maxSitesPerAccount)
        throw problem(
          409,
          "site_limit_reached",
          `An account may own at most ${deps.maxSitesPerAccount} sites`,
        )
    }
    const created = await app.kommies.run(
      Sites.create({
        name: body.name,
        ownerAccountId: account.id,
        ...(body.allowedOrigins === undefined ? {} : { allowedOrigins: body.allowedOrigins }),
      }),
    )
    reply.code(201)
    return { site: siteSummary(created.site, "owner"), secretKey: created.secretKey }
  })
}
