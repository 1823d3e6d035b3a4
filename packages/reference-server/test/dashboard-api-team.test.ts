/**
 * The dashboard API's team and export routes: an invitation by email,
 * accepted by the invitee, whose role then works on the comments API with
 * `X-Kommies-Site`; role changes, removal, what admins may not do, and the
 * export download without secrets.
 */
import type { Ids } from "@kommies/core"
import { describe, expect, it } from "vitest"
import type {
  CreatedSite,
  SiteSummary,
  Team,
  TeamInvitation,
  TeamMember,
} from "../src/dashboard-api/contract.js"
import {
  type Browser,
  PASSWORD,
  problemOf,
  PUBLIC_URL,
  signUp,
  type World,
} from "./dashboard-api-support.js"
import { worldsPerCase } from "./support/worlds.js"

const world = worldsPerCase()

/** Ada owns "Blog"; the world is saas. */
const setup = async () => {
  const w = await world()
  const ada = await signUp(w, "ada@example.com")
  const created = (
    await ada.browser.call("POST", "/sites", { body: { name: "Blog" } })
  ).json<CreatedSite>()
  return { w, ada: ada.browser, site: created.site, secretKey: created.secretKey }
}

const invitationToken = async (w: World, email: string) => {
  const prefix = `${PUBLIC_URL}/dashboard/#/invite/`
  const links = (await w.mails(email)).flatMap((mail) =>
    mail.text.split(/\s+/).filter((word) => word.startsWith(prefix)),
  )
  const link = links.at(-1)
  if (link === undefined) throw new Error(`no invitation link mailed to ${email}`)
  return decodeURIComponent(link.slice(prefix.length))
}

/** The comments API as a dashboard account on a site. */
const api = (w: World, browser: Browser, siteId: string, method: "GET" | "POST", url: string) =>
  w.fastify.inject({
    method,
    url: `/api${url}`,
    headers: {
      authorization: `Bearer ${browser.accessToken}`,
      "x-kommies-site": siteId,
      origin: PUBLIC_URL,
    },
  })

const join = async (w: World, site: SiteSummary, email: string) => {
  const { browser } = await signUp(w, email)
  const res = await browser.call("POST", "/invitations/accept", {
    body: { token: await invitationToken(w, email) },
  })
  expect(res.statusCode).toBe(200)
  expect(res.json<{ site: SiteSummary }>().site.id).toBe(site.id)
  return browser
}

/** Ada invites `email` as `role`; they sign up and accept. Their browser and account id. */
const addMember = async (
  { w, ada, site }: Awaited<ReturnType<typeof setup>>,
  email: string,
  role: "moderator" | "admin",
) => {
  await ada.call("POST", `/sites/${site.id}/team/invitations`, { body: { email, role } })
  const browser = await join(w, site, email)
  const team = (await ada.call("GET", `/sites/${site.id}/team`)).json<Team>()
  return [browser, team.members.find((m) => m.email === email)!.accountId] as const
}

