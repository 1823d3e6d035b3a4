import { afterEach, describe, expect, it } from "vitest"
import type { PlainRequest, PlainResponse } from "../../src/node.js"
import { type Harness, harness, origin } from "./support.js"

let h: Harness
afterEach(async () => {
  await h.close()
})

const ip = "203.0.113.7"
const page = `/threads/${encodeURIComponent("/post/1")}/comments`

/** The same request, as the web handler and as the fast path get it. */
const both = (path: string, headers: Record<string, string> = {}) => {
  const all: Record<string, string> = { "x-kommies-key": h.site.publicKey, ...headers }
  const plain: PlainRequest = {
    method: "GET",
    target: path,
    protocol: "http",
    host: "api.test",
    prefix: null,
    remoteAddress: ip,
    header: (name) => all[name],
  }
  const slow = async () => {
    const response = await h.handler(new Request(`http://api.test${path}`, { headers: all }), {
      remoteAddress: ip,
    })
    return {
      status: response.status,
      headers: Object.fromEntries(response.headers),
      body: new Uint8Array(await response.arrayBuffer()),
    }
  }
  const fast = async () => (await h.fastPath(plain)) as PlainResponse | null
  return { slow, fast }
}

/** Fast and slow answers agree: status, bytes, and every header but the per-request ones. */
const same = (
  slow: { status: number; headers: Record<string, string>; body: Uint8Array },
  fast: PlainResponse | null,
) => {
  expect(fast).not.toBeNull()
  const f = fast as PlainResponse
  expect(f.status).toBe(slow.status)
  expect(Buffer.from(f.body ?? new Uint8Array()).equals(Buffer.from(slow.body))).toBe(true)
  const strip = (headers: Record<string, string>) => {
    const { "x-process-time": _, "ratelimit-remaining": __, ...rest } = headers
    return rest
  }
  expect(strip({ ...f.headers })).toEqual(strip(slow.headers))
  expect(Number(f.headers["x-process-time"])).toBeGreaterThanOrEqual(0)
  if (slow.headers["ratelimit-remaining"] !== undefined)
    expect(Number(f.headers["ratelimit-remaining"])).toBe(
      Number(slow.headers["ratelimit-remaining"]) - 1,
    )
}

const seeded = async (handler: Parameters<typeof harness>[0] = {}) => {
  h = await harness({
    ...handler,
    handler: { rateLimits: { anonymousPerMinute: 1_000 }, ...handler.handler },
  })
  const ann = await h.member("Ann")
  for (let i = 0; i < 3; i++) await h.post(ann.token, "/post/1", `Comment *${i}*`)
  return ann
}

