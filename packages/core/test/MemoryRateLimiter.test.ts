import { describe, expect, it } from "@effect/vitest"
import { Effect, TestClock } from "effect"
import { MemoryRateLimiter } from "../src/memory.js"
import { RateLimiter } from "../src/ports/RateLimiter.js"

const consume = (key: string, limit = 3, windowMs = 1_000) =>
  Effect.flatMap(RateLimiter, (limiter) => limiter.consume(key, limit, windowMs))

describe("MemoryRateLimiter", () => {
  it.effect(
    "consume – allows up to the limit, then refuses until the oldest hit leaves the window",
    () =>
      Effect.gen(function* () {
        expect(yield* consume("ip:1")).toEqual({
          allowed: true,
          limit: 3,
          remaining: 2,
          resetMs: 0,
        })
        expect(yield* consume("ip:1")).toEqual({
          allowed: true,
          limit: 3,
          remaining: 1,
          resetMs: 0,
        })
        expect(yield* consume("ip:1")).toEqual({
          allowed: true,
          limit: 3,
          remaining: 0,
          resetMs: 1_000,
        })
        expect(yield* consume("ip:1")).toEqual({
          allowed: false,
          limit: 3,
          remaining: 0,
          resetMs: 1_000,
        })
        yield* TestClock.adjust(400)
        expect(yield* consume("ip:1")).toEqual({
          allowed: false,
          limit: 3,
          remaining: 0,
          resetMs: 600,
        })
        yield* TestClock.adjust(600)
        expect(yield* consume("ip:1")).toEqual({
          allowed: true,
          limit: 3,
          remaining: 2,
          resetMs: 0,
        })
      }).pipe(Effect.provide(MemoryRateLimiter.layer)),
  )

  it.effect("consume – the window slides: hits leave it one by one, refused hits never count", () =>
    Effect.gen(function* () {
      yield* consume("k") // t=0
      yield* TestClock.adjust(300)
      yield* consume("k") // t=300
      yield* TestClock.adjust(300)
      yield* consume("k") // t=600
      yield* TestClock.adjust(100)
      for (let i = 0; i < 5; i++) expect((yield* consume("k")).allowed).toBe(false) // t=700
      yield* TestClock.adjust(300)
      // t=1000: the hit of t=0 has left; 300 and 600 remain.
      expect(yield* consume("k")).toEqual({ allowed: true, limit: 3, remaining: 0, resetMs: 300 })
      expect(yield* consume("k")).toEqual({ allowed: false, limit: 3, remaining: 0, resetMs: 300 })
      yield* TestClock.adjust(300)
      expect(yield* consume("k")).toEqual({ allowed: true, limit: 3, remaining: 0, resetMs: 300 })
      yield* TestClock.adjust(2_000)
      expect(yield* consume("k")).toEqual({ allowed: true, limit: 3, remaining: 2, resetMs: 0 })
    }).pipe(Effect.provide(MemoryRateLimiter.layer)),
  )

  it.effect("consume – keys are independent, and racing hits never exceed the limit", () =>
    Effect.gen(function* () {
      const decisions = yield* Effect.all(
        Array.from({ length: 50 }, () => consume("burst", 10)),
        { concurrency: "unbounded" },
      )
      expect(decisions.filter((d) => d.allowed)).toHaveLength(10)
      expect((yield* consume("other", 10)).remaining).toBe(9)
    }).pipe(Effect.provide(MemoryRateLimiter.layer)),
  )

  it.effect("consume – a limit of 0 refuses everything for a whole window", () =>
    Effect.gen(function* () {
      expect(yield* consume("none", 0)).toEqual({
        allowed: false,
        limit: 0,
        remaining: 0,
        resetMs: 1_000,
      })
    }).pipe(Effect.provide(MemoryRateLimiter.layer)),
  )

  it.effect("layer – each build starts with empty windows", () =>
    Effect.gen(function* () {
      yield* consume("fresh", 1).pipe(Effect.provide(MemoryRateLimiter.layer))
      expect(
        (yield* consume("fresh", 1).pipe(Effect.provide(MemoryRateLimiter.layer))).allowed,
      ).toBe(true)
    }),
  )
})