describe("dashboard API: team", () => {
  it("invite – should email a dashboard link that the invitee accepts, then the role works", async () => {
    const { w, ada, site } = await setup()
    const invite = await ada.call("POST", `/sites/${site.id}/team/invitations`, {
      body: { email: "Bob@Example.com", role: "moderator" },
    })
    expect(invite.statusCode).toBe(201)
    const { invitation } = invite.json<{ invitation: TeamInvitation }>()
    expect(invitation).toMatchObject({ email: "bob@example.com", role: "moderator" })
    expect(invitation.expiresAt).toBeGreaterThan(invitation.createdAt)
    expect(Object.keys(invitation).sort()).toEqual([
      "createdAt",
      "email",
      "expiresAt",
      "id",
      "role",
    ])

    const team = (await ada.call("GET", `/sites/${site.id}/team`)).json<Team>()
    expect(team.members.map((m) => [m.email, m.role])).toEqual([["ada@example.com", "owner"]])
    expect(team.invitations.map((i) => i.id)).toEqual([invitation.id])

    const { browser: bob } = await signUp(w, "bob@example.com")
    expect((await bob.call("GET", "/sites")).json<{ sites: unknown[] }>().sites).toEqual([])
    const accept = await bob.call("POST", "/invitations/accept", {
      body: { token: await invitationToken(w, "bob@example.com") },
    })
    expect(accept.statusCode).toBe(200)
    expect(accept.json<{ site: SiteSummary }>().site).toMatchObject({
      id: site.id,
      role: "moderator",
    })
    const bobSites = (await bob.call("GET", "/sites")).json<{ sites: SiteSummary[] }>().sites
    expect(bobSites).toEqual([expect.objectContaining({ id: site.id, role: "moderator" })])

    // The table decides on the comments API: a moderator reads the queue, not the keys.
    expect((await api(w, bob, site.id, "GET", "/moderation/queue")).statusCode).toBe(200)
    expect((await api(w, bob, site.id, "POST", "/site/keys/secret/rotate")).statusCode).toBe(403)
    // …and on this API: no team page, no export.
    expect(problemOf(await bob.call("GET", `/sites/${site.id}/team`)).status).toBe(403)
    expect(problemOf(await bob.call("GET", `/sites/${site.id}/export`)).status).toBe(403)

    const after = (await ada.call("GET", `/sites/${site.id}/team`)).json<Team>()
    expect(after.members.map((m) => [m.email, m.role])).toEqual([
      ["ada@example.com", "owner"],
      ["bob@example.com", "moderator"],
    ])
    expect(after.invitations).toEqual([])

    // A used link does not work twice.
    const again = await bob.call("POST", "/invitations/accept", {
      body: { token: await invitationToken(w, "bob@example.com") },
    })
    expect(problemOf(again)).toMatchObject({ status: 404, code: "invitation_not_found" })
  })

  it("accept – should refuse another account's invitation and unknown tokens", async () => {
    const { w, ada, site } = await setup()
    await ada.call("POST", `/sites/${site.id}/team/invitations`, {
      body: { email: "bob@example.com", role: "moderator" },
    })
    const token = await invitationToken(w, "bob@example.com")
    const { browser: eve } = await signUp(w, "eve@example.com")
    const stolen = await eve.call("POST", "/invitations/accept", { body: { token } })
    expect(problemOf(stolen)).toMatchObject({ status: 403, code: "invitation_email_mismatch" })
    const unknown = await eve.call("POST", "/invitations/accept", {
      body: { token: "x".repeat(43) },
    })
    expect(problemOf(unknown)).toMatchObject({ status: 404, code: "invitation_not_found" })
    const anonymous = await eve.call("POST", "/invitations/accept", {
      body: { token },
      auth: false,
    })
    expect(problemOf(anonymous)).toMatchObject({ status: 401, code: "sign_in_required" })
    const types = await eve.call("POST", "/invitations/accept", { body: { token: 42 } })
    expect(problemOf(types)).toMatchObject({ status: 400, field: "token" })
  })

  it("roles – should let the owner promote, and keep an admin from inviting or managing admins", async () => {
    const blog = await setup()
    const { w, ada, site } = blog
    const [bob, bobId] = await addMember(blog, "bob@example.com", "moderator")

    const promote = await ada.call("PUT", `/sites/${site.id}/team/members/${bobId}`, {
      body: { role: "admin" },
    })
    expect(promote.statusCode).toBe(200)
    expect(promote.json<TeamMember>()).toMatchObject({ accountId: bobId, role: "admin" })
    const badRole = await ada.call("PUT", `/sites/${site.id}/team/members/${bobId}`, {
      body: { role: "owner" },
    })
    expect(problemOf(badRole)).toMatchObject({ status: 400, code: "body_invalid", field: "role" })

    // Bob, an admin now, sees the team but may not invite an admin.
    expect((await bob.call("GET", `/sites/${site.id}/team`)).statusCode).toBe(200)
    const asAdmin = await bob.call("POST", `/sites/${site.id}/team/invitations`, {
      body: { email: "carol@example.com", role: "admin" },
    })
    expect(asAdmin.statusCode).toBe(403)
    expect(await w.mails("carol@example.com")).toHaveLength(0)
    const asModerator = await bob.call("POST", `/sites/${site.id}/team/invitations`, {
      body: { email: "carol@example.com", role: "moderator" },
    })
    expect(asModerator.statusCode).toBe(201)
    const adaTeam = (await ada.call("GET", `/sites/${site.id}/team`)).json<Team>()
    const adaId = adaTeam.members[0]!.accountId
    // Nobody changes the owner; an admin cannot touch another admin's peer role either.
    const demoteOwner = await bob.call("PUT", `/sites/${site.id}/team/members/${adaId}`, {
      body: { role: "moderator" },
    })
    expect(demoteOwner.statusCode).toBe(403)
    const removeOwner = await ada.call("DELETE", `/sites/${site.id}/team/members/${adaId}`)
    expect(problemOf(removeOwner)).toMatchObject({ status: 403, code: "owner_immutable" })
    // The export is the owner's and admins'.
    expect((await bob.call("GET", `/sites/${site.id}/export`)).statusCode).toBe(200)

    // Revoking the pending invitation: the owner may, and the link stops working.
    const carolInvite = adaTeam.invitations.find((i) => i.email === "carol@example.com")!
    const revoke = await ada.call("DELETE", `/sites/${site.id}/team/invitations/${carolInvite.id}`)
    expect(revoke.statusCode).toBe(204)
    expect((await ada.call("GET", `/sites/${site.id}/team`)).json<Team>().invitations).toEqual([])
    const carol = await signUp(w, "carol@example.com")
    const late = await carol.browser.call("POST", "/invitations/accept", {
      body: { token: await invitationToken(w, "carol@example.com") },
    })
    expect(problemOf(late).code).toBe("invitation_not_found")
    const twice = await ada.call("DELETE", `/sites/${site.id}/team/invitations/${carolInvite.id}`)
    expect(problemOf(twice)).toMatchObject({ status: 404, code: "invitation_not_found" })
  })

  it("remove – should take the site away from a removed member everywhere", async () => {
    const blog = await setup()
    const { w, ada, site } = blog
    const [bob, bobId] = await addMember(blog, "bob@example.com", "moderator")
    const res = await ada.call("DELETE", `/sites/${site.id}/team/members/${bobId}`)
    expect(res.statusCode).toBe(204)
    expect((await bob.call("GET", "/sites")).json<{ sites: unknown[] }>().sites).toEqual([])
    expect((await api(w, bob, site.id, "GET", "/moderation/queue")).statusCode).toBe(404)
    const gone = await ada.call("DELETE", `/sites/${site.id}/team/members/${bobId}`)
    expect(problemOf(gone)).toMatchObject({ status: 404, code: "member_not_found" })
    const junk = await ada.call("DELETE", `/sites/${site.id}/team/members/bob`)
    expect(problemOf(junk)).toMatchObject({ status: 404, code: "member_not_found" })
  })

  it("leave – should let a member leave the team, and not the owner", async () => {
    const blog = await setup()
    const { w, ada, site } = blog
    const [bob] = await addMember(blog, "bob@example.com", "admin")
    const left = await bob.call("POST", `/sites/${site.id}/team/leave`)
    expect(left.statusCode).toBe(204)
    expect((await bob.call("GET", "/sites")).json<{ sites: unknown[] }>().sites).toEqual([])
    expect((await api(w, bob, site.id, "GET", "/moderation/queue")).statusCode).toBe(404)
    const team = (await ada.call("GET", `/sites/${site.id}/team`)).json<Team>()
    expect(team.members.map((m) => m.email)).toEqual(["ada@example.com"])
    const audit = await api(w, ada, site.id, "GET", "/site/audit")
    expect(audit.json<Array<{ action: string }>>()[0]?.action).toBe("team.leave")
    // Gone is gone: leaving again finds no site.
    const again = await bob.call("POST", `/sites/${site.id}/team/leave`)
    expect(problemOf(again)).toMatchObject({ status: 404, code: "site_not_found" })
    const owner = await ada.call("POST", `/sites/${site.id}/team/leave`)
    expect(problemOf(owner)).toMatchObject({ status: 403, code: "owner_immutable" })
    expect((await ada.call("GET", "/sites")).json<{ sites: unknown[] }>().sites).toHaveLength(1)
  })

  it("invite – should refuse members, bad emails and wrong types", async () => {
    const { ada, site } = await setup()
    const self = await ada.call("POST", `/sites/${site.id}/team/invitations`, {
      body: { email: "ada@example.com", role: "admin" },
    })
    expect(problemOf(self)).toMatchObject({ status: 409, code: "already_member" })
    const email = await ada.call("POST", `/sites/${site.id}/team/invitations`, {
      body: { email: "nope", role: "admin" },
    })
    expect(problemOf(email)).toMatchObject({ status: 400, code: "email_invalid" })
    const role = await ada.call("POST", `/sites/${site.id}/team/invitations`, {
      body: { email: "bob@example.com", role: "owner" },
    })
    expect(problemOf(role)).toMatchObject({ status: 400, field: "role" })
    const json = await ada.call("POST", `/sites/${site.id}/team/invitations`, { raw: "{nope" })
    expect(problemOf(json)).toMatchObject({ status: 400, code: "json_invalid" })
  })
})