describe("HTTP fast path (cached thread pages)", () => {
  it("fast path – should answer exactly as the API does: bytes, status and headers", async () => {
    await seeded()
    const id = { "x-request-id": "same-id-1" }
    for (const [path, headers] of [
      [page, id],
      [`${page}?limit=50&sort=old`, id],
      [`${page}?replies=0&sort=top&limit=5`, id],
      [`${page}?key=${"KEY"}`, { ...id, "x-kommies-key": "" }],
      [page, { ...id, origin }],
      [page, { ...id, origin: "https://evil.example" }],
      [page, { ...id, origin: "http://api.test" }],
    ] as const) {
      const target = path.replace("KEY", h.site.publicKey)
      const { slow, fast } = both(target, headers)
      const first = await slow() // fills the cache
      same(first, await fast())
      // and a client that has it gets the same 304 both ways
      const { slow: slow304, fast: fast304 } = both(target, {
        ...headers,
        "if-none-match": first.headers.etag ?? "",
      })
      const expected = await slow304()
      expect(expected.status).toBe(304)
      same(expected, await fast304())
    }
  })

  it("fast path – should decline what it cannot answer as the API would", async () => {
    const ann = await seeded()
    await both(page).slow()
    expect(await both(page).fast()).not.toBeNull()
    for (const [path, headers] of [
      [page, { authorization: `Bearer ${ann.token}` }],
      [page, { authorization: "Bearer nonsense" }],
      [`${page}?cursor=abc`, {}],
      [`${page}?limit=500`, {}],
      [`${page}?limit=5&limit=6`, {}],
      [`${page}?sort=sideways`, {}],
      [`${page}?extra=1`, {}],
      [`${page}/`, {}],
      [`/threads/%2Fpost%2F1/../%2Fpost%2F1/comments`, {}],
      [`/threads/%E0%A4%A/comments`, {}],
      [page, { "x-kommies-key": "kp_unknownkeyunknownkey" }],
      [page, { "x-kommies-key": "not a key" }],
      [`/threads/${encodeURIComponent("/never/read")}/comments`, {}],
      ["/counts?threads=%2Fpost%2F1", {}],
    ] as const)
      expect(await both(path, headers).fast(), `${path} ${JSON.stringify(headers)}`).toBeNull()
    const post = both(page)
    const plain = {
      method: "POST",
      target: page,
      protocol: "http",
      host: "api.test",
      prefix: null,
      remoteAddress: ip,
      header: () => undefined,
    }
    expect(await h.fastPath(plain)).toBeNull()
    expect(await post.fast()).not.toBeNull()
  })

  it("fast path – should let the thread's events drop the page, as the API's cache does", async () => {
    const ann = await seeded()
    const { slow, fast } = both(page, { "x-request-id": "r-1" })
    const before = await slow()
    expect((await fast())?.headers.etag).toBe(before.headers.etag)
    await h.post(ann.token, "/post/1", "a new one")
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(await fast()).toBeNull()
    const after = await slow()
    expect(after.headers.etag).not.toBe(before.headers.etag)
    same(after, await fast())
    expect(JSON.parse(Buffer.from(after.body).toString()).comments).toHaveLength(4)
  })

  it("fast path – should count API calls and thread loads as the API does", async () => {
    await seeded()
    const usage = async () => {
      await new Promise((resolve) => setImmediate(resolve))
      return (await h.call("GET", "/site/usage", { token: h.secretKey })).body.usage
    }
    const start = await usage()
    const { slow, fast } = both(page)
    await slow()
    const afterSlow = await usage()
    expect(afterSlow.apiCalls - start.apiCalls - 1).toBe(1) // the usage read itself is one
    expect(afterSlow.threadLoads - start.threadLoads).toBe(1)
    for (let i = 0; i < 5; i++) expect(await fast()).not.toBeNull()
    const afterFast = await usage()
    expect(afterFast.apiCalls - afterSlow.apiCalls - 1).toBe(5)
    expect(afterFast.threadLoads - afterSlow.threadLoads).toBe(5)
  })

  it("fast path – should spend the same rate limit, and leave a full window to the API's 429", async () => {
    await seeded({ handler: { rateLimits: { anonymousPerMinute: 3 } } })
    const { slow, fast } = both(page)
    expect((await slow()).headers["ratelimit-remaining"]).toBe("2")
    expect((await fast())?.headers["ratelimit-remaining"]).toBe("1")
    expect((await fast())?.headers["ratelimit-remaining"]).toBe("0")
    expect(await fast()).toBeNull()
    const refused = await slow()
    expect(refused.status).toBe(429)
    expect(refused.headers["retry-after"]).toBeDefined()
  })

  it("fast path – should stay off behind a trusted proxy and without the page cache", async () => {
    await seeded({ handler: { trustProxy: true } })
    await both(page).slow()
    expect(await both(page).fast()).toBeNull()
    await h.close()
    await seeded({ handler: { pageCache: false } })
    await both(page).slow()
    expect(await both(page).fast()).toBeNull()
  })

  it("dispose – should record the usage counted so far, then decline", async () => {
    await seeded()
    const { slow, fast } = both(page)
    await slow()
    for (let i = 0; i < 3; i++) await fast()
    await h.dispose()
    expect(await fast()).toBeNull()
  })
})
