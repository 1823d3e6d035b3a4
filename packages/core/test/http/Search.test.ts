/**
 * `GET /moderation/search`: moderators find comments by words of the body or
 * the author's name, hidden ones with their status, page by page; bad queries
 * get a 400 problem with a stable code; others get 401/403.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { type Harness, harness } from "./support.js"

let h: Harness
beforeEach(async () => {
  h = await harness({ settings: { moderation: "first" } })
})
afterEach(async () => {
  await h.close()
})

const search = (token: string | undefined, query: string) =>
  h.call("GET", `/moderation/search?${query}`, token === undefined ? {} : { token })

describe("HTTP moderation search", () => {
  it("search – should find comments by body words and author names, hidden ones with their status", async () => {
    const mod = await h.member("Mod", "moderator")
    const zoe = await h.member("Zoë Writer")
    const sam = await h.member("Sam")
    // Zoë's first comment waits for review ("first" moderation); the moderator's are published.
    const pending = await h.post(zoe.token, "/a", "Where is the Café?")
    const published = await h.post(mod.token, "/a", "The cafe opens at nine")
    await h.post(mod.token, "/b", "cafeteria is not a match")

    const byWord = await search(mod.token, "q=CAFÉ")
    expect(byWord.status).toBe(200)
    expect(byWord.body.comments.map((c: { id: string }) => c.id)).toEqual([
      published.id,
      pending.id,
    ])
    expect(byWord.body.comments[1].status).toBe("pending")
    expect(byWord.body.nextCursor).toBeNull()

    const byName = await search(mod.token, `q=${encodeURIComponent("zoe")}`)
    expect(byName.body.comments.map((c: { id: string }) => c.id)).toEqual([pending.id])
    expect(byName.body.comments[0].author.displayName).toBe("Zoë Writer")

    expect((await search(mod.token, "q=nothing+here")).body.comments).toEqual([])
    const denied = await search(sam.token, "q=cafe")
    expect(denied.status).toBe(403)
    expect((await search(undefined, "q=cafe")).status).toBe(401)
  })

  it("search – should page newest first with an opaque cursor", async () => {
    const mod = await h.member("Mod", "moderator")
    const ids: Array<string> = []
    for (let i = 0; i < 5; i++) ids.push((await h.post(mod.token, "/p", `needle number ${i}`)).id)
    const seen: Array<string> = []
    let cursor: string | null = null
    for (let page = 0; page < 10; page++) {
      const reply = await search(
        mod.token,
        `q=needle&limit=2${cursor === null ? "" : `&cursor=${encodeURIComponent(cursor)}`}`,
      )
      expect(reply.status).toBe(200)
      expect(reply.body.comments.length).toBeLessThanOrEqual(2)
      seen.push(...reply.body.comments.map((c: { id: string }) => c.id))
      cursor = reply.body.nextCursor
      if (cursor === null) break
    }
    expect(seen).toEqual([...ids].reverse())
  })

  it("search – should answer 400 with a stable code for an empty, too long or bad query", async () => {
    const mod = await h.member("Mod", "moderator")
    const cases: ReadonlyArray<readonly [string, string]> = [
      ["q=", "search_query_empty"],
      ["", "search_query_empty"],
      ["q=%20%2C%21", "search_query_empty"],
      [`q=${"a".repeat(201)}`, "search_query_too_long"],
      ["q=a+b+c+d+e+f+g+h+i", "search_query_too_long"],
      ["q=ok&cursor=not-a-cursor", "cursor_invalid"],
      ["q=ok&limit=0", "bad_request"],
    ]
    for (const [query, code] of cases) {
      const reply = await search(mod.token, query)
      expect(reply.status, query).toBe(400)
      expect(reply.headers.get("content-type"), query).toContain("application/problem+json")
      expect(reply.body.code, query).toBe(code)
    }
  })
})
