/**
 * The database the Kommies stores run on: an `@effect/sql-pg` PgClient over a
 * node-postgres pool (a PostgreSQL server) or over PGlite (embedded, in this
 * process), migrated to the current schema before anything reads it.
 *
 * Both kinds are the same `PgClient`, so the stores, the event bus and the
 * migrations run one set of statements on either.
 *
 * @since 0.1.0
 */
import * as Reactivity from "@effect/experimental/Reactivity"
import { SqlClient } from "@effect/sql/SqlClient"
import * as PgClient from "@effect/sql-pg/PgClient"
import { PGlite } from "@electric-sql/pglite"
import type { Errors } from "@kommies/core"
import {
  Config,
  type ConfigError,
  Context,
  Duration,
  Effect,
  Layer,
  Option,
  type Redacted,
  type Scope,
} from "effect"
import * as Pool from "./internal/pool.js"
import { listen } from "./internal/listen.js"
import * as Pglite from "./internal/pglite.js"
import * as PgMigrations from "./PgMigrations.js"

/**
 * The migrated database of the Kommies stores. Its value is a full `PgClient`,
 * also usable for queries of your own (its search_path is the Kommies schema).
 *
 * @since 0.1.0
 * @category tags
 */
export class PgDatabase extends Context.Tag("@kommies/store-postgres/PgDatabase")<
  PgDatabase,
  PgClient.PgClient
>() {}

/**
 * Connection settings for a PostgreSQL server.
 *
 * @since 0.1.0
 * @category models
 */
export interface ServerConfig {
  /**
   * `postgres://user:password@host:5432/database`. Omitted: node-postgres reads
   * `PGHOST`, `PGPORT`, `PGUSER`, `PGPASSWORD` and `PGDATABASE`.
   */
  readonly url?: string | Redacted.Redacted | undefined
  /** Connections in the pool. Default 10. */
  readonly poolSize?: number | undefined
  /** The schema the tables live in (created if missing). Default `kommies`. */
  readonly schema?: string | undefined
  /** How long the first connection may take before the layer fails. Default 5 seconds. */
  readonly connectTimeout?: Duration.DurationInput | undefined
  /** Reported in `pg_stat_activity`. Default `kommies`. */
  readonly applicationName?: string | undefined
}

/**
 * Settings of the embedded database.
 *
 * @since 0.1.0
 * @category models
 */
export interface EmbeddedConfig {
  /** A folder to keep the database in, created if missing. Omitted: in memory, gone on close. */
  readonly dataDir?: string | undefined
  /** The schema the tables live in. Default `kommies`. */
  readonly schema?: string | undefined
}

/** The default schema of the Kommies tables. @since 0.1.0 @category constants */
export const defaultSchema = "kommies"

const withMigrations = (
  schema: string,
  client: PgClient.PgClient,
): Effect.Effect<PgClient.PgClient, Errors.StoreError> =>
  Effect.as(Effect.provideService(PgMigrations.run(schema), SqlClient, client), client)

/**
 * A migrated PgClient on a PostgreSQL server, closed with the scope. Fails with
 * StoreError `Unavailable` (and the address, never the password) when the
 * server cannot be reached, `Conflict` when its schema is newer than this code.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import { Effect } from "effect"
 * import { PgDatabase } from "@kommies/store-postgres"
 *
 * const count = Effect.scoped(
 *   Effect.gen(function* () {
 *     const sql = yield* PgDatabase.make({ url: "postgres://postgres@127.0.0.1:5432/app" })
 *     return yield* sql`SELECT count(*) AS n FROM comments`
 *   }),
 * )
 */
export const make = (
  config: ServerConfig = {},
): Effect.Effect<PgClient.PgClient, Errors.StoreError, Scope.Scope> =>
  Effect.gen(function* () {
    const schema = config.schema ?? defaultSchema
    yield* PgMigrations.checkSchemaName(schema)
    const url = Pool.urlOf(config.url)
    const options: Pool.PoolOptions = {
      url,
      poolSize: config.poolSize ?? 10,
      schema,
      connectTimeout: Duration.decode(config.connectTimeout ?? "5 seconds"),
      applicationName: config.applicationName ?? "kommies",
    }
    const pool = yield* Pool.make(options)
    const client = yield* PgClient.fromPool({ acquire: Effect.succeed(pool) }).pipe(
      Effect.mapError((error) => Pool.unreachable(Pool.describeTarget(url), error.cause ?? error)),
      Effect.provide(Reactivity.layer),
    )
    // A listening connection of its own per stream, which fails when lost.
    Object.assign(client, { listen: listen(Pool.connectionConfig(options)) })
    return yield* withMigrations(schema, client)
  })

