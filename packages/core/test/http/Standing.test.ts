/**
 * What moderators' screens need on load: a commenter's history with their
 * role and the ban in force, and the thread (key, title, url) of every
 * comment in the queue, in search results and in a history.
 */
import { afterEach, describe, expect, it } from "vitest"
import { type Harness, harness } from "./support.js"

let h: Harness
afterEach(async () => {
  await h?.close()
})

const history = (id: string, token: string) =>
  h.call("GET", `/commenters/${id}/comments`, { token })

describe("HTTP commenter history", () => {
  it("history – should carry the commenter's role and no ban while none is in force", async () => {
    h = await harness()
    const mod = await h.member("Mo", "moderator")
    const ann = await h.member("Ann")
    await h.post(ann.token, "t", "first")
    const reply = await history(ann.id, mod.token)
    expect(reply.status).toBe(200)
    expect(reply.body.commenter).toMatchObject({ id: ann.id, displayName: "Ann", role: "user" })
    expect(reply.body.ban).toBeNull()
    expect(reply.body.comments).toHaveLength(1)
    expect(reply.body.comments[0].thread).toEqual({ key: "t", title: null, url: null })
  })

  it("history – should show a timed ban, a shadow ban, and none after unban", async () => {
    h = await harness()
    const mod = await h.member("Mo", "moderator")
    const ann = await h.member("Ann")
    const before = Date.now()
    await h.call("POST", `/commenters/${ann.id}/ban`, {
      token: mod.token,
      body: { kind: "normal", durationSeconds: 3600, reason: "rude" },
    })
    const banned = (await history(ann.id, mod.token)).body
    expect(banned.ban).toMatchObject({ kind: "normal", reason: "rude" })
    expect(banned.ban.until).toBeGreaterThanOrEqual(before + 3_600_000)
    expect(banned.ban.until).toBeLessThanOrEqual(Date.now() + 3_600_000)

    await h.call("POST", `/commenters/${ann.id}/ban`, {
      token: mod.token,
      body: { kind: "shadow" },
    })
    expect((await history(ann.id, mod.token)).body.ban).toEqual({
      kind: "shadow",
      until: null,
      reason: null,
    })

    await h.call("DELETE", `/commenters/${ann.id}/ban`, { token: mod.token })
    expect((await history(ann.id, mod.token)).body.ban).toBeNull()
  })

  it("history – should show the commenter their own ban without the moderator's reason", async () => {
    h = await harness()
    const mod = await h.member("Mo", "moderator")
    const ann = await h.member("Ann")
    await h.call("POST", `/commenters/${ann.id}/ban`, {
      token: mod.token,
      body: { kind: "shadow", reason: "spammy links" },
    })
    const own = await history(ann.id, ann.token)
    expect(own.status).toBe(200)
    expect(own.body.ban).toEqual({ kind: "shadow", until: null, reason: null })
  })

  it("history – should answer an unknown commenter with null and no comments", async () => {
    h = await harness()
    const mod = await h.member("Mo", "moderator")
    const reply = await history("0190f0f0-0000-7000-8000-000000000000", mod.token)
    expect(reply.status).toBe(200)
    expect(reply.body).toEqual({ commenter: null, ban: null, comments: [] })
  })

  it("history – should refuse another commenter's history to a user", async () => {
    h = await harness()
    const ann = await h.member("Ann")
    const bob = await h.member("Bob")
    expect((await history(ann.id, bob.token)).status).toBe(403)
  })
})

describe("HTTP moderation lists with threads", () => {
  it("queue – should name each comment's thread with its title and url", async () => {
    h = await harness({ settings: { moderation: "pre" } })
    const mod = await h.member("Mo", "moderator")
    const ann = await h.member("Ann")
    const titled = await h.call("POST", "/threads/post-1/comments", {
      token: ann.token,
      body: { body: "on the first post", url: "https://blog.example/post-1", title: "Post one" },
    })
    expect(titled.status).toBe(201)
    await h.post(ann.token, "post-2", "on the second")
    await h.post(ann.token, "post-1", "again on the first")
    const queue = await h.call("GET", "/moderation/queue?kind=pending", { token: mod.token })
    expect(queue.status).toBe(200)
    expect(queue.body.map((c: { thread: unknown }) => c.thread)).toEqual([
      { key: "post-1", title: "Post one", url: "https://blog.example/post-1" },
      { key: "post-2", title: null, url: null },
      { key: "post-1", title: "Post one", url: "https://blog.example/post-1" },
    ])
  })

  it("search – should name each result's thread", async () => {
    h = await harness()
    const mod = await h.member("Mo", "moderator")
    const ann = await h.member("Ann")
    await h.call("POST", "/threads/post-9/comments", {
      token: ann.token,
      body: { body: "refund policy please", title: "Pricing" },
    })
    const found = await h.call("GET", "/moderation/search?q=refund", { token: mod.token })
    expect(found.status).toBe(200)
    expect(found.body.comments).toHaveLength(1)
    expect(found.body.comments[0].thread).toEqual({ key: "post-9", title: "Pricing", url: null })
  })

  it("listThread – should not add the thread to every comment of a reader's page", async () => {
    h = await harness()
    const ann = await h.member("Ann")
    await h.post(ann.token, "t", "hello")
    const page = await h.call("GET", "/threads/t/comments")
    expect(page.body.comments[0].thread).toBeUndefined()
  })
})
