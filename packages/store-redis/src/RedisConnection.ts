/**
 * A connection to Redis — one server or a Redis Cluster — shared by the
 * store, the event bus, the rate limiter and the page cache. Its defaults
 * favour clear failures over silent waits: a command gets a StoreError
 * `Unavailable` when Redis cannot be reached, and a command whose connection
 * drops before the reply is never re-sent blindly (its outcome is reported as
 * unknown instead of being applied twice).
 *
 * @since 0.1.0
 */
import {
  ConfigError,
  Context,
  Duration,
  Effect,
  Config as EffectConfig,
  Either,
  Layer,
  Option,
  type Scope,
} from "effect"
import { Cluster, type ClusterOptions, Redis, type RedisOptions } from "ioredis"
import { Errors } from "@kommies/core"
import { lastError, redact, watchErrors } from "./internal/errors.js"
import { checkPrefix } from "./internal/keys.js"
import { scripts } from "./internal/scripts/index.js"

/** Settings every connection takes. @since 0.1.0 @category models */
export interface CommonConfig {
  /** Start of every key and channel. Default `kommies:`. Must not contain `{` or `}`. */
  readonly prefix?: string
  /** Events kept per thread in its stream (`XADD … MAXLEN ~ n`). Default 10 000. */
  readonly eventRetention?: number
  /** How long a command may wait for its reply, queueing included. Default 5 000 ms. */
  readonly commandTimeoutMs?: number
  /** How long the first connection may take before the layer fails. Default 5 000 ms. */
  readonly connectTimeoutMs?: number
}

/** One Redis server (or a proxy in front of several). @since 0.1.0 @category models */
export interface ServerConfig extends CommonConfig {
  /** `redis://[:password@]host:port[/db]` or `rediss://…` for TLS. */
  readonly url: string
  /** ioredis options, applied over the defaults above. */
  readonly options?: RedisOptions
}

/** A Redis Cluster, found from its seed nodes. @since 0.1.0 @category models */
export interface ClusterConfig extends CommonConfig {
  /** Seed nodes: `host:port` strings or `{ host, port }`. */
  readonly cluster: ReadonlyArray<string | { readonly host: string; readonly port: number }>
  /** ioredis Cluster options, applied over the defaults above. */
  readonly options?: ClusterOptions
}

/** Where Redis is and how to talk to it. @since 0.1.0 @category models */
export type Config = ServerConfig | ClusterConfig

/** An ioredis client: a single server or a Cluster. @since 0.1.0 @category models */
export type Client = Redis | Cluster

/** @since 0.1.0 @category models */
export interface RedisConnectionShape {
  /** The ioredis client, with the store's Lua scripts defined on it. */
  readonly client: Client
  /** The key prefix. */
  readonly prefix: string
  /** Where Redis is, for messages (the URL without its password, or the seed nodes). */
  readonly where: string
  /** Events kept per thread stream. */
  readonly eventRetention: number
  /** The longest a command may take, as the store enforces it. */
  readonly commandTimeout: Duration.Duration
  /** A new connection with the same settings, closed with the scope: pub/sub needs its own. */
  readonly duplicate: Effect.Effect<Client, Errors.StoreError, Scope.Scope>
}

/** @since 0.1.0 @category tags */
export class RedisConnection extends Context.Tag("@kommies/store-redis/RedisConnection")<
  RedisConnection,
  RedisConnectionShape
>() {}

const defaults = (commandTimeout: number, connectTimeout: number): RedisOptions => ({
  // Fail queued commands after two reconnect attempts instead of twenty.
  maxRetriesPerRequest: 2,
  // A reply that never comes (dropped connection, partition) ends in an error.
  commandTimeout,
  connectTimeout,
  // Never re-send a command that may already have run: report it instead.
  autoResendUnfulfilledCommands: false,
  enableAutoPipelining: true,
})

const nodesOf = (config: ClusterConfig) =>
  config.cluster.map((node) => {
    if (typeof node !== "string") return { host: node.host, port: node.port }
    const at = node.lastIndexOf(":")
    return { host: node.slice(0, at), port: Number(node.slice(at + 1)) }
  })

const whereOf = (config: Config): string =>
  "url" in config
    ? redact(config.url)
    : `cluster ${nodesOf(config)
        .map((n) => `${n.host}:${n.port}`)
        .join(",")}`

const defineScripts = (client: Client): Client => {
  for (const [name, def] of Object.entries(scripts)) {
    client.defineCommand(name, { lua: def.lua, numberOfKeys: def.keys })
  }
  return client
}

const createClient = (config: Config, commandTimeout: number, connectTimeout: number): Client => {
  const base = defaults(commandTimeout, connectTimeout)
  const client =
    "url" in config
      ? new Redis(config.url, { ...base, ...config.options })
      : new Cluster(nodesOf(config), {
          enableAutoPipelining: true,
          ...config.options,
          redisOptions: { ...base, ...config.options?.redisOptions },
        })
  return defineScripts(client)
}

const close = (client: Client) =>
  Effect.promise(() => client.quit().catch(() => "closed")).pipe(
    Effect.timeout("2 seconds"),
    Effect.ignore,
    Effect.ensuring(Effect.sync(() => client.disconnect())),
  )

