import { afterEach, describe, expect, it } from "vitest"
import type { AccountId } from "../../src/Ids.js"
import * as Actor from "../../src/services/Actor.js"
import { type Harness, harness, origin, secret } from "./support.js"

let h: Harness
afterEach(async () => {
  await h.close()
})

/** Signs an account up over the facade and returns its id and access token. */
const signIn = async (email: string) => {
  const { challengeId } = await h.kommies.accounts.signUp({
    email,
    name: email,
    password: "pass-word-1",
  })
  const mail = await h.outbox(email)
  const code = /\b(\d{6})\b/.exec(mail[mail.length - 1]?.text ?? "")?.[1] ?? ""
  const session = await h.kommies.accounts.verify(challengeId, code)
  return { id: session.account.id as AccountId, token: session.accessToken }
}

/** Invites `email` to the harness site as `role` and accepts with that account. */
const joinAs = async (email: string, role: "admin" | "moderator") => {
  const account = await signIn(email)
  await h.kommies.team.invite(Actor.secretKey(h.site.id), {
    email,
    role,
    link: (token) => `https://dash.test/join/${token}`,
  })
  const mail = await h.outbox(email)
  const token = /join\/([A-Za-z0-9_-]+)/.exec(mail[mail.length - 1]?.text ?? "")?.[1] ?? ""
  await h.kommies.team.accept(account.id, token)
  return account
}

/** A call as a dashboard account on the harness site (no public key). */
const asAccount = (token: string, method: string, path: string, siteId: string = h.site.id) =>
  h.call(method, path, { token, key: null, headers: { "x-kommies-site": siteId } })

/** A new site owned by the account. */
const ownedBy = async (accountId: AccountId) =>
  (await h.kommies.sites.create({ name: "Owned", ownerAccountId: accountId })).site

