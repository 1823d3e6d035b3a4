import { describe, expect, it } from "vitest"
import { avatarUrl, identicon } from "../src/index.js"

const svgOf = (uri: string) => decodeURIComponent(uri.slice("data:image/svg+xml,".length))

describe("avatarUrl", () => {
  it("should prefer the uploaded picture", () => {
    expect(avatarUrl({ id: "c1", avatarUrl: "https://cdn.example/a.png" })).toBe(
      "https://cdn.example/a.png",
    )
  })

  it("should draw an identicon from the id otherwise, at the size asked", () => {
    const uri = avatarUrl({ id: "c1", avatarUrl: null }, { size: 48 })
    expect(uri.startsWith("data:image/svg+xml,")).toBe(true)
    expect(svgOf(uri)).toMatch(
      /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="48" height="48"/,
    )
    expect(uri).toBe(identicon("c1", 48))
  })

  it("should give deleted comments (no author) a neutral picture", () => {
    expect(avatarUrl(null)).toBe(identicon(""))
    expect(avatarUrl(undefined)).toBe(identicon(""))
  })
})

describe("identicon", () => {
  it("should be deterministic, symmetric, and differ between ids", () => {
    expect(identicon("commenter-1")).toBe(identicon("commenter-1"))
    const ids = Array.from(
      { length: 50 },
      (_, i) => `0199a0b1-7c00-7000-8000-${String(i).padStart(12, "0")}`,
    )
    expect(new Set(ids.map((id) => identicon(id))).size).toBe(50)
    for (const id of ids) {
      const svg = svgOf(identicon(id))
      const cells = [...svg.matchAll(/M(\d) (\d)h1v1h-1z/g)].map((m) => `${m[1]},${m[2]}`)
      const set = new Set(cells)
      for (const cell of set) {
        const [x, y] = cell.split(",").map(Number)
        expect(set.has(`${4 - x!},${y}`), `${id} mirrors ${cell}`).toBe(true)
      }
      expect(svg).toMatch(/fill="hsl\(\d{1,3} 55% 42%\)"/)
    }
  })
})
