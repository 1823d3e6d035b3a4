import { describe, expect, it } from "@effect/vitest"
import fc from "fast-check"
import type { VoteState } from "../src/domain/Vote.js"
import * as Votes from "../src/services/Votes.js"

const presses = fc.array(fc.constantFrom("up" as const, "down" as const), { maxLength: 50 })

describe("Votes rules", () => {
  it("next – should toggle the same direction and switch the other", () => {
    expect(Votes.next(null, "up")).toBe("up")
    expect(Votes.next("up", "up")).toBe(null)
    expect(Votes.next("up", "down")).toBe("down")
    expect(Votes.next("down", "down")).toBe(null)
  })

  it("deltas – should add up to the counts of the final state for any sequence", () => {
    fc.assert(
      fc.property(presses, (seq) => {
        let state: VoteState = null
        let up = 0
        let down = 0
        let karma = 0
        for (const press of seq) {
          const to = Votes.next(state, press)
          const d = Votes.deltas(state, to)
          up += d.upDelta
          down += d.downDelta
          karma += d.karmaDelta
          state = to
          expect(up).toBeGreaterThanOrEqual(0)
          expect(down).toBeGreaterThanOrEqual(0)
        }
        expect(up).toBe(state === "up" ? 1 : 0)
        expect(down).toBe(state === "down" ? 1 : 0)
        expect(karma).toBe(up - down)
      }),
    )
  })

  it("deltas – should be reversible: going there and back is zero", () => {
    const states: ReadonlyArray<VoteState> = [null, "up", "down"]
    for (const a of states)
      for (const b of states) {
        const there = Votes.deltas(a, b)
        const back = Votes.deltas(b, a)
        expect(there.upDelta + back.upDelta).toBe(0)
        expect(there.downDelta + back.downDelta).toBe(0)
        expect(there.karmaDelta + back.karmaDelta).toBe(0)
      }
  })
})
