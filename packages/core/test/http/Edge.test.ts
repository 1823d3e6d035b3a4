import { afterEach, describe, expect, it } from "vitest"
import type * as Plan from "../../src/domain/Plan.js"
import { routes } from "../../src/http/Routes.js"
import { type Harness, harness, origin } from "./support.js"

let h: Harness
afterEach(async () => {
  await h.close()
})

describe("HTTP CORS", () => {
  it("cors – should echo an allowed origin, and not a refused one", async () => {
    h = await harness()
    const allowed = await h.call("GET", "/counts?threads=a", { headers: { origin } })
    expect(allowed.headers.get("access-control-allow-origin")).toBe(origin)
    expect(allowed.headers.get("vary")).toContain("Origin")
    expect(allowed.headers.get("access-control-expose-headers")).toContain("X-Request-Id")
    const refused = await h.call("GET", "/counts?threads=a", {
      headers: { origin: "https://evil.example" },
    })
    expect(refused.headers.get("access-control-allow-origin")).toBeNull()
    const same = await h.call("GET", "/counts?threads=a", {
      headers: { origin: "http://api.test" },
    })
    expect(same.status).toBe(200)
  })

  it("cors – should refuse writes from a refused origin and write nothing", async () => {
    h = await harness()
    const ann = await h.member("Ann")
    const refused = await h.call("POST", "/threads/t/comments", {
      token: ann.token,
      body: { body: "cross-site" },
      headers: { origin: "https://evil.example" },
    })
    expect(refused.status).toBe(403)
    expect(refused.body.code).toBe("origin_forbidden")
    expect((await h.call("GET", "/counts?threads=t")).body).toEqual({ t: 0 })
    const allowed = await h.call("POST", "/threads/t/comments", {
      token: ann.token,
      body: { body: "from the blog" },
      headers: { origin },
    })
    expect(allowed.status).toBe(201)
    expect(allowed.headers.get("access-control-allow-origin")).toBe(origin)
  })

  it("preflight – should answer OPTIONS with 204, methods and headers", async () => {
    h = await harness()
    const preflight = await h.call("OPTIONS", `/threads/t/comments?key=${h.site.publicKey}`, {
      key: null,
      headers: {
        origin,
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization, content-type",
      },
    })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get("access-control-allow-origin")).toBe(origin)
    expect(preflight.headers.get("access-control-allow-methods")).toContain("POST")
    const allowHeaders = preflight.headers.get("access-control-allow-headers") ?? ""
    for (const name of ["Authorization", "Content-Type", "X-Kommies-Key", "Last-Event-ID"])
      expect(allowHeaders).toContain(name)
    expect(preflight.headers.get("vary")).toContain("Origin")
    const refused = await h.call("OPTIONS", `/threads/t/comments?key=${h.site.publicKey}`, {
      key: null,
      headers: { origin: "https://evil.example", "access-control-request-method": "POST" },
    })
    expect(refused.status).toBe(204)
    expect(refused.headers.get("access-control-allow-origin")).toBeNull()
    const unknown = await h.call("OPTIONS", "/nowhere", { headers: { origin } })
    expect(unknown.status).toBe(404)
  })
})

describe("HTTP CORS on errors before the site is known", () => {
  it("cors – should let any origin read that a public key is unknown or rotated", async () => {
    h = await harness()
    const unknown = await h.call("GET", "/threads/t/comments", {
      key: "kp_doesnotexist0000000000",
      headers: { origin: "https://elsewhere.example" },
    })
    expect(unknown.status).toBe(401)
    expect(unknown.body.code).toBe("key_invalid")
    expect(unknown.headers.get("access-control-allow-origin")).toBe("https://elsewhere.example")
    expect(unknown.headers.get("access-control-expose-headers")).toContain("X-Request-Id")
    expect(unknown.headers.get("vary")).toContain("Origin")

    const old = h.site.publicKey
    const rotated = await h.call("POST", "/site/keys/public/rotate", { token: h.secretKey })
    expect(rotated.status).toBe(200)
    const stale = await h.call("POST", "/threads/t/comments", {
      key: old,
      body: { body: "hello" },
      headers: { origin },
    })
    expect(stale.status).toBe(401)
    expect(stale.body.code).toBe("key_invalid")
    expect(stale.headers.get("access-control-allow-origin")).toBe(origin)

    const none = await h.call("GET", "/counts?threads=a", { key: null, headers: { origin } })
    expect(none.status).toBe(401)
    expect(none.body.code).toBe("key_required")
    expect(none.headers.get("access-control-allow-origin")).toBe(origin)
  })

  it("cors – should add nothing without an Origin, and keep the site's rule once it is known", async () => {
    h = await harness()
    const plain = await h.call("GET", "/threads/t/comments", { key: "kp_doesnotexist0000000000" })
    expect(plain.status).toBe(401)
    expect(plain.headers.get("access-control-allow-origin")).toBeNull()
    // A known site answers a refused origin's write without CORS, as before.
    const ann = await h.member("Ann")
    const refused = await h.call("POST", "/threads/t/comments", {
      token: ann.token,
      body: { body: "cross-site" },
      headers: { origin: "https://evil.example" },
    })
    expect(refused.status).toBe(403)
    expect(refused.headers.get("access-control-allow-origin")).toBeNull()
  })
})

