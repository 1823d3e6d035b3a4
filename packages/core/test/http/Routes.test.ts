import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { type Harness, harness } from "./support.js"

let h: Harness
beforeEach(async () => {
  h = await harness()
})
afterEach(async () => {
  await h.close()
})

describe("HTTP comments routes", () => {
  it("threads – should post, list, reply and page through a thread", async () => {
    const ann = await h.member("Ann")
    const bob = await h.member("Bob")
    const first = await h.post(ann.token, "/post/1", "Hello *world*")
    expect(first.html).toBe("<p>Hello <em>world</em></p>")
    expect(first.body).toBe("Hello *world*")
    await h.post(bob.token, "/post/1", "Hi Ann", first.id)
    await h.post(bob.token, "/post/1", "Second")
    const page = await h.call(
      "GET",
      `/threads/${encodeURIComponent("/post/1")}/comments?sort=old&limit=1`,
    )
    expect(page.status).toBe(200)
    expect(page.body.thread.key).toBe("/post/1")
    expect(page.body.comments.map((c: { id: string }) => c.id)).toEqual([first.id])
    expect(page.body.replies).toHaveLength(1)
    expect(page.body.comments[0].body).toBeUndefined()
    const next = await h.call(
      "GET",
      `/threads/${encodeURIComponent("/post/1")}/comments?sort=old&limit=1&cursor=${page.body.nextCursor}`,
    )
    expect(next.body.comments[0].html).toBe("<p>Second</p>")
    expect(next.body.nextCursor).toBeNull()
  })

  it("threads – should take URL thread keys encoded in the path", async () => {
    const ann = await h.member("Ann")
    await h.post(ann.token, "https://Blog.example/post/1/?utm_source=x", "On a URL")
    const page = await h.call(
      "GET",
      `/threads/${encodeURIComponent("https://blog.example/post/1")}/comments`,
    )
    expect(page.body.thread.key).toBe("https://blog.example/post/1")
    expect(page.body.comments).toHaveLength(1)
  })

  it("comments – should get, list replies, edit, vote, report and delete", async () => {
    const ann = await h.member("Ann")
    const bob = await h.member("Bob")
    const c = await h.post(ann.token, "t", "Original")
    const reply = await h.post(bob.token, "t", "A reply", c.id)
    expect((await h.call("GET", `/comments/${c.id}`)).body.html).toBe("<p>Original</p>")
    const replies = await h.call("GET", `/comments/${c.id}/replies`)
    expect(replies.body.comments.map((r: { id: string }) => r.id)).toEqual([reply.id])

    const edited = await h.call("PATCH", `/comments/${c.id}`, {
      token: ann.token,
      body: { body: "Edited" },
    })
    expect(edited.status).toBe(200)
    expect(edited.body.html).toBe("<p>Edited</p>")
    expect(edited.body.editedAt).not.toBeNull()

    const vote = await h.call("POST", `/comments/${c.id}/vote`, {
      token: bob.token,
      body: { direction: "up" },
    })
    expect(vote.body).toMatchObject({ myVote: "up", upvotes: 1, score: 1 })
    const again = await h.call("POST", `/comments/${c.id}/vote`, {
      token: bob.token,
      body: { direction: "up" },
    })
    expect(again.body).toMatchObject({ myVote: null, upvotes: 0 })

    const report = await h.call("POST", `/comments/${c.id}/report`, {
      token: bob.token,
      body: { reason: "spam", note: "ads" },
    })
    expect(report.body).toEqual({ reports: 1, queued: false })

    const del = await h.call("DELETE", `/comments/${reply.id}`, { token: bob.token })
    expect(del.status).toBe(204)
    expect((await h.call("GET", `/comments/${reply.id}`)).status).toBe(404)
  })

  it("comments – should refuse what the permissions table refuses", async () => {
    const ann = await h.member("Ann")
    const bob = await h.member("Bob")
    const c = await h.post(ann.token, "t", "Mine")
    const anonymousPost = await h.call("POST", "/threads/t/comments", { body: { body: "x" } })
    expect(anonymousPost.status).toBe(401)
    expect(anonymousPost.body.code).toBe("sign_in_required")
    const foreignEdit = await h.call("PATCH", `/comments/${c.id}`, {
      token: bob.token,
      body: { body: "x" },
    })
    expect(foreignEdit.status).toBe(403)
    expect(foreignEdit.body.code).toBe("forbidden")
    const ownVote = await h.call("POST", `/comments/${c.id}/vote`, {
      token: ann.token,
      body: { direction: "up" },
    })
    expect(ownVote.body.code).toBe("vote_own")
    const foreignDelete = await h.call("DELETE", `/comments/${c.id}`, { token: bob.token })
    expect(foreignDelete.status).toBe(403)
    const badToken = await h.call("GET", "/threads/t/comments", { token: "not.a.jwt" })
    expect(badToken.status).toBe(401)
    const noKey = await h.call("GET", "/threads/t/comments", { key: null })
    expect(noKey.body.code).toBe("key_required")
    const wrongKey = await h.call("GET", "/threads/t/comments", { key: "kp_doesnotexist123" })
    expect(wrongKey.body.code).toBe("key_invalid")
  })

  it("counts, preview – should count many threads and render Markdown", async () => {
    const ann = await h.member("Ann")
    await h.post(ann.token, "a", "one")
    await h.post(ann.token, "a", "two")
    await h.post(ann.token, "b", "three")
    const counts = await h.call("GET", "/counts?threads=a,b,c")
    expect(counts.body).toEqual({ a: 2, b: 1, c: 0 })
    const byQueryKey = await h.call("GET", `/counts?threads=a&key=${h.site.publicKey}`, {
      key: null,
    })
    expect(byQueryKey.body).toEqual({ a: 2 })
    const preview = await h.call("POST", "/preview", { body: { body: "**hi** <script>" } })
    expect(preview.body.html).toBe("<p><strong>hi</strong> &lt;script&gt;</p>")
  })

  it("notifications – should list replies to me and mark them read", async () => {
    const ann = await h.member("Ann")
    const bob = await h.member("Bob")
    const c = await h.post(ann.token, "t", "Question?")
    await h.post(bob.token, "t", "Answer", c.id)
    const list = await h.call("GET", "/notifications", { token: ann.token })
    expect(list.body.unread).toBe(1)
    expect(list.body.items[0]).toMatchObject({ kind: "reply", read: false })
    const read = await h.call("POST", "/notifications/read", { token: ann.token, body: {} })
    expect(read.status).toBe(204)
    expect((await h.call("GET", "/notifications", { token: ann.token })).body.unread).toBe(0)
    expect((await h.call("GET", "/notifications")).body.code).toBe("commenter_required")
  })
})

