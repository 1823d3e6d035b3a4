/**
 * RateLimiter on Redis: an exact sliding window shared by every server
 * process. Each key is a sorted set of the times of the hits still in the
 * window; one Lua script trims it, counts, and records the hit only if it
 * fits, so concurrent requests never let more than `limit` through. Times come
 * from the Redis server's clock (`TIME`), so processes with skewed clocks
 * still agree; keys expire when their window empties.
 *
 * @since 0.1.0
 */
import { type Errors, RateLimiter } from "@kommies/core"
import { Effect, Layer } from "effect"
import { global } from "./internal/keys.js"
import { script } from "./internal/run.js"
import * as RedisConnection from "./RedisConnection.js"

/**
 * A RateLimiter over the RedisConnection in context. A hit counts only when it
 * is allowed. `resetMs` is 0 while more hits fit; once the window is full it is
 * the time until its oldest hit leaves it (the whole window when `limit` is 0).
 *
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<
  RateLimiter.RateLimiterShape,
  never,
  RedisConnection.RedisConnection
> = Effect.map(RedisConnection.RedisConnection, (conn) => ({
  consume: (key, limit, windowMs) => {
    const max = Math.max(0, Math.floor(limit))
    return script(conn, "RateLimiter.consume", "kmRateLimit", [
      global.rateLimit(conn.prefix, key),
      max,
      Math.max(0, windowMs),
    ]).pipe(
      Effect.map((reply): RateLimiter.RateLimitDecision => {
        const [allowed, remaining, resetMs] = reply as [number, number, number]
        return { allowed: allowed === 1, limit: max, remaining, resetMs }
      }),
    )
  },
}))

/**
 * RateLimiter over the RedisConnection you provide.
 *
 * @since 0.1.0
 * @category layers
 * @example
 * import { Layer } from "effect"
 * import { RedisConnection, RedisRateLimiter } from "@kommies/store-redis"
 *
 * const limiter = RedisRateLimiter.layerFromConnection.pipe(
 *   Layer.provide(RedisConnection.layer({ url: "redis://127.0.0.1:6379" })),
 * )
 */
export const layerFromConnection: Layer.Layer<
  RateLimiter.RateLimiter,
  never,
  RedisConnection.RedisConnection
> = Layer.effect(RateLimiter.RateLimiter, make)

/**
 * RateLimiter on Redis with its own connection: pass it to
 * `Kommies.layer({ rateLimiter })` so all server processes share the limits.
 *
 * @since 0.1.0
 * @category layers
 * @example
 * import { Effect } from "effect"
 * import { RateLimiter } from "@kommies/core"
 * import { RedisRateLimiter } from "@kommies/store-redis"
 *
 * const program = Effect.gen(function* () {
 *   const limiter = yield* RateLimiter.RateLimiter
 *   return yield* limiter.consume("ip:203.0.113.7", 60, 60_000)
 * }).pipe(Effect.provide(RedisRateLimiter.layer({ url: "redis://127.0.0.1:6379" })))
 */
export const layer = (
  config: RedisConnection.Config,
): Layer.Layer<RateLimiter.RateLimiter, Errors.StoreError> =>
  Layer.provide(layerFromConnection, RedisConnection.layer(config))
