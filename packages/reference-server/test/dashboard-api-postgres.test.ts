/**
 * The dashboard API over real PostgreSQL (`@kommies/store-postgres`, a fresh
 * schema per run, dropped after): sessions, sites, the standalone owner race
 * and a team round trip, where the store, not memory, has to hold.
 * Without a server at `DATABASE_URL` the suite says so and skips, unless
 * `KOMMIES_REQUIRE_SERVICES=1`.
 */
import type { Ids } from "@kommies/core"
import { PgEventBus, PgStore } from "@kommies/store-postgres"
import { Layer } from "effect"
import { describe, expect, it } from "vitest"
import type { CreatedSite, SiteSummary, Team } from "../src/dashboard-api/contract.js"
import { PASSWORD, problemOf, PUBLIC_URL, signUp } from "./dashboard-api-support.js"
import { databaseUrl as url, freshSchema, isMissing, reportMissing } from "./support/services.js"
import { worldsPerCase } from "./support/worlds.js"

const schema = await freshSchema("dash")

if (isMissing(schema)) {
  reportMissing(schema)
} else {
  const stores = Layer.provideMerge(PgEventBus.layer, PgStore.layer({ url, schema, poolSize: 4 }))
  const openWorld = worldsPerCase({ stores })
  const world = (mode: "saas" | "standalone" = "saas") => openWorld({ mode })

  describe("dashboard API on PostgreSQL", () => {
    it("sessions – should sign up, rotate the refresh cookie and refuse the old one", async () => {
      const w = await world()
      const { browser, session } = await signUp(w, "pg-ada@example.com")
      expect(session.account.verified).toBe(true)
      const old = String(browser.cookies.get("kommies_refresh"))
      browser.keep(await browser.call("POST", "/refresh"))
      const thief = w.browser()
      await thief.config()
      thief.cookies.set("kommies_refresh", old)
      expect(problemOf(await thief.call("POST", "/refresh")).code).toBe("refresh_reused")
      const login = w.browser()
      await login.config()
      const res = await login.call("POST", "/login", {
        body: { email: "pg-ada@example.com", password: PASSWORD },
      })
      expect(login.keep(res).account.id).toBe(session.account.id)
    })

    it("sites – should create and list sites, and keep strangers out", async () => {
      const w = await world()
      const { browser } = await signUp(w, "pg-owner@example.com")
      const created = await browser.call("POST", "/sites", {
        body: { name: "PG blog", allowedOrigins: [PUBLIC_URL] },
      })
      expect(created.statusCode).toBe(201)
      const site = created.json<CreatedSite>().site
      const listed = (await browser.call("GET", "/sites")).json<{ sites: SiteSummary[] }>().sites
      expect(listed).toEqual([site])
      const { browser: eve } = await signUp(w, "pg-eve@example.com")
      expect(problemOf(await eve.call("GET", `/sites/${site.id}/team`)).code).toBe("site_not_found")
    })

    it("standalone – should give the one site to exactly one of several accounts verifying at once", async () => {
      const w = await world("standalone")
      const siteId = w.app.standaloneSiteId! as Ids.SiteId
      const people = ["pa", "pb", "pc", "pd"].map((n) => `${n}@example.com`)
      const pending = []
      for (const email of people) {
        const browser = w.browser()
        await browser.config()
        const res = await browser.call("POST", "/signup", {
          body: { email, password: PASSWORD, name: email.slice(0, 2) },
        })
        pending.push({
          browser,
          challengeId: res.json<{ challengeId: string }>().challengeId,
          email,
        })
      }
      const codes = await Promise.all(pending.map((p) => w.lastCode(p.email)))
      await Promise.all(
        pending.map(async (p, i) =>
          p.browser.keep(
            await p.browser.call("POST", "/verify", {
              body: { challengeId: p.challengeId, code: codes[i] },
            }),
          ),
        ),
      )
      const listings = await Promise.all(
        pending.map(
          async (p) =>
            (await p.browser.call("GET", "/sites")).json<{ sites: SiteSummary[] }>().sites,
        ),
      )
      expect(listings.flat()).toEqual([expect.objectContaining({ id: siteId, role: "owner" })])
      expect((await w.kommies.sites.get(siteId)).ownerAccountId).not.toBeNull()
    })

    it("team – should invite, accept, and remove a member", async () => {
      const w = await world()
      const { browser: ada } = await signUp(w, "pg-team-owner@example.com")
      const site = (
        await ada.call("POST", "/sites", { body: { name: "Team site" } })
      ).json<CreatedSite>().site
      const invite = await ada.call("POST", `/sites/${site.id}/team/invitations`, {
        body: { email: "pg-bob@example.com", role: "admin" },
      })
      expect(invite.statusCode).toBe(201)
      const prefix = `${PUBLIC_URL}/dashboard/#/invite/`
      const link = (await w.mails("pg-bob@example.com"))
        .flatMap((m) => m.text.split(/\s+/))
        .find((word) => word.startsWith(prefix))
      const { browser: bob } = await signUp(w, "pg-bob@example.com")
      const accept = await bob.call("POST", "/invitations/accept", {
        body: { token: decodeURIComponent(String(link).slice(prefix.length)) },
      })
      expect(accept.json<{ site: SiteSummary }>().site).toMatchObject({
        id: site.id,
        role: "admin",
      })
      const team = (await ada.call("GET", `/sites/${site.id}/team`)).json<Team>()
      const bobId = team.members.find((m) => m.role === "admin")!.accountId
      expect((await bob.call("GET", `/sites/${site.id}/export`)).statusCode).toBe(200)
      expect((await ada.call("DELETE", `/sites/${site.id}/team/members/${bobId}`)).statusCode).toBe(
        204,
      )
      expect((await bob.call("GET", "/sites")).json<{ sites: unknown[] }>().sites).toEqual([])
    })
  })
}
