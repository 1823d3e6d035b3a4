import { describe, expect, it } from "vitest"
import { createClient, KommiesError, localStorageStorage, memoryStorage } from "../src/index.js"
import { ann, json, problem, scriptedFetch, session, view } from "./support.js"

const base = "https://example.com/api/comments/"

describe("createClient – requests", () => {
  it("listThread – should send the site key, encode the page key and leave out empty params", async () => {
    const { fetch, calls } = scriptedFetch(() => json({ comments: [] }))
    const client = createClient({ baseUrl: base, siteKey: "kp_test", fetch })
    await client.listThread("/post/1?x=a&b", { sort: "top", limit: 10, cursor: null })
    expect(calls).toHaveLength(1)
    const [call] = calls
    expect(call?.method).toBe("GET")
    expect(call?.url).toBe(
      "https://example.com/api/comments/threads/%2Fpost%2F1%3Fx%3Da%26b/comments?sort=top&limit=10",
    )
    expect(call?.headers["x-kommies-key"]).toBe("kp_test")
    expect(call?.headers.authorization).toBeUndefined()
    expect(call?.headers["content-type"]).toBeUndefined()
  })

  it("createComment – should post JSON to the thread's comments", async () => {
    const saved = view("c1")
    const { fetch, calls } = scriptedFetch(() => json(saved, 201))
    const client = createClient({ baseUrl: "/api", siteKey: "kp_test", fetch })
    const result = await client.createComment("/p", { body: "Hi", parentId: null, elapsedMs: 900 })
    expect(result).toEqual(saved)
    expect(calls[0]?.url).toBe("/api/threads/%2Fp/comments")
    expect(calls[0]?.method).toBe("POST")
    expect(calls[0]?.headers["content-type"]).toBe("application/json")
    expect(calls[0]?.body).toEqual({ body: "Hi", parentId: null, elapsedMs: 900 })
  })

  it("routes – should match the API's paths and payloads", async () => {
    const { fetch, calls } = scriptedFetch((call) =>
      call.method === "DELETE" && call.path.startsWith("/comments/")
        ? new Response(null, { status: 204 })
        : call.path === "/preview"
          ? json({ html: "<p>x</p>" })
          : json({}),
    )
    const client = createClient({ baseUrl: "http://api.test", siteKey: "kp_test", fetch })
    expect(await client.deleteComment("c/1")).toBeUndefined()
    await client.editComment("c1", "new")
    await client.vote("c1", "up")
    await client.report("c1", "spam")
    await client.report("c1", "other", "why")
    await client.counts(["/a", "/b,c"])
    expect(await client.preview("x")).toBe("<p>x</p>")
    await client.listReplies("c1", { cursor: "abc" })
    await client.getComment("c1")
    await client.moderate("c1", "spam")
    await client.ban("u1", { kind: "shadow" })
    await client.lock("/p")
    await client.lock("/p", false)
    await client.register({ email: "a@b.c", displayName: "A", password: "pw" })
    await client.resend("a@b.c")
    expect(calls.map((c) => `${c.method} ${c.path} ${JSON.stringify(c.body ?? null)}`)).toEqual([
      "DELETE /comments/c%2F1 null",
      'PATCH /comments/c1 {"body":"new"}',
      'POST /comments/c1/vote {"direction":"up"}',
      'POST /comments/c1/report {"reason":"spam"}',
      'POST /comments/c1/report {"reason":"other","note":"why"}',
      "GET /counts?threads=%2Fa%2C%2Fb%2Cc null",
      'POST /preview {"body":"x"}',
      "GET /comments/c1/replies?cursor=abc null",
      "GET /comments/c1 null",
      "POST /comments/c1/spam null",
      'POST /commenters/u1/ban {"kind":"shadow"}',
      "POST /threads/%2Fp/lock null",
      "DELETE /threads/%2Fp/lock null",
      'POST /auth/register {"email":"a@b.c","displayName":"A","password":"pw"}',
      'POST /auth/resend {"email":"a@b.c"}',
    ])
  })

  it("errors – should reject with a KommiesError carrying the problem", async () => {
    const { fetch } = scriptedFetch(() =>
      problem(429, "rate_limited", "Slow down", { retryAfter: 7, limit: 5 }),
    )
    const client = createClient({ baseUrl: base, siteKey: "kp_test", fetch })
    const error = await client.vote("c1", "up").catch((e: unknown) => e)
    expect(error).toBeInstanceOf(KommiesError)
    expect(error).toMatchObject({
      name: "KommiesError",
      status: 429,
      code: "rate_limited",
      detail: "Slow down",
      message: "Slow down",
      retryAfter: 7,
    })
    expect((error as KommiesError).problem?.limit).toBe(5)
  })

  it("errors – should name non-problem failures by status and network failures `network`", async () => {
    let mode = "html"
    const { fetch } = scriptedFetch(() => {
      if (mode === "html")
        return new Response("<h1>Bad gateway</h1>", { status: 502, statusText: "Bad Gateway" })
      throw new TypeError("fetch failed")
    })
    const client = createClient({ baseUrl: base, siteKey: "kp_test", fetch })
    await expect(client.getComment("x")).rejects.toMatchObject({
      status: 502,
      code: "http_502",
      detail: "Bad Gateway",
      problem: null,
    })
    mode = "down"
    await expect(client.getComment("x")).rejects.toMatchObject({
      status: 0,
      code: "network",
      detail: "fetch failed",
    })
  })

  it("request – should let an abort through as an abort", async () => {
    const fetch = (_: string, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        const abort = () => reject(new DOMException("aborted", "AbortError"))
        if (init?.signal?.aborted) abort()
        init?.signal?.addEventListener("abort", abort)
      })
    const client = createClient({ baseUrl: base, siteKey: "kp_test", fetch })
    const controller = new AbortController()
    const pending = client.listThread("/p", {}, controller.signal)
    controller.abort()
    await expect(pending).rejects.toMatchObject({ name: "AbortError" })
  })
})

