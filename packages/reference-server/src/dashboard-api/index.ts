/**
 * The dashboard API: what the dashboard app calls at `/dashboard/api/*`
 * (accounts, sessions, sites, team, billing redirects, export), as one
 * Fastify plugin over core's services. Its wire shapes are `contract.ts`.
 *
 * Inside its encapsulated context it parses JSON only (an empty body is no
 * body), under a small body limit; refuses cross-origin writes; and answers
 * every failure as `application/problem+json`.
 *
 * @since 0.1.0
 */
import cookie from "@fastify/cookie"
import type { FastifyPluginAsync } from "fastify"
import { accountsRoutes } from "./accountsRoutes.js"
import { billingRoutes } from "./billingRoutes.js"
import { checkOrigin } from "./csrf.js"
import { exportRoute } from "./exportRoute.js"
import type { DashboardApiOptions, RouteDeps } from "./options.js"
import { problem, send, toProblem } from "./problems.js"
import { defaultRateLimits } from "./rateLimits.js"
import { sitesRoutes } from "./sitesRoutes.js"
import { teamRoutes } from "./teamRoutes.js"
import { packageVersion } from "./version.js"

export type * as Contract from "./contract.js"
export type { DashboardApiOptions } from "./options.js"
export {
  type ActionBudgets,
  type Budget,
  defaultRateLimits,
  type LimitedAction,
  type RateLimitSettings,
} from "./rateLimits.js"

const DEFAULT_BODY_LIMIT = 16 * 1024

/**
 * The dashboard API as a Fastify plugin; the server registers it with
 * `prefix: "/dashboard/api"`, and the cookies it sets are scoped to that path.
 *
 * @since 0.1.0
 * @category plugins
 * @example
 * import Fastify from "fastify"
 * import { dashboardApi } from "./dashboard-api/index.js"
 *
 * const server = Fastify()
 * await server.register(dashboardApi, { prefix: "/dashboard/api", app })
 */
export const dashboardApi: FastifyPluginAsync<DashboardApiOptions> = async (fastify, options) => {
  const { app } = options
  if (!fastify.hasDecorator("parseCookie")) await fastify.register(cookie)

  const deps: RouteDeps = {
    app,
    mountPath: fastify.prefix === "" ? "/" : fastify.prefix,
    rateLimits: options.rateLimits ?? defaultRateLimits,
    maxSitesPerAccount: options.maxSitesPerAccount ?? null,
    version: options.version ?? packageVersion(),
  }

  // JSON and nothing else; an empty body with a JSON type is no body (a
  // fetch of `/logout` with the header but nothing to say).
  const json = fastify.getDefaultJsonParser("error", "error")
  fastify.removeAllContentTypeParsers()
  fastify.addContentTypeParser("application/json", { parseAs: "string" }, (request, body, done) => {
    const text = typeof body === "string" ? body : body.toString("utf8")
    if (text === "") done(null, undefined)
    else json(request, text, done)
  })
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT
  fastify.addHook("onRoute", (route) => {
    route.bodyLimit ??= bodyLimit
  })

  fastify.addHook("onRequest", async (request, reply) => {
    // Sessions and keys pass through here: no cache may keep an answer.
    reply.header("cache-control", "no-store")
    checkOrigin(app, request)
  })
  fastify.setErrorHandler((error, request, reply) => send(reply, toProblem(error, request)))
  fastify.setNotFoundHandler((request, reply) =>
    send(reply, problem(404, "not_found", `No route ${request.method} ${request.url}`).problem),
  )

  accountsRoutes(fastify, deps)
  sitesRoutes(fastify, deps)
  teamRoutes(fastify, deps)
  billingRoutes(fastify, deps)
  exportRoute(fastify, deps)
}
