import { afterEach, beforeEach, describe, expect, it, vi } from "vitest"
import { createClient, memoryStorage } from "../src/index.js"
import { ann, deferred, flush, json, problem, scriptedFetch, session } from "./support.js"

const api = "http://api.test"
const minute = 60_000

beforeEach(() => {
  vi.useFakeTimers({ now: new Date("2025-01-01T00:00:00Z") })
})
afterEach(() => {
  vi.useRealTimers()
})

/** A server whose /auth/refresh hands out numbered sessions. */
const refreshingServer = (ttl = 15 * minute) => {
  let issued = 1
  const { fetch, calls } = scriptedFetch((call) => {
    if (call.path === "/auth/refresh") {
      issued++
      return json(
        session({
          accessToken: `access-${issued}`,
          refreshToken: `refresh-${issued}`,
          accessTokenExpiresAt: Date.now() + ttl,
        }),
      )
    }
    return json({ ok: true })
  })
  const refreshes = () => calls.filter((c) => c.path === "/auth/refresh")
  return { fetch, calls, refreshes }
}

describe("auth – refresh", () => {
  it("background – should refresh refreshBefore ms before the token expires", async () => {
    const server = refreshingServer()
    const client = createClient({ baseUrl: api, siteKey: "kp", fetch: server.fetch })
    client.setSession(session({ accessTokenExpiresAt: Date.now() + 15 * minute }))

    await vi.advanceTimersByTimeAsync(14 * minute - 1_000)
    expect(server.refreshes()).toHaveLength(0)
    await vi.advanceTimersByTimeAsync(1_000)
    expect(server.refreshes()).toHaveLength(1)
    expect(server.refreshes()[0]?.body).toEqual({ refreshToken: "refresh-1" })
    expect(await client.accessToken()).toBe("access-2")

    // The next one is scheduled from the new expiry.
    await vi.advanceTimersByTimeAsync(14 * minute)
    expect(server.refreshes()).toHaveLength(2)
    expect(await client.accessToken()).toBe("access-3")
    client.dispose()
  })

  it("background – should honour refreshBefore and autoRefresh: false", async () => {
    const server = refreshingServer()
    const early = createClient({
      baseUrl: api,
      siteKey: "kp",
      fetch: server.fetch,
      refreshBefore: 5 * minute,
    })
    early.setSession(session({ accessTokenExpiresAt: Date.now() + 15 * minute }))
    await vi.advanceTimersByTimeAsync(10 * minute - 1)
    expect(server.refreshes()).toHaveLength(0)
    await vi.advanceTimersByTimeAsync(1)
    expect(server.refreshes()).toHaveLength(1)
    early.dispose()

    const lazy = refreshingServer()
    const client = createClient({
      baseUrl: api,
      siteKey: "kp",
      fetch: lazy.fetch,
      autoRefresh: false,
    })
    client.setSession(session({ accessTokenExpiresAt: Date.now() + 15 * minute }))
    await vi.advanceTimersByTimeAsync(20 * minute)
    expect(lazy.refreshes()).toHaveLength(0)
    // Refreshed on use instead.
    await client.me()
    expect(lazy.refreshes()).toHaveLength(1)
    expect(lazy.calls.at(-1)?.headers.authorization).toBe("Bearer access-2")
  })

  it("background – should not loop when tokens live shorter than refreshBefore", async () => {
    const server = refreshingServer(30_000)
    const client = createClient({ baseUrl: api, siteKey: "kp", fetch: server.fetch })
    client.setSession(session({ accessTokenExpiresAt: Date.now() + 30_000 }))
    await vi.advanceTimersByTimeAsync(14_999)
    expect(server.refreshes()).toHaveLength(0)
    await vi.advanceTimersByTimeAsync(1)
    expect(server.refreshes()).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(14_000)
    expect(server.refreshes()).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1_000)
    expect(server.refreshes()).toHaveLength(2)
    client.dispose()
  })

  it("single flight – should share one refresh between callers", async () => {
    const gate = deferred<Response>()
    let refreshes = 0
    const { fetch, calls } = scriptedFetch((call) => {
      if (call.path !== "/auth/refresh") return json({ ok: true })
      return ++refreshes === 1 ? gate.promise : json(session({ refreshToken: "refresh-3" }))
    })
    const client = createClient({ baseUrl: api, siteKey: "kp", fetch, autoRefresh: false })
    client.setSession(session({ accessTokenExpiresAt: Date.now() - 1 }))

    const requests = [client.me(), client.getComment("a"), client.vote("b", "up"), client.refresh()]
    await flush()
    expect(calls.filter((c) => c.path === "/auth/refresh")).toHaveLength(1)
    gate.resolve(json(session({ accessToken: "fresh", refreshToken: "refresh-2" })))
    await Promise.all(requests)
    expect(calls.filter((c) => c.path === "/auth/refresh")).toHaveLength(1)
    expect(
      calls.filter((c) => c.path !== "/auth/refresh").map((c) => c.headers.authorization),
    ).toEqual(["Bearer fresh", "Bearer fresh", "Bearer fresh"])

    // A later refresh is a new request again.
    await client.refresh()
    expect(calls.filter((c) => c.path === "/auth/refresh")).toHaveLength(2)
    expect(calls.at(-1)?.body).toEqual({ refreshToken: "refresh-2" })
  })

  it("rotation – should store the rotated refresh token", async () => {
    const server = refreshingServer()
    const storage = memoryStorage()
    const client = createClient({ baseUrl: api, siteKey: "kp", fetch: server.fetch, storage })
    client.setSession(session())
    await client.refresh()
    expect(JSON.parse(storage.getItem("kommies:kp") ?? "{}").refreshToken).toBe("refresh-2")
    client.dispose()
  })

  it("refused – should sign out when the server refuses the refresh token", async () => {
    const { fetch } = scriptedFetch(() => problem(401, "refresh_token_invalid"))
    const storage = memoryStorage()
    const client = createClient({ baseUrl: api, siteKey: "kp", fetch, storage })
    client.setSession(session())
    const seen: Array<unknown> = []
    client.subscribe(() => seen.push(client.getSnapshot().commenter))
    await expect(client.refresh()).rejects.toMatchObject({ code: "refresh_token_invalid" })
    expect(client.getSnapshot().commenter).toBeNull()
    expect(seen).toEqual([null])
    expect(storage.getItem("kommies:kp")).toBeNull()
  })

  it("offline – should keep the session when the refresh cannot reach the server", async () => {
    const { fetch } = scriptedFetch(() => {
      throw new TypeError("offline")
    })
    const client = createClient({ baseUrl: api, siteKey: "kp", fetch })
    client.setSession(session())
    await expect(client.refresh()).rejects.toMatchObject({ code: "network" })
    expect(client.getSnapshot().commenter).toEqual(ann)
    client.dispose()
  })

  it("401 – should refresh once and retry a refused request", async () => {
    let first = true
    const { fetch, calls } = scriptedFetch((call) => {
      if (call.path === "/auth/refresh")
        return json(session({ accessToken: "access-2", refreshToken: "refresh-2" }))
      if (first) {
        first = false
        return problem(401, "token_expired")
      }
      return json({ id: "me" })
    })
    const client = createClient({ baseUrl: api, siteKey: "kp", fetch, autoRefresh: false })
    client.setSession(session())
    expect(await client.me()).toEqual({ id: "me" })
    expect(calls.map((c) => `${c.path} ${c.headers.authorization ?? "-"}`)).toEqual([
      "/auth/me Bearer access-1",
      "/auth/refresh -",
      "/auth/me Bearer access-2",
    ])
  })

  it("tabs – should adopt tokens another tab rotated instead of reusing the old refresh token", async () => {
    const server = refreshingServer()
    const storage = memoryStorage()
    const tab = createClient({ baseUrl: api, siteKey: "kp", fetch: server.fetch, storage })
    tab.setSession(session({ accessTokenExpiresAt: Date.now() + 15 * minute }))
    // Another tab rotated meanwhile and wrote to the shared storage.
    const rotated = session({
      accessToken: "other-tab",
      refreshToken: "refresh-other",
      accessTokenExpiresAt: Date.now() + 15 * minute,
    })
    storage.setItem("kommies:kp", JSON.stringify(rotated))
    await tab.refresh()
    expect(server.refreshes()).toHaveLength(0)
    expect(await tab.accessToken()).toBe("other-tab")
    tab.dispose()
  })

  it("logout – should stop the refresh timer", async () => {
    const server = refreshingServer()
    const client = createClient({ baseUrl: api, siteKey: "kp", fetch: server.fetch })
    client.setSession(session())
    await client.logout()
    await vi.advanceTimersByTimeAsync(60 * minute)
    expect(server.refreshes()).toHaveLength(0)
  })
})
