/**
 * @kommies/core/memory: every port of Kommies in memory. The stores are a full
 * implementation (they run the conformance suite), not mocks.
 *
 * @since 0.1.0
 */

/** EventBus over an Effect PubSub, for one process. @since 0.1.0 */
export * as MemoryEventBus from "./memory/MemoryEventBus.js"
/** Mailer that keeps emails instead of sending them, and the tag to read them. @since 0.1.0 */
export * as MemoryMailer from "./memory/MemoryMailer.js"
/** Sliding-window RateLimiter on Effect's Clock, for one process. @since 0.1.0 */
export * as MemoryRateLimiter from "./memory/MemoryRateLimiter.js"
/** Every store port over one shared in-process state. @since 0.1.0 */
export * as MemoryStore from "./memory/MemoryStore.js"