describe("dashboard API: export", () => {
  it("export – should download the site as JSON without any secret", async () => {
    const { w, ada, site, secretKey } = await setup()
    const siteId = site.id as Ids.SiteId
    const guest = await w.kommies.commenters.guest(siteId, {
      displayName: "Guest",
      email: "guest@example.com",
    })
    const actor = await w.kommies.actors.commenter(siteId, guest.id)
    await w.kommies.comments.create(actor, { threadKey: "/post/1", body: "Hello **there**" })
    const stored = await w.kommies.sites.get(siteId)

    const res = await ada.call("GET", `/sites/${site.id}/export`)
    expect(res.statusCode).toBe(200)
    expect(res.headers["content-type"]).toMatch(/^application\/json/)
    expect(res.headers["content-disposition"]).toMatch(
      new RegExp(`^attachment; filename="kommies-${site.id}-\\d{4}-\\d{2}-\\d{2}\\.json"$`),
    )
    expect(res.headers["cache-control"]).toBe("no-store")
    const doc = res.json<{ format: string; site: { name: string }; comments: unknown[] }>()
    expect(doc.format).toBe("kommies-export")
    expect(doc.site.name).toBe("Blog")
    expect(doc.comments).toHaveLength(1)
    for (const secret of [secretKey, secretKey.split(".")[1]!, stored.secretKeyHash, PASSWORD])
      expect(res.body).not.toContain(secret)
    expect(res.body).not.toMatch(/passwordHash|secretKey|refresh/i)
  })
})
