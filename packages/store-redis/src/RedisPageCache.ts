/**
 * An optional read cache for thread pages, keyed by the thread's event
 * sequence. Every change to a thread appends to its EventLog, so the cache key
 * of a page includes the thread's last sequence: a write makes the next read
 * look under a new key (invalidation needs no delete and cannot race), and old
 * entries expire after `ttlSeconds`. Cache only what every reader of the
 * variant may see (anonymous pages); pages that depend on the viewer (own
 * pending comments, moderators) must not be cached.
 *
 * @since 0.1.0
 */
import type { Errors, Ids } from "@kommies/core"
import { Context, Effect, Layer } from "effect"
import { site, siteBase } from "./internal/keys.js"
import { run, script } from "./internal/run.js"
import * as RedisConnection from "./RedisConnection.js"

/** A page served from the cache or computed. @since 0.1.0 @category models */
export interface CachedPage {
  /** The page bytes, as `compute` produced them. */
  readonly body: string
  /** The thread's event sequence the page belongs to: a ready-made ETag part. */
  readonly seq: number
  /** Whether it came from the cache. */
  readonly hit: boolean
}

/** @since 0.1.0 @category models */
export interface RedisPageCacheShape {
  /**
   * The cached page of `variant` (sort, cursor, limit… anything that changes the
   * page) for the thread's current sequence, or `compute`'s result, stored for
   * the next reader.
   */
  readonly get: <E, R>(
    siteId: Ids.SiteId,
    threadId: Ids.ThreadId,
    variant: string,
    compute: Effect.Effect<string, E, R>,
  ) => Effect.Effect<CachedPage, E | Errors.StoreError, R>
}

/** @since 0.1.0 @category tags */
export class RedisPageCache extends Context.Tag("@kommies/store-redis/RedisPageCache")<
  RedisPageCache,
  RedisPageCacheShape
>() {}

/** Options of {@link make}. @since 0.1.0 @category models */
export interface Options {
  /** How long an entry lives once its thread has moved on. Default 300. */
  readonly ttlSeconds?: number
}

/**
 * A page cache over the RedisConnection in context.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (
  options: Options = {},
): Effect.Effect<RedisPageCacheShape, never, RedisConnection.RedisConnection> =>
  Effect.map(RedisConnection.RedisConnection, (conn) => {
    const ttl = Math.max(1, Math.floor(options.ttlSeconds ?? 300))
    return {
      get: (siteId, threadId, variant, compute) =>
        Effect.gen(function* () {
          const base = siteBase(conn.prefix, siteId)
          const [seqText, cached] = (yield* script(conn, "RedisPageCache.get", "kmPageCacheGet", [
            base + site.events(threadId),
            base,
            threadId,
            variant,
          ])) as [string, string]
          const seq = Number(seqText)
          if (cached !== "") return { body: cached, seq, hit: true }
          const body = yield* compute
          yield* run(conn, "RedisPageCache.set", (c) =>
            c.set(base + site.page(threadId, seq, variant), body, "EX", ttl),
          )
          return { body, seq, hit: false }
        }),
    }
  })

/**
 * Provides RedisPageCache over the RedisConnection you provide.
 *
 * @since 0.1.0
 * @category layers
 * @example
 * import { Effect, Layer } from "effect"
 * import { RedisConnection, RedisPageCache } from "@kommies/store-redis"
 *
 * const cache = RedisPageCache.layer({ ttlSeconds: 120 }).pipe(
 *   Layer.provide(RedisConnection.layer({ url: "redis://127.0.0.1:6379" })),
 * )
 * const page = Effect.flatMap(RedisPageCache.RedisPageCache, (c) =>
 *   c.get(siteId, threadId, "sort=best&limit=20", renderPage),
 * )
 */
export const layer = (
  options: Options = {},
): Layer.Layer<RedisPageCache, never, RedisConnection.RedisConnection> =>
  Layer.effect(RedisPageCache, make(options))