describe("HTTP moderation routes", () => {
  it("queue – should list pending comments and approve, reject, spam them", async () => {
    await h.call("PATCH", "/site/settings", { token: h.secretKey, body: { moderation: "pre" } })
    const ann = await h.member("Ann")
    const mod = await h.member("Mo", "moderator")
    const a = await h.post(ann.token, "t", "one")
    const b = await h.post(ann.token, "t", "two")
    const c = await h.post(ann.token, "t", "three")
    expect(a.status).toBe("pending")
    const queue = await h.call("GET", "/moderation/queue?kind=pending&limit=10", {
      token: mod.token,
    })
    expect(queue.body.map((x: { id: string }) => x.id)).toEqual([a.id, b.id, c.id])
    expect(
      (await h.call("POST", `/comments/${a.id}/approve`, { token: mod.token })).body.status,
    ).toBe("approved")
    expect(
      (await h.call("POST", `/comments/${b.id}/reject`, { token: mod.token })).body.status,
    ).toBe("rejected")
    expect((await h.call("POST", `/comments/${c.id}/spam`, { token: mod.token })).body.status).toBe(
      "spam",
    )
    expect((await h.call("GET", "/counts?threads=t")).body).toEqual({ t: 1 })
    const denied = await h.call("GET", "/moderation/queue", { token: ann.token })
    expect(denied.status).toBe(403)
    expect((await h.call("POST", `/comments/${a.id}/reject`, { token: ann.token })).status).toBe(
      403,
    )
  })

  it("bans and roles – should ban, unban, promote, and show history", async () => {
    const ann = await h.member("Ann")
    const bob = await h.member("Bob")
    const mod = await h.member("Mo", "moderator")
    await h.post(ann.token, "t", "before the ban")
    const ban = await h.call("POST", `/commenters/${ann.id}/ban`, {
      token: mod.token,
      body: { kind: "normal", durationSeconds: 3600, reason: "rude" },
    })
    expect(ban.status).toBe(200)
    expect(ban.body).toMatchObject({ commenterId: ann.id, kind: "normal", reason: "rude" })
    const banned = await h.call("POST", "/threads/t/comments", {
      token: ann.token,
      body: { body: "x" },
    })
    expect(banned.body.code).toBe("banned")
    expect(
      (await h.call("DELETE", `/commenters/${ann.id}/ban`, { token: mod.token })).body,
    ).toEqual({
      removed: true,
    })
    const history = await h.call("GET", `/commenters/${ann.id}/comments`, { token: mod.token })
    expect(history.body.comments).toHaveLength(1)
    expect(history.body.ban).toBeNull()
    expect(
      (await h.call("GET", `/commenters/${ann.id}/comments`, { token: bob.token })).status,
    ).toBe(403)

    const promote = await h.call("PUT", `/commenters/${bob.id}/role`, {
      token: h.secretKey,
      body: { role: "moderator" },
    })
    expect(promote.body).toMatchObject({ id: bob.id, role: "moderator" })
    const modPromotes = await h.call("PUT", `/commenters/${ann.id}/role`, {
      token: mod.token,
      body: { role: "moderator" },
    })
    expect(modPromotes.status).toBe(403)
  })

  it("locks – should lock and unlock a thread", async () => {
    const ann = await h.member("Ann")
    const mod = await h.member("Mo", "moderator")
    await h.post(ann.token, "t", "open")
    const lock = await h.call("POST", "/threads/t/lock", { token: mod.token })
    expect(lock.body).toMatchObject({ key: "t", locked: true })
    const refused = await h.call("POST", "/threads/t/comments", {
      token: ann.token,
      body: { body: "x" },
    })
    expect(refused.status).toBe(409)
    expect(refused.body.code).toBe("thread_locked")
    expect((await h.call("DELETE", "/threads/t/lock", { token: mod.token })).body.locked).toBe(
      false,
    )
    expect((await h.call("POST", "/threads/t/lock", { token: ann.token })).status).toBe(403)
  })
})

