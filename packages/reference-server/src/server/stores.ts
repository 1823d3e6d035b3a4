/**
 * Which stores the server runs on, from its config: PostgreSQL (`DATABASE_URL`)
 * or PGlite in the data folder, and Redis (`REDIS_URL`) for the event bus and
 * rate limits across processes.
 *
 * @since 0.1.0
 */
import { join } from "node:path"
import type { EventBus, RateLimiter, Stores } from "@kommies/core"
import { PgDatabase, PgEventBus, PgMigrations, PgStore } from "@kommies/store-postgres"
import { RedisConnection, RedisEventBus, RedisRateLimiter } from "@kommies/store-redis"
import { Effect, Layer, Option, Redacted } from "effect"
import type { ServerConfig } from "../config/ServerConfig.js"

/** The store Layers handed to `Kommies.make`. */
export interface StoreChoice {
  readonly stores: Layer.Layer<Stores.Stores | EventBus.EventBus, unknown>
  readonly rateLimiter: Layer.Layer<RateLimiter.RateLimiter, unknown> | undefined
  /** One line for the start log: where the data lives. */
  readonly description: string
}

/** The PGlite folder inside the data folder. */
export const pgliteDir = (dataDir: string): string => join(dataDir, "pglite")

/**
 * The stores of a config. The Redis connection Layer is one value, so the
 * bus and the rate limiter share one connection when both are built.
 */
export const storesOf = (config: ServerConfig): StoreChoice => {
  const database =
    config.databaseUrl === null
      ? PgStore.embedded({ dataDir: pgliteDir(config.dataDir), schema: config.databaseSchema })
      : PgStore.layer({
          url: config.databaseUrl,
          schema: config.databaseSchema,
          poolSize: config.databasePoolSize,
          applicationName: "kommies-server",
        })
  if (config.redisUrl === null) {
    // Same channel as the schema: deployments sharing a database do not hear each other.
    const bus =
      config.databaseSchema === "kommies"
        ? PgEventBus.layer
        : PgEventBus.layerWith({ channel: `kommies_${config.databaseSchema}` })
    return {
      stores: Layer.provideMerge(bus, database),
      rateLimiter: undefined,
      description: describeDatabase(config),
    }
  }
  const redis = RedisConnection.layer({
    url: Redacted.value(config.redisUrl),
    prefix: config.redisPrefix,
  })
  return {
    stores: Layer.merge(database, RedisEventBus.layerFromConnection.pipe(Layer.provide(redis))),
    rateLimiter: RedisRateLimiter.layerFromConnection.pipe(Layer.provide(redis)),
    description: `${describeDatabase(config)}, events and rate limits on Redis`,
  }
}

const describeDatabase = (config: ServerConfig) => {
  if (config.databaseUrl === null)
    return `embedded PostgreSQL (PGlite) in ${pgliteDir(config.dataDir)}`
  try {
    const url = new URL(Redacted.value(config.databaseUrl))
    return `PostgreSQL at ${url.hostname}:${url.port || 5432}${url.pathname} (schema ${config.databaseSchema})`
  } catch {
    return "PostgreSQL"
  }
}

/**
 * The migration level of the database in context, when the stores are on
 * PostgreSQL: `null` for other stores (nothing to migrate). The server's
 * `/ready` compares it with {@link PgMigrations.latest}.
 */
export const migrationLevel: Effect.Effect<number | null, unknown> = Effect.flatMap(
  Effect.serviceOption(PgDatabase.PgDatabase),
  Option.match({
    onNone: () => Effect.succeed(null),
    onSome: (sql) =>
      Effect.map(
        sql<{
          readonly level: number | null
        }>`SELECT max(migration_id) AS level FROM ${sql(PgMigrations.table)}`,
        (rows) => Number(rows[0]?.level ?? 0),
      ),
  }),
)