describe("HTTP dashboard accounts", () => {
  it("owner – should use every owner route with an account token and X-Kommies-Site", async () => {
    h = await harness()
    const owner = await signIn("owner@example.com")
    const mine = await ownedBy(owner.id)
    const site = await asAccount(owner.token, "GET", "/site", mine.id)
    expect(site.status).toBe(200)
    expect(site.body.id).toBe(mine.id)
    expect((await asAccount(owner.token, "GET", "/moderation/queue", mine.id)).status).toBe(200)
    const rotated = await asAccount(owner.token, "POST", "/site/keys/public/rotate", mine.id)
    expect(rotated.status).toBe(200)
    expect(rotated.body.key).toMatch(/^kp_/)
    const audit = await asAccount(owner.token, "GET", "/site/audit", mine.id)
    expect(audit.body[0]).toMatchObject({
      action: "site.rotate_public_key",
      actor: `account:${owner.id}`,
    })
    // The harness site is not the owner's: NotFound, like any site it has no role on.
    expect((await asAccount(owner.token, "GET", "/site")).status).toBe(404)
    // A public key naming another site than X-Kommies-Site is refused.
    const mismatch = await h.call("GET", "/site", {
      token: owner.token,
      key: h.site.publicKey,
      headers: { "x-kommies-site": mine.id },
    })
    expect(mismatch.status).toBe(401)
    expect(mismatch.body.code).toBe("key_mismatch")
    // The secret key acts on its own site only, whatever X-Kommies-Site says.
    const secretElsewhere = await h.call("GET", "/site", {
      token: h.secretKey,
      key: null,
      headers: { "x-kommies-site": mine.id },
    })
    expect(secretElsewhere.body.code).toBe("key_mismatch")
    const secretHere = await h.call("GET", "/site", {
      token: h.secretKey,
      key: null,
      headers: { "x-kommies-site": h.site.id },
    })
    expect(secretHere.status).toBe(200)
  })

  it("members – should act with their team role: admin and moderator, as the table decides", async () => {
    h = await harness({ settings: { moderation: "pre" } })
    const admin = await joinAs("admin@example.com", "admin")
    const moderator = await joinAs("mod@example.com", "moderator")
    const ann = await h.member("Ann")
    const pending = await h.post(ann.token, "t", "hold me")
    const held = await h.post(ann.token, "t", "me too")
    expect(pending.status).toBe("pending")

    const queue = await asAccount(moderator.token, "GET", "/moderation/queue?kind=pending")
    expect(queue.status).toBe(200)
    expect(queue.body.map((c: { id: string }) => c.id)).toEqual([pending.id, held.id])
    const approved = await asAccount(moderator.token, "POST", `/comments/${pending.id}/approve`)
    expect(approved.status).toBe(200)
    expect(approved.body.status).toBe("approved")
    for (const [method, path] of [
      ["GET", "/site"],
      ["GET", "/site/audit"],
      ["POST", "/site/keys/public/rotate"],
    ] as const) {
      const refused = await asAccount(moderator.token, method, path)
      expect(refused.status).toBe(403)
      expect(refused.body.code).toBe("forbidden")
    }

    expect((await asAccount(admin.token, "POST", `/comments/${held.id}/reject`)).status).toBe(200)
    const audit = await asAccount(admin.token, "GET", "/site/audit")
    expect(audit.status).toBe(200)
    expect(audit.body.map((e: { actor: string }) => e.actor)).toContain(`account:${moderator.id}`)
    expect((await asAccount(admin.token, "GET", "/site")).status).toBe(200)
    const rotate = await asAccount(admin.token, "POST", "/site/keys/secret/rotate")
    expect(rotate.status).toBe(403)
  })

  it("stranger – should get NotFound for a site it has no role on, and for unknown sites", async () => {
    h = await harness()
    const stranger = await signIn("stranger@example.com")
    for (const siteId of [h.site.id, "no-such-site"]) {
      const reply = await asAccount(stranger.token, "GET", "/moderation/queue", siteId)
      expect(reply.status).toBe(404)
      expect(reply.body.code).toBe("site_not_found")
    }
    // Removed from the team, a member is a stranger again.
    const mod = await joinAs("mod@example.com", "moderator")
    expect((await asAccount(mod.token, "GET", "/moderation/queue")).status).toBe(200)
    await h.kommies.team.remove(Actor.secretKey(h.site.id), mod.id)
    expect((await asAccount(mod.token, "GET", "/moderation/queue")).status).toBe(404)
  })

  it("tokens – should refuse an expired, a commenter or a missing token with X-Kommies-Site", async () => {
    h = await harness({
      kommies: { tokens: { secret, accountTokenTtl: "1 second", clockTolerance: "0 seconds" } },
    })
    const owner = await signIn("owner@example.com")
    const mine = await ownedBy(owner.id)
    expect((await asAccount(owner.token, "GET", "/site", mine.id)).status).toBe(200)
    await new Promise((resolve) => setTimeout(resolve, 2_100))
    const expired = await asAccount(owner.token, "GET", "/site", mine.id)
    expect(expired.status).toBe(401)
    expect(expired.body.code).toBe("token_expired")

    const ann = await h.member("Ann")
    const commenter = await asAccount(ann.token, "GET", "/moderation/queue")
    expect(commenter.status).toBe(401)
    const none = await h.call("GET", "/site", {
      key: null,
      headers: { "x-kommies-site": h.site.id },
    })
    expect(none.status).toBe(401)
    expect(none.body.code).toBe("account_token_required")
  })

  it("missing header – should answer 400 site_header_required for an account token alone", async () => {
    h = await harness()
    const owner = await signIn("owner@example.com")
    const mine = await ownedBy(owner.id)
    for (const key of [null, mine.publicKey]) {
      const reply = await h.call("GET", "/moderation/queue", { token: owner.token, key })
      expect(reply.status).toBe(400)
      expect(reply.headers.get("content-type")).toContain("application/problem+json")
      expect(reply.body.code).toBe("site_header_required")
    }
    // Commenter tokens keep working without the header.
    const ann = await h.member("Ann")
    expect((await h.call("GET", "/notifications", { token: ann.token })).status).toBe(200)
  })

  it("CORS – should allow the X-Kommies-Site header in preflights", async () => {
    h = await harness()
    const preflight = await h.call("OPTIONS", "/site", {
      key: null,
      headers: {
        origin,
        "access-control-request-method": "GET",
        "access-control-request-headers": "authorization, x-kommies-site",
      },
    })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get("access-control-allow-headers")).toContain("X-Kommies-Site")
  })

  it("rate limit – should give an account the signed-in budget, its own apart from the address", async () => {
    h = await harness({
      handler: { rateLimits: { anonymousPerMinute: 2, signedInPerMinute: 4 } },
    })
    const owner = await signIn("owner@example.com")
    const mine = await ownedBy(owner.id)
    const context = { remoteAddress: "203.0.113.9" }
    const asOwner = () =>
      h.call("GET", "/site", {
        token: owner.token,
        key: null,
        headers: { "x-kommies-site": mine.id },
        context,
      })
    const first = await asOwner()
    expect(first.status).toBe(200)
    expect(first.headers.get("ratelimit-limit")).toBe("4")
    for (let i = 0; i < 3; i++) expect((await asOwner()).status).toBe(200)
    const limited = await asOwner()
    expect(limited.status).toBe(429)
    expect(limited.body.code).toBe("rate_limited")
    // Anonymous readers at the same address spend their own budget.
    const reader = await h.call("GET", "/counts?threads=a", { key: mine.publicKey, context })
    expect(reader.status).toBe(200)
    expect(reader.headers.get("ratelimit-limit")).toBe("2")
  })
})
