/**
 * @kommies/store-redis: every Kommies store port on Redis (ioredis), atomic by
 * Lua, with pub/sub fan-out, Streams for the event log, a shared rate limiter
 * and a page cache; works on one server and on Redis Cluster.
 *
 * @since 0.1.0
 */

/** The connection every layer of this package shares: config, tag, layers. @since 0.1.0 */
export * as RedisConnection from "./RedisConnection.js"
/** EventBus over Redis pub/sub, across server processes. @since 0.1.0 */
export * as RedisEventBus from "./RedisEventBus.js"
/** Read cache for thread pages, invalidated by the thread's event sequence. @since 0.1.0 */
export * as RedisPageCache from "./RedisPageCache.js"
/** Exact sliding-window RateLimiter in one Lua script. @since 0.1.0 */
export * as RedisRateLimiter from "./RedisRateLimiter.js"
/** Every store port on Redis. @since 0.1.0 */
export * as RedisStore from "./RedisStore.js"
