/**
 * The Redis rate limiter is exact under concurrency, also across two limiters
 * on two connections (two server processes), and its window slides.
 */
import { expect, it } from "@effect/vitest"
import { RateLimiter } from "@kommies/core"
import { Fixtures } from "@kommies/core/testing"
import { Context, Effect, Layer } from "effect"
import { RedisRateLimiter } from "../src/index.js"
import { withRedis } from "./support/TestRedis.js"

await withRedis("ratelimit", (config) => {
  const limiterOf = Layer.build(RedisRateLimiter.layer(config)).pipe(
    Effect.map((ctx) => Context.get(ctx, RateLimiter.RateLimiter)),
  )

  it.scoped(
    "RateLimiter.consume – should let exactly limit of 400 concurrent hits through two limiters",
    () =>
      Effect.gen(function* () {
        const [a, b] = [yield* limiterOf, yield* limiterOf]
        const key = `ip:${yield* Fixtures.token}`
        const decisions = yield* Effect.all(
          Array.from({ length: 400 }, (_, i) => (i % 2 === 0 ? a : b).consume(key, 100, 60_000)),
          { concurrency: "unbounded" },
        )
        expect(decisions.filter((d) => d.allowed).length).toBe(100)
        expect(decisions.every((d) => d.limit === 100)).toBe(true)
        const remaining = decisions.filter((d) => d.allowed).map((d) => d.remaining)
        expect([...remaining].sort((x, y) => x - y)).toEqual(
          Array.from({ length: 100 }, (_, i) => i),
        )
        const refused = decisions.filter((d) => !d.allowed)
        expect(
          refused.every((d) => d.remaining === 0 && d.resetMs > 0 && d.resetMs <= 60_000),
        ).toBe(true)
      }),
    20_000,
  )

  it.live(
    "RateLimiter.consume – should let hits through again once the window has slid past them",
    () =>
      Effect.scoped(
        Effect.gen(function* () {
          const limiter = yield* limiterOf
          const key = `user:${yield* Fixtures.token}`
          const first = yield* limiter.consume(key, 2, 300)
          expect(first).toMatchObject({ allowed: true, remaining: 1, resetMs: 0 })
          expect((yield* limiter.consume(key, 2, 300)).allowed).toBe(true)
          const full = yield* limiter.consume(key, 2, 300)
          expect(full.allowed).toBe(false)
          expect(full.resetMs).toBeGreaterThan(0)
          yield* Effect.sleep(`${full.resetMs + 30} millis`)
          expect((yield* limiter.consume(key, 2, 300)).allowed).toBe(true)
          const none = yield* limiter.consume(`zero:${key}`, 0, 1_000)
          expect(none).toEqual({ allowed: false, limit: 0, remaining: 0, resetMs: 1_000 })
        }),
      ),
    20_000,
  )
})
