/**
 * The site's export as a download: core's `Portability.exportSite` (owner
 * and admin, by the permissions table), which never holds a secret.
 *
 * @since 0.1.0
 */
import { Portability } from "@kommies/core"
import type { FastifyInstance } from "fastify"
import type { RouteDeps } from "./options.js"
import { siteActorOf } from "./session.js"

/**
 * The download's file name: the site and the day, safe in any header.
 *
 * @since 0.1.0
 * @category links
 */
export const exportFileName = (siteId: string, at: Date): string =>
  `kommies-${siteId.replace(/[^A-Za-z0-9-]/g, "")}-${at.toISOString().slice(0, 10)}.json`

/**
 * Registers `GET /sites/:siteId/export`.
 *
 * @since 0.1.0
 * @category routes
 */
export const exportRoute = (fastify: FastifyInstance, deps: RouteDeps): void => {
  const { app } = deps

  fastify.get("/sites/:siteId/export", async (request, reply) => {
    const { siteId, actor } = await siteActorOf(app, request)
    const document = await app.kommies.run(Portability.exportSite(actor))
    return reply
      .header("content-disposition", `attachment; filename="${exportFileName(siteId, new Date())}"`)
      .type("application/json; charset=utf-8")
      .send(JSON.stringify(document))
  })
}