/**
 * A migrated PgClient on PGlite, in memory or in `dataDir`, closed with the scope.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import { Effect } from "effect"
 * import { PgDatabase } from "@kommies/store-postgres"
 *
 * const threads = Effect.scoped(
 *   Effect.flatMap(PgDatabase.makeEmbedded({ dataDir: "./data" }), (sql) => sql`SELECT key FROM threads`),
 * )
 */
export const makeEmbedded = (
  config: EmbeddedConfig = {},
): Effect.Effect<PgClient.PgClient, Errors.StoreError, Scope.Scope> =>
  Effect.gen(function* () {
    const schema = config.schema ?? defaultSchema
    yield* PgMigrations.checkSchemaName(schema)
    const where = config.dataDir === undefined ? "in memory" : `in ${config.dataDir}`
    const db = yield* Effect.acquireRelease(
      Effect.tryPromise({
        try: () => PGlite.create(config.dataDir === undefined ? {} : { dataDir: config.dataDir }),
        catch: (cause) => Pool.unreachable(`PGlite ${where}`, cause),
      }),
      (db) => Effect.tryPromise(() => db.close()).pipe(Effect.ignore),
    )
    yield* Effect.tryPromise({
      try: () => db.query(`SET search_path TO ${schema}`),
      catch: (cause) => Pool.unreachable(`PGlite ${where}`, cause),
    })
    const client = yield* Pglite.make(db).pipe(Effect.provide(Reactivity.layer))
    return yield* withMigrations(schema, client)
  })

/**
 * Provides PgDatabase on a PostgreSQL server, migrated on start.
 *
 * @since 0.1.0
 * @category layers
 * @example
 * import { PgDatabase } from "@kommies/store-postgres"
 *
 * const Database = PgDatabase.layer({ url: process.env.DATABASE_URL, poolSize: 20 })
 */
export const layer = (config: ServerConfig = {}): Layer.Layer<PgDatabase, Errors.StoreError> =>
  Layer.scoped(PgDatabase, make(config))

/**
 * Settings from the environment: `DATABASE_URL` (optional: without it the
 * `PG*` variables apply), `DATABASE_POOL_SIZE`, `DATABASE_SCHEMA`.
 *
 * @since 0.1.0
 * @category config
 */
export const config: Config.Config<ServerConfig> = Config.all({
  url: Config.option(Config.redacted("DATABASE_URL")).pipe(Config.map(Option.getOrUndefined)),
  poolSize: Config.integer("DATABASE_POOL_SIZE").pipe(Config.withDefault(10)),
  schema: Config.string("DATABASE_SCHEMA").pipe(Config.withDefault(defaultSchema)),
})

/**
 * Provides PgDatabase from Effect Config (for example {@link config}).
 *
 * @since 0.1.0
 * @category layers
 * @example
 * import { Config } from "effect"
 * import { PgDatabase } from "@kommies/store-postgres"
 *
 * const Database = PgDatabase.layerConfig({
 *   url: Config.redacted("KOMMIES_DATABASE_URL"),
 *   poolSize: Config.integer("KOMMIES_POOL").pipe(Config.withDefault(10)),
 * })
 */
export const layerConfig = (
  config: Config.Config.Wrap<ServerConfig>,
): Layer.Layer<PgDatabase, Errors.StoreError | ConfigError.ConfigError> =>
  Layer.scoped(PgDatabase, Effect.flatMap(Config.unwrap(config), make))

/**
 * Provides PgDatabase on PGlite in this process: no server. With `dataDir` the
 * data persists across restarts; without it the database lives in memory.
 *
 * @since 0.1.0
 * @category layers
 * @example
 * import { PgDatabase } from "@kommies/store-postgres"
 *
 * const Database = PgDatabase.embedded({ dataDir: "./data/kommies" })
 */
export const embedded = (config: EmbeddedConfig = {}): Layer.Layer<PgDatabase, Errors.StoreError> =>
  Layer.scoped(PgDatabase, makeEmbedded(config))
