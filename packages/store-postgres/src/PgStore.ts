/**
 * Every store port of Kommies on PostgreSQL, through `@effect/sql-pg`: on a
 * server (`layer`, `layerConfig`) or embedded on PGlite (`embedded`), with one
 * schema and one set of statements for both.
 *
 * @since 0.1.0
 */
import type { SqlClient } from "@effect/sql/SqlClient"
import {
  AccountStore,
  BillingStore,
  CommenterStore,
  CommentStore,
  type Errors,
  EventLog,
  ModerationStore,
  NotificationStore,
  SessionStore,
  SiteStore,
  type Stores,
  TeamStore,
  ThreadStore,
  UsageStore,
  VoteStore,
  WebhookStore,
} from "@kommies/core"
import { type ConfigError, Context, Effect, type Config as EffectConfig, Layer } from "effect"
import * as Billing from "./internal/billing.js"
import * as Commenters from "./internal/commenters.js"
import * as Comments from "./internal/comments.js"
import * as Events from "./internal/events.js"
import * as Moderation from "./internal/moderation.js"
import * as Notifications from "./internal/notifications.js"
import * as Sessions from "./internal/sessions.js"
import * as Sites from "./internal/sites.js"
import * as Team from "./internal/team.js"
import * as Threads from "./internal/threads.js"
import * as Usage from "./internal/usage.js"
import * as Votes from "./internal/votes.js"
import * as Webhooks from "./internal/webhooks.js"
import * as PgDatabase from "./PgDatabase.js"

/**
 * Settings of {@link layer}: the connection (`url`, or the `PG*` variables when
 * it is omitted), `poolSize` (default 10), `schema` (default `kommies`).
 *
 * @since 0.1.0
 * @category models
 */
export type Config = PgDatabase.ServerConfig

/**
 * Settings of {@link embedded}: `dataDir` (omitted: in memory) and `schema`.
 *
 * @since 0.1.0
 * @category models
 */
export type EmbeddedConfig = PgDatabase.EmbeddedConfig

/**
 * Every store port over one SqlClient (a migrated Kommies database), as a Context.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import { Effect } from "effect"
 * import { PgDatabase, PgStore } from "@kommies/store-postgres"
 *
 * const stores = Effect.map(PgDatabase.makeEmbedded(), PgStore.fromClient)
 */
export const fromClient = (sql: SqlClient): Context.Context<Stores.Stores> =>
  Context.empty().pipe(
    Context.add(SiteStore.SiteStore, Sites.sites(sql)),
    Context.add(AccountStore.AccountStore, Sites.accounts(sql)),
    Context.add(ThreadStore.ThreadStore, Threads.make(sql)),
    Context.add(CommentStore.CommentStore, Comments.make(sql)),
    Context.add(VoteStore.VoteStore, Votes.make(sql)),
    Context.add(CommenterStore.CommenterStore, Commenters.make(sql)),
    Context.add(SessionStore.SessionStore, Sessions.make(sql)),
    Context.add(ModerationStore.ModerationStore, Moderation.make(sql)),
    Context.add(UsageStore.UsageStore, Usage.make(sql)),
    Context.add(BillingStore.BillingStore, Billing.make(sql)),
    Context.add(NotificationStore.NotificationStore, Notifications.make(sql)),
    Context.add(WebhookStore.WebhookStore, Webhooks.make(sql)),
    Context.add(TeamStore.TeamStore, Team.make(sql)),
    Context.add(EventLog.EventLog, Events.make(sql)),
  )

/**
 * Every store port over the PgDatabase in context.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import { Effect } from "effect"
 * import { PgDatabase, PgStore } from "@kommies/store-postgres"
 *
 * const stores = PgStore.make.pipe(Effect.provide(PgDatabase.embedded()))
 */
export const make: Effect.Effect<
  Context.Context<Stores.Stores>,
  never,
  PgDatabase.PgDatabase
> = Effect.map(PgDatabase.PgDatabase, fromClient)

/**
 * Provides the store ports from a PgDatabase you provide (to share one
 * database between the stores, `PgEventBus` and queries of your own).
 *
 * @since 0.1.0
 * @category layers
 * @example
 * import { Layer } from "effect"
 * import { PgDatabase, PgEventBus, PgStore } from "@kommies/store-postgres"
 *
 * const Kommies = Layer.mergeAll(PgStore.layerFromDatabase, PgEventBus.layer).pipe(
 *   Layer.provideMerge(PgDatabase.layer({ url: process.env.DATABASE_URL })),
 * )
 */
export const layerFromDatabase: Layer.Layer<Stores.Stores, never, PgDatabase.PgDatabase> =
  Layer.effectContext(make)

/**
 * Provides every store port on a PostgreSQL server: connects (failing with a
 * StoreError `Unavailable` that names the server when it cannot), migrates the
 * schema, and closes the pool with the layer. Also provides the PgDatabase, so
 * `PgEventBus.layer` can share it.
 *
 * @since 0.1.0
 * @category layers
 * @example
 * import { Effect, Layer } from "effect"
 * import { ThreadStore } from "@kommies/core"
 * import { PgEventBus, PgStore } from "@kommies/store-postgres"
 *
 * const Stores = PgStore.layer({ url: "postgres://postgres@127.0.0.1:5432/app", poolSize: 10 })
 * const Live = Layer.provideMerge(PgEventBus.layer, Stores)
 *
 * const program = Effect.gen(function* () {
 *   const threads = yield* ThreadStore.ThreadStore
 *   return yield* threads.getByKey(siteId, "/post/1")
 * }).pipe(Effect.provide(Live))
 */
export const layer = (
  config: Config = {},
): Layer.Layer<Stores.Stores | PgDatabase.PgDatabase, Errors.StoreError> =>
  Layer.provideMerge(layerFromDatabase, PgDatabase.layer(config))

/**
 * {@link layer} with its settings from Effect Config. `PgDatabase.config` reads
 * `DATABASE_URL` (without it, the `PG*` variables), `DATABASE_POOL_SIZE` and
 * `DATABASE_SCHEMA`.
 *
 * @since 0.1.0
 * @category layers
 * @example
 * import { PgDatabase, PgStore } from "@kommies/store-postgres"
 *
 * const Stores = PgStore.layerConfig(PgDatabase.config)
 */
export const layerConfig = (
  config: EffectConfig.Config.Wrap<Config>,
): Layer.Layer<
  Stores.Stores | PgDatabase.PgDatabase,
  Errors.StoreError | ConfigError.ConfigError
> => Layer.provideMerge(layerFromDatabase, PgDatabase.layerConfig(config))

/**
 * Provides every store port on PGlite in this process, with the same schema and
 * statements as a server: no PostgreSQL to run. `dataDir` keeps the data across
 * restarts; without it the database lives in memory.
 *
 * @since 0.1.0
 * @category layers
 * @example
 * import { Layer } from "effect"
 * import { PgEventBus, PgStore } from "@kommies/store-postgres"
 *
 * const Live = Layer.provideMerge(PgEventBus.layer, PgStore.embedded({ dataDir: "./data" }))
 */
export const embedded = (
  config: EmbeddedConfig = {},
): Layer.Layer<Stores.Stores | PgDatabase.PgDatabase, Errors.StoreError> =>
  Layer.provideMerge(layerFromDatabase, PgDatabase.embedded(config))