describe("HTTP rate limits and metering", () => {
  it("rate limit – should answer 429 with Retry-After and RateLimit-* per address", async () => {
    h = await harness({ handler: { rateLimits: { anonymousPerMinute: 3 } } })
    const context = { remoteAddress: "203.0.113.7" }
    const statuses: Array<number> = []
    for (let i = 0; i < 3; i++) {
      const reply = await h.call("GET", "/counts?threads=a", { context })
      statuses.push(reply.status)
      expect(reply.headers.get("ratelimit-limit")).toBe("3")
      expect(reply.headers.get("ratelimit-remaining")).toBe(String(2 - i))
    }
    const limited = await h.call("GET", "/counts?threads=a", { context })
    expect(statuses).toEqual([200, 200, 200])
    expect(limited.status).toBe(429)
    expect(limited.headers.get("content-type")).toBe("application/problem+json")
    expect(limited.body.code).toBe("rate_limited")
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0)
    expect(limited.headers.get("ratelimit-limit")).toBe("3")
    expect(limited.headers.get("ratelimit-remaining")).toBe("0")
    expect(Number(limited.headers.get("ratelimit-reset"))).toBeGreaterThan(0)
    // Another address has its own budget.
    const other = await h.call("GET", "/counts?threads=a", {
      context: { remoteAddress: "203.0.113.8" },
    })
    expect(other.status).toBe(200)
  })

  it("rate limit – should key behind a trusted proxy by X-Forwarded-For, and posts by commenter", async () => {
    h = await harness({ handler: { trustProxy: true, rateLimits: { postsPerMinute: 2 } } })
    const forwarded = { "x-forwarded-for": "198.51.100.1, 10.0.0.1" }
    const ann = await h.member("Ann")
    await h.post(ann.token, "t", "one")
    await h.post(ann.token, "t", "two")
    const third = await h.call("POST", "/threads/t/comments", {
      token: ann.token,
      body: { body: "three" },
      headers: forwarded,
    })
    expect(third.status).toBe(429)
    expect((await h.call("GET", "/counts?threads=t")).body).toEqual({ t: 2 })
    const settings = await h.call("PATCH", "/site/settings", {
      token: h.secretKey,
      body: { rateLimits: { anonymousPerMinute: 1, signedInPerMinute: 100, postsPerMinute: 10 } },
    })
    expect(settings.status).toBe(200)
    await h.close()

    // Without overrides, the site's settings decide.
    h = await harness({
      handler: { trustProxy: true, rateLimits: {} },
      settings: {
        rateLimits: { anonymousPerMinute: 1, signedInPerMinute: 100, postsPerMinute: 10 },
      },
    })
    expect((await h.call("GET", "/counts?threads=a", { headers: forwarded })).status).toBe(200)
    expect((await h.call("GET", "/counts?threads=a", { headers: forwarded })).status).toBe(429)
    expect(
      (await h.call("GET", "/counts?threads=a", { headers: { "x-forwarded-for": "198.51.100.2" } }))
        .status,
    ).toBe(200)
  })

  it("metering – should answer 402 with the metric when a saas site is over its plan", async () => {
    const tiny: Plan.Plan = {
      id: "tiny",
      name: "Tiny",
      limits: { comments: null, threadLoads: null, activeCommenters: null, apiCalls: 3 },
      grace: 0,
      priceId: null,
      monthlyPriceCents: 0,
    }
    h = await harness({ kommies: { mode: "saas", plans: [tiny] } })
    for (let i = 0; i < 3; i++) expect((await h.call("GET", "/counts?threads=a")).status).toBe(200)
    const over = await h.call("GET", "/counts?threads=a")
    expect(over.status).toBe(402)
    expect(over.headers.get("content-type")).toBe("application/problem+json")
    expect(over.body).toMatchObject({
      code: "quota_exceeded",
      metric: "apiCalls",
      limit: 3,
      used: 3,
    })
    // Operations routes are not a site's API calls.
    expect((await h.call("GET", "/health")).status).toBe(200)
  })
})

