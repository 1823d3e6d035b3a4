/**
 * Every store port of Kommies on Redis: run Kommies on Redis alone, or take
 * single ports (Layers are per tag) beside another store. Every multi-key write
 * is one Lua script in the site's hash slot, so it works on Redis Cluster.
 *
 * @since 0.1.0
 */
import {
  AccountStore,
  BillingStore,
  type Comment,
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
import { type Config as EffectConfig, type ConfigError, Context, Effect, Layer } from "effect"
import * as Billing from "./internal/stores/Billing.js"
import * as Commenters from "./internal/stores/Commenters.js"
import * as Comments from "./internal/stores/Comments.js"
import * as Events from "./internal/stores/Events.js"
import * as Moderation from "./internal/stores/Moderation.js"
import * as Notifications from "./internal/stores/Notifications.js"
import * as Registry from "./internal/stores/Registry.js"
import * as Sessions from "./internal/stores/Sessions.js"
import * as Team from "./internal/stores/Team.js"
import * as Threads from "./internal/stores/Threads.js"
import * as Votes from "./internal/stores/Votes.js"
import * as Webhooks from "./internal/stores/Webhooks.js"
import * as RedisConnection from "./RedisConnection.js"

/**
 * Every store port over the RedisConnection in context, as a Context.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import { Effect } from "effect"
 * import { RedisConnection, RedisStore } from "@kommies/store-redis"
 *
 * const stores = RedisStore.make.pipe(
 *   Effect.provide(RedisConnection.layer({ url: "redis://127.0.0.1:6379" })),
 * )
 */
export const make: Effect.Effect<
  Context.Context<Stores.Stores>,
  never,
  RedisConnection.RedisConnection
> = Effect.map(RedisConnection.RedisConnection, (conn) =>
  Context.empty().pipe(
    Context.add(SiteStore.SiteStore, Registry.makeSites(conn)),
    Context.add(AccountStore.AccountStore, Registry.makeAccounts(conn)),
    Context.add(ThreadStore.ThreadStore, Threads.make(conn)),
    Context.add(CommentStore.CommentStore, Comments.make(conn)),
    Context.add(VoteStore.VoteStore, Votes.make(conn)),
    Context.add(CommenterStore.CommenterStore, Commenters.make(conn)),
    Context.add(SessionStore.SessionStore, Sessions.make(conn)),
    Context.add(ModerationStore.ModerationStore, Moderation.make(conn)),
    Context.add(UsageStore.UsageStore, Billing.makeUsage(conn)),
    Context.add(BillingStore.BillingStore, Billing.makeBilling(conn)),
    Context.add(NotificationStore.NotificationStore, Notifications.make(conn)),
    Context.add(WebhookStore.WebhookStore, Webhooks.make(conn)),
    Context.add(TeamStore.TeamStore, Team.make(conn)),
    Context.add(EventLog.EventLog, Events.make(conn)),
  ),
)

/**
 * Inserts many comments, each with the counter deltas core would write (as
 * `CommentStore.insert` does, by the same script), pipelined `batchSize` at a
 * time (default 500): imports and seeding. Each comment is atomic on its own;
 * the import is not, and stops at the first batch with a failed comment (a
 * duplicate id). Returns how many comments it sent.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import { Effect } from "effect"
 * import { RedisConnection, RedisStore } from "@kommies/store-redis"
 *
 * const imported = RedisStore.importComments(
 *   exported.map((comment) => ({ comment, deltas: { threadComments: 1, parentReplies: 0 } })),
 * ).pipe(Effect.provide(RedisConnection.layer({ url: "redis://127.0.0.1:6379" })))
 */
export const importComments = (
  items: Iterable<{
    readonly comment: Comment.Comment
    readonly deltas: CommentStore.CounterDeltas
  }>,
  options: { readonly batchSize?: number } = {},
): Effect.Effect<number, Errors.StoreError, RedisConnection.RedisConnection> =>
  Effect.flatMap(RedisConnection.RedisConnection, (conn) =>
    Comments.importMany(conn, items, Math.max(1, Math.floor(options.batchSize ?? 500))),
  )

/**
 * Every store port over a RedisConnection you provide (share it with
 * `RedisEventBus.layerFromConnection` and `RedisRateLimiter.layerFromConnection`).
 *
 * @since 0.1.0
 * @category layers
 * @example
 * import { Layer } from "effect"
 * import { RedisConnection, RedisEventBus, RedisStore } from "@kommies/store-redis"
 *
 * const redis = Layer.mergeAll(RedisStore.layerFromConnection, RedisEventBus.layerFromConnection)
 *   .pipe(Layer.provide(RedisConnection.layer({ url: process.env.REDIS_URL! })))
 */
export const layerFromConnection: Layer.Layer<
  Stores.Stores,
  never,
  RedisConnection.RedisConnection
> = Layer.effectContext(make)

/**
 * Every store port on the Redis at `config.url`, or on the Redis Cluster
 * found from `config.cluster`. The connection opens when the layer is built
 * (failing with StoreError `Unavailable` if Redis cannot be reached) and
 * closes with it.
 *
 * @since 0.1.0
 * @category layers
 * @example
 * import { Kommies } from "@kommies/core"
 * import { RedisEventBus, RedisStore } from "@kommies/store-redis"
 * import { Layer } from "effect"
 *
 * const stores = Layer.merge(
 *   RedisStore.layer({ url: "redis://127.0.0.1:6379" }),
 *   RedisEventBus.layer({ url: "redis://127.0.0.1:6379" }),
 * )
 * // or a cluster: RedisStore.layer({ cluster: ["10.0.0.1:7000", "10.0.0.2:7000"] })
 * const kommies = Kommies.layer({ stores, tokens: { secret: process.env.KOMMIES_SECRET! } })
 */
export const layer = (
  config: RedisConnection.Config,
): Layer.Layer<Stores.Stores, Errors.StoreError> =>
  Layer.provide(layerFromConnection, RedisConnection.layer(config))

/**
 * Every store port with the connection settings read from a Config, for
 * example `RedisConnection.fromEnv` (`REDIS_URL` or `REDIS_CLUSTER_NODES`).
 *
 * @since 0.1.0
 * @category layers
 * @example
 * import { RedisConnection, RedisStore } from "@kommies/store-redis"
 *
 * const stores = RedisStore.layerConfig(RedisConnection.fromEnv)
 */
export const layerConfig = (
  config: EffectConfig.Config<RedisConnection.Config>,
): Layer.Layer<Stores.Stores, Errors.StoreError | ConfigError.ConfigError> =>
  Layer.provide(layerFromConnection, RedisConnection.layerConfig(config))
