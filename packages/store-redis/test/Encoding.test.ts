/**
 * The order-preserving encodings the sorted sets rely on: bytewise order of the
 * encoded keys is numeric order, decoding is exact, and Lua builds the same
 * strings as TypeScript.
 */
import { describe, expect, it } from "@effect/vitest"
import fc from "fast-check"
import { Redis } from "ioredis"
import {
  decDouble,
  encDouble,
  encInt,
  indexDouble,
  packId,
  unpackId,
} from "../src/internal/encoding.js"
import { script } from "../src/internal/scripts/lib.js"
import { redisUrl, withRedis } from "./support/TestRedis.js"

const bytewise = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

describe("encoding", () => {
  it("encDouble – should decode to the same double, -0 and infinities included", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: false }), (x) => {
        expect(
          Object.is(decDouble(encDouble(x)), x) ||
            (Number.isNaN(x) && Number.isNaN(decDouble(encDouble(x)))),
        ).toBe(true)
      }),
    )
  })

  it("indexDouble – should sort bytewise as the numbers sort", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true }), { minLength: 2, maxLength: 50 }), (xs) => {
        const byNumber = [...xs].sort((a, b) => a - b).map(indexDouble)
        const byString = xs.map(indexDouble).sort(bytewise)
        expect(byString).toEqual(byNumber)
      }),
    )
    expect(indexDouble(-0)).toBe(indexDouble(0))
  })

  it("packId – should keep UUID order in 22 characters and round-trip any id", () => {
    const hex = fc.string({
      unit: fc.constantFrom(..."0123456789abcdef"),
      minLength: 32,
      maxLength: 32,
    })
    const uuid = hex.map(
      (h) =>
        `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`,
    )
    fc.assert(
      fc.property(fc.array(uuid, { minLength: 2, maxLength: 30 }), (ids) => {
        for (const id of ids) {
          expect(packId(id)).toHaveLength(22)
          expect(unpackId(packId(id))).toBe(id)
        }
        expect(ids.map(packId).sort(bytewise)).toEqual([...ids].sort(bytewise).map(packId))
      }),
    )
    for (const other of ["imported-42", "ABCDEF", "", "01A200AD-959F-7000-B0D3-D88AC890E45C"]) {
      expect(packId(other)).toBe(`~${other}`)
      expect(unpackId(packId(other))).toBe(other)
    }
  })

  it("encInt – should sort bytewise as the integers sort", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -(2 ** 50), max: 2 ** 50 }), { minLength: 2 }),
        (xs) => {
          const byNumber = [...xs].sort((a, b) => a - b).map(encInt)
          expect(xs.map(encInt).sort(bytewise)).toEqual(byNumber)
        },
      ),
    )
  })
})

await withRedis("encoding", () => {
  it("encInt – should build the same strings in Lua as in TypeScript", async () => {
    const client = new Redis(redisUrl)
    const samples = [
      0,
      1,
      -1,
      42,
      -42,
      499,
      -500,
      2 ** 31,
      -(2 ** 31),
      2 ** 48,
      -(2 ** 48),
      1_700_000_000_000,
    ]
    const lua = await client.eval(
      script(
        "local out = {} for i, n in ipairs(ARGV) do out[i] = encInt(tonumber(n)) end return out",
      ),
      0,
      ...samples.map(String),
    )
    await client.quit()
    expect(lua).toEqual(samples.map(encInt))
  })
})