describe("HTTP cacheable reads", () => {
  it("etag – should answer anonymous reads with an ETag, 304 on a match, fresh after a change", async () => {
    h = await harness()
    const ann = await h.member("Ann")
    const c = await h.post(ann.token, "t", "first")
    const page = await h.call("GET", "/threads/t/comments")
    const etag = page.headers.get("etag")
    expect(etag).toMatch(/^W\/"/)
    expect(page.headers.get("cache-control")).toBe("public, max-age=0, stale-while-revalidate=30")
    const cached = await h.call("GET", "/threads/t/comments", {
      headers: { "if-none-match": etag! },
    })
    expect(cached.status).toBe(304)
    expect(cached.text).toBe("")
    expect(cached.headers.get("etag")).toBe(etag)

    await h.post(ann.token, "t", "second")
    // The page cache drops the thread's pages on its events (delivered asynchronously).
    await new Promise((resolve) => setTimeout(resolve, 20))
    const changed = await h.call("GET", "/threads/t/comments", {
      headers: { "if-none-match": etag! },
    })
    expect(changed.status).toBe(200)
    expect(changed.body.comments).toHaveLength(2)
    expect(changed.headers.get("etag")).not.toBe(etag)

    const one = await h.call("GET", `/comments/${c.id}`)
    expect(
      (
        await h.call("GET", `/comments/${c.id}`, {
          headers: { "if-none-match": one.headers.get("etag")! },
        })
      ).status,
    ).toBe(304)
    const counts = await h.call("GET", "/counts?threads=t")
    expect(
      (
        await h.call("GET", "/counts?threads=t", {
          headers: { "if-none-match": counts.headers.get("etag")! },
        })
      ).status,
    ).toBe(304)
    // Signed-in reads are private.
    const mine = await h.call("GET", "/threads/t/comments", { token: ann.token })
    expect(mine.headers.get("etag")).toBeNull()
    expect(mine.headers.get("cache-control")).toBe("private, no-store")
  })

  it("page cache – should serve votes and deletions at once, and still count thread loads", async () => {
    h = await harness()
    const ann = await h.member("Ann")
    const bob = await h.member("Bob")
    const c = await h.post(ann.token, "t", "first")
    const before = await h.call("GET", "/threads/t/comments")
    expect(before.body.comments[0].score).toBe(0)
    await h.call("POST", `/comments/${c.id}/vote`, { token: bob.token, body: { direction: "up" } })
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect((await h.call("GET", "/threads/t/comments")).body.comments[0].score).toBe(1)
    await h.call("DELETE", `/comments/${c.id}`, { token: ann.token })
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect((await h.call("GET", "/threads/t/comments")).body.comments).toHaveLength(0)
    const usage = await h.call("GET", "/site/usage", { token: h.secretKey })
    expect(usage.body.usage.threadLoads).toBe(3)
  })
})

describe("HTTP mounting and documents", () => {
  it("prefix – should serve paths with and without the prefix", async () => {
    h = await harness({ handler: { prefix: "/kommies/" } })
    expect((await h.call("GET", "/kommies/health")).body).toEqual({ status: "ok" })
    expect((await h.call("GET", "/health")).body).toEqual({ status: "ok" })
    expect((await h.call("GET", "/kommies/counts?threads=a")).body).toEqual({ a: 0 })
    expect((await h.call("GET", "/kommies")).status).toBe(404)
  })

  it("prefix – should follow the bridge's prefix when it ends with the configured one", async () => {
    h = await harness({ handler: { prefix: "/kommies" } })
    const bridged = { context: { prefix: "/api/kommies" } }
    expect((await h.call("GET", "/api/kommies/health", bridged)).status).toBe(200)
    const spec = await h.call("GET", "/api/kommies/openapi.json", bridged)
    expect(spec.body.servers[0].url).toBe("/api/kommies")
    const docs = await h.call("GET", "/api/kommies/docs", bridged)
    expect(docs.text).toContain('href="/api/kommies/openapi.json"')
    const bogus = await h.call("GET", "/kommies/openapi.json", { context: { prefix: "/evil" } })
    expect(bogus.body.servers[0].url).toBe("/kommies")
  })

  it("prefix – should take the bridge's prefix when none is configured (written once)", async () => {
    h = await harness()
    const bridged = { context: { prefix: "/kommies" } }
    expect((await h.call("GET", "/kommies/health", bridged)).body).toEqual({ status: "ok" })
    const spec = await h.call("GET", "/kommies/openapi.json", bridged)
    expect(spec.body.servers[0].url).toBe("/kommies")
    const docs = await h.call("GET", "/kommies/docs", bridged)
    expect(docs.text).toContain('href="/kommies/openapi.json"')
    expect(docs.text).toContain('href="/kommies/health"')
    expect((await h.call("GET", "/openapi.json")).body.servers[0].url).toBe("/")
  })

  it("prefix – should not let a client's own X-Forwarded-Prefix move links, unless the proxy is trusted", async () => {
    h = await harness()
    const spoofed = { headers: { "x-forwarded-prefix": "/phish" } }
    expect((await h.call("GET", "/openapi.json", spoofed)).body.servers[0].url).toBe("/")
    expect((await h.call("GET", "/docs", spoofed)).text).not.toContain("/phish")
    await h.close()
    h = await harness({ handler: { trustProxy: true } })
    const proxied = { headers: { "x-forwarded-prefix": "/blog/kommies" } }
    const spec = await h.call("GET", "/blog/kommies/openapi.json", proxied)
    expect(spec.body.servers[0].url).toBe("/blog/kommies")
  })

  it("prefix – should ignore a forwarded prefix that is not a plain path", async () => {
    h = await harness({ handler: { trustProxy: true } })
    for (const bad of [
      "//evil.example",
      "/a/../b",
      "/..",
      '/x"><script>',
      "/%2e%2e/x",
      "/a b",
      "https://evil.example/x",
      `/${"a".repeat(300)}`,
    ]) {
      const viaBridge = await h.call("GET", "/openapi.json", { context: { prefix: bad } })
      expect(viaBridge.body.servers[0].url, bad).toBe("/")
      const viaProxy = await h.call("GET", "/docs", { headers: { "x-forwarded-prefix": bad } })
      expect(viaProxy.status, bad).toBe(200)
      expect(viaProxy.text, bad).toContain('href="/openapi.json"')
    }
  })

  it("openapi – should be generated with every route and the prefix as server", async () => {
    h = await harness({ handler: { prefix: "/kommies" } })
    const spec = await h.call("GET", "/kommies/openapi.json")
    expect(spec.status).toBe(200)
    expect(spec.body.openapi).toBe("3.1.0")
    expect(spec.body.servers[0].url).toBe("/kommies")
    const paths = spec.body.paths
    for (const [path, method] of [
      ["/threads/{key}/comments", "get"],
      ["/threads/{key}/comments", "post"],
      ["/threads/{key}/events", "get"],
      ["/comments/{id}", "patch"],
      ["/comments/{id}/vote", "post"],
      ["/counts", "get"],
      ["/auth/sso", "post"],
      ["/auth/oauth/{provider}", "get"],
      ["/auth/oauth/{provider}/callback", "get"],
      ["/moderation/queue", "get"],
      ["/moderation/search", "get"],
      ["/commenters/{id}/ban", "delete"],
      ["/site/keys/{which}/rotate", "post"],
      ["/site/billing", "get"],
      ["/ready", "get"],
    ] as const)
      expect(paths[path]?.[method], `${method} ${path}`).toBeDefined()
    const operations = Object.values(paths).flatMap((item) => Object.keys(item as object))
    expect(operations.length).toBe(routes.length)
    expect(routes.length).toBe(47)
    expect(JSON.stringify(paths["/comments/{id}/vote"].post.responses["429"])).toContain(
      "application/problem+json",
    )
  })

  it("docs – should list every route with links under the prefix, without outside assets", async () => {
    h = await harness({ handler: { prefix: "/kommies" } })
    const docs = await h.call("GET", "/kommies/docs")
    expect(docs.status).toBe(200)
    expect(docs.headers.get("content-type")).toContain("text/html")
    expect(docs.text).toContain('href="/kommies/openapi.json"')
    expect(docs.text).toContain('href="/kommies/health"')
    expect(docs.text).toContain("/kommies/threads/{key}/events")
    expect(docs.text).not.toMatch(/<script|https?:\/\/(?!api\.test)/)
  })
})