/** Opens `client` and checks the server: reachable, and Redis 7 or newer. */
const ready = (client: Client, where: string, timeoutMs: number) => {
  watchErrors(client)
  const unreachable = (cause: unknown) =>
    new Errors.StoreError({
      reason: "Unavailable",
      message: `cannot reach Redis at ${where} (${lastError(client)?.message ?? String(cause)})`,
      cause,
    })
  return Effect.tryPromise({
    try: () => client.info("server"),
    catch: unreachable,
  }).pipe(
    Effect.timeoutFail({
      duration: Duration.millis(timeoutMs),
      onTimeout: () => unreachable(`no answer within ${timeoutMs} ms`),
    }),
    Effect.flatMap((info) => {
      const version = /redis_version:(\d+)\./.exec(info)?.[1]
      return version !== undefined && Number(version) < 7
        ? Effect.fail(
            new Errors.StoreError({
              reason: "Unavailable",
              message: `Redis at ${where} is version ${version}; @kommies/store-redis needs 7.0 or newer`,
            }),
          )
        : Effect.void
    }),
  )
}

const open = (config: Config, where: string, commandTimeout: number, connectTimeout: number) =>
  Effect.acquireRelease(
    Effect.sync(() => createClient(config, commandTimeout, connectTimeout)),
    close,
  ).pipe(Effect.tap((client) => ready(client, where, connectTimeout)))

/**
 * Connects, checks the server, and closes the connection with the scope.
 * Fails with StoreError `Unavailable` when Redis cannot be reached in
 * `connectTimeoutMs`.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import { Effect } from "effect"
 * import { RedisConnection } from "@kommies/store-redis"
 *
 * const program = Effect.scoped(
 *   Effect.gen(function* () {
 *     const redis = yield* RedisConnection.make({ url: "redis://127.0.0.1:6379" })
 *     return yield* Effect.promise(() => redis.client.ping())
 *   }),
 * )
 */
export const make = (
  config: Config,
): Effect.Effect<RedisConnectionShape, Errors.StoreError, Scope.Scope> =>
  Effect.gen(function* () {
    const prefix = checkPrefix(config.prefix ?? "kommies:")
    const where = whereOf(config)
    const commandTimeout = config.commandTimeoutMs ?? 5_000
    const connectTimeout = config.connectTimeoutMs ?? 5_000
    const client = yield* open(config, where, commandTimeout, connectTimeout)
    return {
      client,
      prefix,
      where,
      eventRetention: Math.max(1, Math.floor(config.eventRetention ?? 10_000)),
      commandTimeout: Duration.millis(commandTimeout + 1_000),
      duplicate: open(config, where, commandTimeout, connectTimeout),
    }
  })

/**
 * Provides a RedisConnection for the layers that build on one
 * (`RedisStore.layerFromConnection`, `RedisEventBus.layerFromConnection`…).
 *
 * @since 0.1.0
 * @category layers
 * @example
 * import { Layer } from "effect"
 * import { RedisConnection, RedisEventBus, RedisStore } from "@kommies/store-redis"
 *
 * const redis = Layer.mergeAll(
 *   RedisStore.layerFromConnection,
 *   RedisEventBus.layerFromConnection,
 * ).pipe(Layer.provide(RedisConnection.layer({ url: "redis://127.0.0.1:6379" })))
 */
export const layer = (config: Config): Layer.Layer<RedisConnection, Errors.StoreError> =>
  Layer.scoped(RedisConnection, make(config))

/**
 * The connection settings from the environment: `REDIS_URL`, or
 * `REDIS_CLUSTER_NODES` (comma-separated `host:port`), and `REDIS_PREFIX`.
 *
 * @since 0.1.0
 * @category config
 */
export const fromEnv: EffectConfig.Config<Config> = EffectConfig.all({
  url: EffectConfig.option(EffectConfig.string("REDIS_URL")),
  nodes: EffectConfig.option(EffectConfig.string("REDIS_CLUSTER_NODES")),
  prefix: EffectConfig.string("REDIS_PREFIX").pipe(EffectConfig.withDefault("kommies:")),
}).pipe(
  EffectConfig.mapOrFail(({ url, nodes, prefix }) => {
    if (Option.isSome(nodes)) {
      return Either.right<Config>({
        cluster: nodes.value.split(",").map((n) => n.trim()),
        prefix,
      })
    }
    if (Option.isSome(url)) return Either.right<Config>({ url: url.value, prefix })
    return Either.left(
      ConfigError.MissingData([], "set REDIS_URL or REDIS_CLUSTER_NODES to reach Redis"),
    )
  }),
)

/**
 * Provides a RedisConnection from a Config (for example {@link fromEnv}).
 *
 * @since 0.1.0
 * @category layers
 * @example
 * import { RedisConnection } from "@kommies/store-redis"
 *
 * const connection = RedisConnection.layerConfig(RedisConnection.fromEnv)
 */
export const layerConfig = (
  config: EffectConfig.Config<Config>,
): Layer.Layer<RedisConnection, Errors.StoreError | ConfigError.ConfigError> =>
  Layer.scoped(RedisConnection, Effect.flatMap(config, make))
