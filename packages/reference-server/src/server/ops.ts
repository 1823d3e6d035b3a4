/**
 * Operations routes: `/health` (the process answers), `/ready` (the database
 * answers and its schema is at the latest migration; 503 while starting or
 * shutting down, so a load balancer stops sending work) and `/metrics`
 * (Prometheus text).
 *
 * @since 0.1.0
 */
import { SiteStore } from "@kommies/core"
import type { Ids } from "@kommies/core"
import { PgMigrations } from "@kommies/store-postgres"
import { Duration, Effect } from "effect"
import type { FastifyPluginAsync } from "fastify"
import type { AppContext } from "../AppContext.js"
import type { Metrics } from "./metrics.js"
import { migrationLevel } from "./stores.js"

/** Options of {@link ops}. */
export interface OpsOptions {
  readonly app: AppContext
  readonly metrics: Metrics
  /** Whether the server has started and is not shutting down. */
  readonly serving: () => boolean
}

const probeSite = "00000000-0000-7000-8000-000000000000" as Ids.SiteId

const problem = (code: string, detail: string) => ({
  type: "about:blank",
  title: "Not ready",
  status: 503,
  detail,
  code,
})

/**
 * The routes, as a Fastify plugin.
 *
 * @since 0.1.0
 * @category plugins
 */
export const ops: FastifyPluginAsync<OpsOptions> = async (fastify, { app, metrics, serving }) => {
  fastify.get("/health", (_request, reply) =>
    reply.header("cache-control", "no-store").send({ status: "ok" }),
  )
  fastify.get("/ready", async (_request, reply) => {
    reply.header("cache-control", "no-store")
    if (!serving())
      return reply
        .code(503)
        .type("application/problem+json")
        .send(problem("not_serving", "The server is starting or shutting down"))
    const check = Effect.gen(function* () {
      yield* Effect.flatMap(SiteStore.SiteStore, (sites) => sites.get(probeSite))
      return yield* migrationLevel
    }).pipe(Effect.timeoutFail({ duration: Duration.seconds(3), onTimeout: () => "timeout" }))
    const level = await app.kommies.run(check).then(
      (l) => ({ ok: true as const, level: l }),
      (error: unknown) => ({ ok: false as const, error }),
    )
    if (!level.ok)
      return reply
        .code(503)
        .type("application/problem+json")
        .send(problem("database_unreachable", "The database did not answer in time"))
    if (level.level !== null && level.level !== PgMigrations.latest)
      return reply
        .code(503)
        .type("application/problem+json")
        .send(
          problem(
            "migrations_pending",
            `The database schema is at migration ${level.level}, this server needs ${PgMigrations.latest}`,
          ),
        )
    return {
      status: "ready",
      checks: { database: "ok", migrations: level.level ?? "not applicable" },
    }
  })
  fastify.get("/metrics", async (_request, reply) =>
    reply
      .header("cache-control", "no-store")
      .type(metrics.registry.contentType)
      .send(await metrics.registry.metrics()),
  )
}
