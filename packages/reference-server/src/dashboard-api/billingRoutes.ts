/**
 * Routes that send the owner to the payment provider: checkout for a plan
 * and the customer portal, both returning to the site's billing screen.
 * The billing overview itself comes from the comments API (`GET /site/billing`).
 *
 * @since 0.1.0
 */
import { SiteBilling } from "@kommies/core"
import type { FastifyInstance, FastifyRequest } from "fastify"
import type { AppContext } from "../AppContext.js"
import * as Bodies from "./bodies.js"
import type { RedirectInfo } from "./contract.js"
import type { RouteDeps } from "./options.js"
import { problem } from "./problems.js"
import { siteActorOf } from "./session.js"

/**
 * The dashboard's billing screen of a site, where the provider sends the
 * browser back (`?checkout=success|cancel` after checkout).
 *
 * @since 0.1.0
 * @category links
 */
export const billingScreen = (publicUrl: string, siteId: string): string =>
  `${publicUrl}/dashboard/#/sites/${encodeURIComponent(siteId)}/billing`

const billingActor = async (app: AppContext, request: FastifyRequest) => {
  const found = await siteActorOf(app, request)
  if (!app.billingEnabled)
    throw problem(503, "billing_disabled", "Billing is off on this server; every plan is unlimited")
  return found
}

/**
 * Registers `POST /sites/:siteId/billing/checkout` and
 * `POST /sites/:siteId/billing/portal`.
 *
 * @since 0.1.0
 * @category routes
 */
export const billingRoutes = (fastify: FastifyInstance, deps: RouteDeps): void => {
  const { app } = deps

  fastify.post("/sites/:siteId/billing/checkout", async (request): Promise<RedirectInfo> => {
    const { account, siteId, actor } = await billingActor(app, request)
    const body = Bodies.decodeBody(Bodies.CheckoutRequest, request.body)
    const screen = billingScreen(app.publicUrl, siteId)
    const { url } = await app.kommies.run(
      SiteBilling.checkout(actor, body.planId, {
        successUrl: `${screen}?checkout=success`,
        cancelUrl: `${screen}?checkout=cancel`,
        email: account.email,
      }),
    )
    return { url }
  })

  fastify.post("/sites/:siteId/billing/portal", async (request): Promise<RedirectInfo> => {
    const { siteId, actor } = await billingActor(app, request)
    const { url } = await app.kommies.run(
      SiteBilling.portal(actor, billingScreen(app.publicUrl, siteId)),
    )
    return { url }
  })
}
