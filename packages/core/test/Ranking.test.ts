import { describe, expect, it } from "@effect/vitest"
import fc from "fast-check"
import * as Ranking from "../src/services/Ranking.js"

const hour = 3_600_000
const t0 = Date.UTC(2026, 0, 1)

describe("Ranking", () => {
  it("best – should stay within [0, 1] and grow with upvotes", () => {
    fc.assert(
      fc.property(fc.nat(10_000), fc.nat(10_000), (up, down) => {
        const b = Ranking.best(up, down)
        expect(b).toBeGreaterThanOrEqual(0)
        expect(b).toBeLessThanOrEqual(1)
        expect(Ranking.best(up + 1, down)).toBeGreaterThanOrEqual(b)
        expect(Ranking.best(up, down + 1)).toBeLessThanOrEqual(b)
      }),
    )
  })

  it("best – should prefer 10 up 1 down over 1 up 0 down", () => {
    expect(Ranking.best(10, 1)).toBeGreaterThan(Ranking.best(1, 0))
    expect(Ranking.best(0, 0)).toBe(0)
  })

  it("hot – should rank a newer comment above an older one with the same score", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -500, max: 500 }),
        fc.integer({ min: 1, max: 10_000 }),
        (score, minutes) => {
          const up = Math.max(score, 0)
          const down = Math.max(-score, 0)
          expect(Ranking.hot(up, down, t0 + minutes * 60_000)).toBeGreaterThan(
            Ranking.hot(up, down, t0),
          )
        },
      ),
    )
  })

  it("hot – should let a fresh comment overtake an older popular one as time passes", () => {
    const old = Ranking.hot(10, 0, t0) // score 10, posted at t0
    expect(Ranking.hot(1, 0, t0 + 6 * hour)).toBeLessThan(old)
    expect(Ranking.hot(1, 0, t0 + 13 * hour)).toBeGreaterThan(old)
  })

  it("hot – should grow with score at a fixed time", () => {
    fc.assert(
      fc.property(fc.nat(1_000), fc.nat(1_000), (up, down) => {
        expect(Ranking.hot(up + 1, down, t0)).toBeGreaterThanOrEqual(Ranking.hot(up, down, t0))
      }),
    )
  })

  it("ranks – should give score as upvotes minus downvotes", () => {
    fc.assert(
      fc.property(fc.nat(1_000), fc.nat(1_000), (up, down) => {
        expect(Ranking.ranks(up, down, t0).score).toBe(up - down)
      }),
    )
  })
})