describe("HTTP owner routes", () => {
  it("site – should show, change and rotate keys, never leaking the secret", async () => {
    const site = await h.call("GET", "/site", { token: h.secretKey })
    expect(site.body.id).toBe(h.site.id)
    expect(site.text).not.toContain("secretKeyHash")
    expect(site.text).not.toContain("secretKeyId")
    const renamed = await h.call("PATCH", "/site", {
      token: h.secretKey,
      body: { name: "Renamed", allowedOrigins: ["https://other.example/"] },
    })
    expect(renamed.body).toMatchObject({
      name: "Renamed",
      allowedOrigins: ["https://other.example"],
    })
    const settings = await h.call("PATCH", "/site/settings", {
      token: h.secretKey,
      body: { guestComments: false, maxDepth: 2 },
    })
    expect(settings.body.settings).toMatchObject({ guestComments: false, maxDepth: 2 })
    const rotated = await h.call("POST", "/site/keys/public/rotate", { token: h.secretKey })
    expect(rotated.body.key).toMatch(/^kp_/)
    expect((await h.call("GET", "/counts?threads=a")).body.code).toBe("key_invalid")
    expect((await h.call("GET", "/counts?threads=a", { key: rotated.body.key })).status).toBe(200)
    // The old public key names another site than the secret key now: refused.
    const mismatch = await h.call("POST", "/site/keys/secret/rotate", { token: h.secretKey })
    expect(mismatch.body.code).toBe("key_mismatch")
    const secret = await h.call("POST", "/site/keys/secret/rotate", {
      token: h.secretKey,
      key: null,
    })
    expect(secret.body.key).toMatch(/^ks_/)
    expect((await h.call("GET", "/site", { token: h.secretKey, key: null })).status).toBe(401)
    expect((await h.call("GET", "/site", { token: secret.body.key, key: null })).status).toBe(200)
  })

  it("usage, analytics, audit, billing – should report to the owner only", async () => {
    const ann = await h.member("Ann")
    await h.post(ann.token, "t", "counted")
    await h.call("PATCH", "/site/settings", { token: h.secretKey, body: { linkLimit: 5 } })
    const usage = await h.call("GET", "/site/usage", { token: h.secretKey })
    expect(usage.body.usage.comments).toBe(1)
    expect(usage.body.usage.apiCalls).toBeGreaterThan(0)
    const analytics = await h.call("GET", "/site/analytics?days=7", { token: h.secretKey })
    expect(analytics.body.totals.comments).toBe(1)
    expect(analytics.body.topThreads[0].key).toBe("t")
    const audit = await h.call("GET", "/site/audit?limit=5", { token: h.secretKey })
    expect(audit.body[0].action).toBe("site.settings")
    const billing = await h.call("GET", "/site/billing", { token: h.secretKey })
    expect(billing.body).toMatchObject({ enabled: false, subscription: null })
    for (const path of ["/site", "/site/usage", "/site/analytics", "/site/audit", "/site/billing"])
      expect((await h.call("GET", path, { token: ann.token })).status).toBe(403)
  })

  it("owner commenter – should act as the owner with a commenter token holding the role", async () => {
    const olga = await h.member("Olga", "owner")
    expect((await h.call("GET", "/site", { token: olga.token })).status).toBe(200)
    const admin = await h.member("Adam", "admin")
    expect((await h.call("GET", "/site/audit", { token: admin.token })).status).toBe(200)
    expect((await h.call("POST", "/site/keys/public/rotate", { token: admin.token })).status).toBe(
      403,
    )
  })
})

describe("HTTP ops routes", () => {
  it("health, ready – should answer without a site key", async () => {
    const health = await h.call("GET", "/health", { key: null })
    expect(health.body).toEqual({ status: "ok" })
    const ready = await h.call("GET", "/ready", { key: null })
    expect(ready.body.status).toBe("ready")
  })

  it("every response – should carry X-Request-Id and X-Process-Time", async () => {
    const fresh = await h.call("GET", "/health")
    expect(fresh.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/)
    expect(Number(fresh.headers.get("x-process-time"))).toBeGreaterThanOrEqual(0)
    const echoed = await h.call("GET", "/nope", { headers: { "x-request-id": "abc-123" } })
    expect(echoed.headers.get("x-request-id")).toBe("abc-123")
    const insane = await h.call("GET", "/health", { headers: { "x-request-id": "<script>" } })
    expect(insane.headers.get("x-request-id")).not.toBe("<script>")
  })
})
