/**
 * RateLimiter in one process: an exact sliding window (the time of every hit in
 * the window is kept), timed by Effect's Clock so TestClock drives it in tests.
 *
 * @since 0.1.0
 */
import { Clock, Effect, Layer } from "effect"
import { RateLimiter, type RateLimitDecision, type RateLimiterShape } from "../ports/RateLimiter.js"

interface Window {
  /** Times of the hits still in the window, oldest first. */
  hits: Array<number>
  windowMs: number
}

/** How many calls between sweeps of keys whose windows have emptied. */
const sweepEvery = 1_000

/**
 * A sliding-window limiter over fresh state. A hit counts only when it is
 * allowed. `resetMs` is 0 while more hits fit; once the window is full it is the
 * time until its oldest hit leaves it (the whole window when `limit` is 0).
 *
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<RateLimiterShape> = Effect.sync(() => {
  const windows = new Map<string, Window>()
  let calls = 0

  const sweep = (now: number): void => {
    for (const [key, w] of windows) {
      const last = w.hits[w.hits.length - 1]
      if (last === undefined || last <= now - w.windowMs) windows.delete(key)
    }
  }

  const consume = (
    key: string,
    limit: number,
    windowMs: number,
    now: number,
  ): RateLimitDecision => {
    if (++calls % sweepEvery === 0) sweep(now)
    let w = windows.get(key)
    if (w === undefined) {
      w = { hits: [], windowMs }
      windows.set(key, w)
    }
    w.windowMs = windowMs
    const cutoff = now - windowMs
    let expired = 0
    while (expired < w.hits.length && (w.hits[expired] as number) <= cutoff) expired++
    if (expired > 0) w.hits.splice(0, expired)
    const max = Math.max(0, Math.floor(limit))
    const allowed = w.hits.length < max
    if (allowed) w.hits.push(now)
    const remaining = Math.max(0, max - w.hits.length)
    const oldest = w.hits[0]
    const resetMs =
      remaining > 0 ? 0 : oldest === undefined ? windowMs : Math.max(0, oldest + windowMs - now)
    if (w.hits.length === 0) windows.delete(key)
    return { allowed, limit: max, remaining, resetMs }
  }

  return {
    consume: (key, limit, windowMs) =>
      Effect.flatMap(Clock.currentTimeMillis, (now) =>
        Effect.sync(() => consume(key, limit, windowMs, now)),
      ),
  }
})

/**
 * Provides RateLimiter in memory (per process: several processes need a shared
 * limiter such as Redis).
 *
 * @since 0.1.0
 * @category layers
 * @example
 * import { Effect } from "effect"
 * import { RateLimiter } from "@kommies/core"
 * import { MemoryRateLimiter } from "@kommies/core/memory"
 *
 * const program = Effect.gen(function* () {
 *   const limiter = yield* RateLimiter.RateLimiter
 *   return yield* limiter.consume("ip:203.0.113.7", 60, 60_000)
 * }).pipe(Effect.provide(MemoryRateLimiter.layer))
 */
export const layer: Layer.Layer<RateLimiter> = Layer.effect(RateLimiter, make)