describe("createClient – sign-in", () => {
  const api = "http://api.test"

  it("guest – should keep the session, notify subscribers and send the token", async () => {
    const signedIn = session()
    const { fetch, calls } = scriptedFetch((call) =>
      call.path === "/auth/guest" ? json(signedIn) : json(view("c1"), 201),
    )
    const storage = memoryStorage()
    const client = createClient({ baseUrl: api, siteKey: "kp_test", fetch, storage })
    const seen: Array<string | null> = []
    const stop = client.subscribe(() => seen.push(client.getSnapshot().commenter?.id ?? null))
    expect(client.getSnapshot().commenter).toBeNull()

    expect(await client.guest({ displayName: "Ann" })).toEqual(ann)
    expect(client.getSnapshot().commenter).toEqual(ann)
    expect(seen).toEqual(["c-ann"])
    expect(JSON.parse(storage.getItem("kommies:kp_test") ?? "null")).toEqual(signedIn)
    expect(calls[0]?.headers.authorization).toBeUndefined()

    await client.createComment("/p", { body: "hi" })
    expect(calls[1]?.headers.authorization).toBe("Bearer access-1")
    stop()
    client.dispose()
  })

  it("snapshot – should stay the same object while nothing changes", async () => {
    const { fetch } = scriptedFetch(() => json(session()))
    const client = createClient({ baseUrl: api, siteKey: "kp_test", fetch })
    const before = client.getSnapshot()
    expect(client.getSnapshot()).toBe(before)
    await client.login("ann@example.com", "secret")
    const after = client.getSnapshot()
    expect(after).not.toBe(before)
    // The same commenter again (a refresh): no new snapshot, no re-render.
    client.setSession(session({ accessToken: "access-2" }))
    expect(client.getSnapshot()).toBe(after)
    client.dispose()
  })

  it("verify and sso – should sign in like guest", async () => {
    const { fetch, calls } = scriptedFetch(() => json(session()))
    const client = createClient({ baseUrl: api, siteKey: "kp_test", fetch })
    await client.verify("ch-1", "123456")
    await client.sso("host.jwt.token")
    expect(calls.map((c) => [c.path, c.body])).toEqual([
      ["/auth/verify", { challengeId: "ch-1", code: "123456" }],
      ["/auth/sso", { token: "host.jwt.token" }],
    ])
    expect(client.getSnapshot().commenter).toEqual(ann)
    client.dispose()
  })

  it("storage – should restore a stored session on creation", async () => {
    const storage = memoryStorage()
    storage.setItem("kommies:kp_test", JSON.stringify(session({ accessToken: "stored" })))
    const { fetch, calls } = scriptedFetch(() => json({}))
    const client = createClient({ baseUrl: api, siteKey: "kp_test", fetch, storage })
    expect(client.getSnapshot().commenter).toEqual(ann)
    await client.me()
    expect(calls[0]?.headers.authorization).toBe("Bearer stored")
    client.dispose()
  })

  it("storage – should survive unreadable storage", () => {
    const storage = memoryStorage()
    storage.setItem("kommies:kp_test", "{not json")
    const client = createClient({
      baseUrl: api,
      siteKey: "kp_test",
      storage,
      fetch: async () => json({}),
    })
    expect(client.getSnapshot().commenter).toBeNull()
  })

  it("logout – should forget the session and revoke it, even when the server fails", async () => {
    const storage = memoryStorage()
    storage.setItem("kommies:kp_test", JSON.stringify(session()))
    const { fetch, calls } = scriptedFetch(() => problem(503, "store_unavailable"))
    const client = createClient({ baseUrl: api, siteKey: "kp_test", fetch, storage })
    await expect(client.logout()).resolves.toBeUndefined()
    expect(calls[0]).toMatchObject({ path: "/auth/logout", body: { refreshToken: "refresh-1" } })
    expect(client.getSnapshot().commenter).toBeNull()
    expect(storage.getItem("kommies:kp_test")).toBeNull()
    expect(await client.accessToken()).toBeNull()
  })

  it("localStorageStorage – should fall back to memory where there is no localStorage", () => {
    const storage = localStorageStorage()
    storage.setItem("k", "v")
    expect(storage.getItem("k")).toBe("v")
    storage.removeItem("k")
    expect(storage.getItem("k")).toBeNull()
  })
})
