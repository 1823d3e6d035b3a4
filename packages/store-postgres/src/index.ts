/**
 * @kommies/store-postgres: every Kommies store port on PostgreSQL, through
 * `@effect/sql-pg`, and the same schema and statements embedded on PGlite.
 *
 * @since 0.1.0
 */

/** The store ports: `PgStore.layer({ url })`, `PgStore.layerConfig(...)`, `PgStore.embedded({ dataDir })`. @since 0.1.0 */
export * as PgStore from "./PgStore.js"

/** EventBus on LISTEN/NOTIFY (in-process on PGlite). @since 0.1.0 */
export * as PgEventBus from "./PgEventBus.js"

/** The migrated database the stores and the bus share: a PgClient on a server or on PGlite. @since 0.1.0 */
export * as PgDatabase from "./PgDatabase.js"

/** The versioned schema and its Migrator run. @since 0.1.0 */
export * as PgMigrations from "./PgMigrations.js"
