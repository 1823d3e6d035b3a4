/**
 * The dashboard API's sites: listing and creating in saas mode, the
 * standalone site's first owner (and accounts racing for it, from one server
 * and from several over one store), strangers
 * kept out, and the billing redirects.
 */
import { type Accounts, Ids, PaymentProvider, type Plan, SiteStore } from "@kommies/core"
import { MemoryEventBus, MemoryStore } from "@kommies/core/memory"
import { Context, Effect, Exit, Layer, Scope } from "effect"
import { describe, expect, it } from "vitest"
import type { CreatedSite, SiteSummary } from "../src/dashboard-api/contract.js"
import { claimIfUnowned } from "../src/dashboard-api/standaloneOwner.js"
import {
  type Browser,
  PASSWORD,
  problemOf,
  PUBLIC_URL,
  signUp,
  type World,
} from "./dashboard-api-support.js"
import { worldsPerCase } from "./support/worlds.js"

/** Closed after the worlds that use them. */
const storeScopes: Array<Scope.CloseableScope> = []
const world = worldsPerCase({}, async () => {
  for (const scope of storeScopes.splice(0)) await Effect.runPromise(Scope.close(scope, Exit.void))
})

const sitesOf = async (browser: Browser) =>
  (await browser.call("GET", "/sites")).json<{ sites: ReadonlyArray<SiteSummary> }>().sites

describe("dashboard API: sites in saas mode", () => {
  it("create – should create a site owned by the account and show its secret key once", async () => {
    const w = await world()
    const { browser, session } = await signUp(w, "ada@example.com")
    expect(await sitesOf(browser)).toEqual([])
    const res = await browser.call("POST", "/sites", {
      body: { name: "Blog", allowedOrigins: ["https://blog.example/"] },
    })
    expect(res.statusCode).toBe(201)
    const created = res.json<CreatedSite>()
    expect(created.secretKey).toMatch(/^ks_/)
    expect(created.site).toMatchObject({
      name: "Blog",
      role: "owner",
      allowedOrigins: ["https://blog.example"],
    })
    expect(created.site.publicKey).toMatch(/^kp_/)
    const site = await w.kommies.sites.get(created.site.id as Ids.SiteId)
    expect(site.ownerAccountId).toBe(session.account.id)

    const second = await browser.call("POST", "/sites", { body: { name: "Docs" } })
    expect(second.statusCode).toBe(201)
    const listed = await sitesOf(browser)
    expect(listed.map((s) => s.name)).toEqual(["Blog", "Docs"])
    expect(listed[0]).toEqual(created.site)
    expect(JSON.stringify(listed)).not.toContain("ks_")
    expect(JSON.stringify(listed)).not.toContain(site.secretKeyHash)
  })

  it("create – should refuse bad names and origins with 400 problems", async () => {
    const w = await world()
    const { browser } = await signUp(w, "ada@example.com")
    const blank = await browser.call("POST", "/sites", { body: { name: "   " } })
    expect(problemOf(blank)).toMatchObject({ status: 400, code: "name_invalid" })
    const origin = await browser.call("POST", "/sites", {
      body: { name: "Blog", allowedOrigins: ["javascript:alert(1)"] },
    })
    expect(problemOf(origin)).toMatchObject({ status: 400, code: "origin_invalid" })
    const types = await browser.call("POST", "/sites", {
      body: { name: "Blog", allowedOrigins: "https://blog.example" },
    })
    expect(problemOf(types)).toMatchObject({
      status: 400,
      code: "body_invalid",
      field: "allowedOrigins",
    })
    const nested = await browser.call("POST", "/sites", {
      body: { name: "Blog", allowedOrigins: ["https://a.example", 7] },
    })
    expect(problemOf(nested)).toMatchObject({ code: "body_invalid", field: "allowedOrigins.1" })
    expect(await sitesOf(browser)).toEqual([])
  })

  it("create – should respect a maximum of sites per account when one is set", async () => {
    const w = await world({ plugin: { maxSitesPerAccount: 1 } })
    const { browser } = await signUp(w, "ada@example.com")
    expect((await browser.call("POST", "/sites", { body: { name: "One" } })).statusCode).toBe(201)
    const two = await browser.call("POST", "/sites", { body: { name: "Two" } })
    expect(problemOf(two)).toMatchObject({ status: 409, code: "site_limit_reached" })
  })

  it("create – should need a signed-in account and this server's origin", async () => {
    const w = await world()
    const { browser } = await signUp(w, "ada@example.com")
    const anonymous = await browser.call("POST", "/sites", { body: { name: "Blog" }, auth: false })
    expect(problemOf(anonymous)).toMatchObject({ status: 401, code: "sign_in_required" })
    const foreign = await browser.call("POST", "/sites", {
      body: { name: "Blog" },
      headers: { origin: "https://evil.example" },
    })
    expect(problemOf(foreign)).toMatchObject({ status: 403, code: "csrf_failed" })
    expect(await sitesOf(browser)).toEqual([])
  })

  it("stranger – should get 404 site_not_found for another account's site, like a missing one", async () => {
    const w = await world()
    const { browser: ada } = await signUp(w, "ada@example.com")
    const site = (await ada.call("POST", "/sites", { body: { name: "Blog" } })).json<CreatedSite>()
      .site
    const { browser: eve } = await signUp(w, "eve@example.com")
    expect(await sitesOf(eve)).toEqual([])
    const paths = [
      ["GET", `/sites/${site.id}/team`],
      ["GET", `/sites/${site.id}/export`],
      ["POST", `/sites/${site.id}/team/invitations`],
      ["POST", `/sites/${site.id}/billing/portal`],
    ] as const
    for (const [method, path] of paths) {
      const res = await eve.call(method, path, {
        body: { email: "eve@example.com", role: "admin" },
      })
      expect(res.statusCode, path).toBe(404)
      expect(problemOf(res).code).toBe("site_not_found")
    }
    const missing = await eve.call("GET", `/sites/${await Effect.runPromise(Ids.uuidv7)}/team`)
    expect(problemOf(missing).code).toBe("site_not_found")
    const junk = await eve.call("GET", "/sites/not-a-uuid/team")
    expect(problemOf(junk)).toMatchObject({ status: 404, code: "site_not_found" })
  })
})

describe("dashboard API: standalone mode", () => {
  it("create – should answer 409 single_site_mode", async () => {
    const w = await world({ mode: "standalone" })
    const { browser } = await signUp(w, "ada@example.com")
    const res = await browser.call("POST", "/sites", { body: { name: "Another" } })
    expect(problemOf(res)).toMatchObject({ status: 409, code: "single_site_mode" })
  })

  it("owner – should make the first verified account the owner, and nobody after", async () => {
    const w = await world({ mode: "standalone" })
    const siteId = w.app.standaloneSiteId!
    // Signing up alone claims nothing: the email is not confirmed yet.
    const early = w.browser()
    await early.config()
    await early.call("POST", "/signup", {
      body: { email: "early@example.com", password: PASSWORD, name: "Early" },
    })
    expect((await w.kommies.sites.get(siteId as Ids.SiteId)).ownerAccountId).toBeNull()

    const { browser: ada, session } = await signUp(w, "ada@example.com")
    const adaSites = await sitesOf(ada)
    expect(adaSites).toHaveLength(1)
    expect(adaSites[0]).toMatchObject({ id: siteId, role: "owner" })
    expect((await w.kommies.sites.get(siteId as Ids.SiteId)).ownerAccountId).toBe(
      session.account.id,
    )

    const { browser: bob } = await signUp(w, "bob@example.com")
    expect(await sitesOf(bob)).toEqual([])
    const probe = await bob.call("GET", `/sites/${siteId}/team`)
    expect(problemOf(probe).code).toBe("site_not_found")

    // Signing in again changes nothing.
    const again = w.browser()
    await again.config()
    again.keep(
      await again.call("POST", "/login", {
        body: { email: "bob@example.com", password: PASSWORD },
      }),
    )
    expect((await w.kommies.sites.get(siteId as Ids.SiteId)).ownerAccountId).toBe(
      session.account.id,
    )
  })

  it("owner – should give the site to exactly one of several accounts verifying at once", async () => {
    const w = await world({ mode: "standalone" })
    const siteId = w.app.standaloneSiteId! as Ids.SiteId
    const people = ["a", "b", "c", "d", "e", "f"].map((n) => `${n}@example.com`)
    const pending = await Promise.all(
      people.map(async (email) => {
        const browser = w.browser()
        await browser.config()
        const res = await browser.call("POST", "/signup", {
          body: { email, password: PASSWORD, name: email[0] },
        })
        return { browser, email, challengeId: res.json<{ challengeId: string }>().challengeId }
      }),
    )
    const codes = await Promise.all(pending.map((p) => w.lastCode(p.email)))
    const sessions = await Promise.all(
      pending.map(async (p, i) =>
        p.browser.keep(
          await p.browser.call("POST", "/verify", {
            body: { challengeId: p.challengeId, code: codes[i] },
          }),
        ),
      ),
    )
    const owner = (await w.kommies.sites.get(siteId)).ownerAccountId
    expect(sessions.map((s) => s.account.id)).toContain(owner)
    const listings = await Promise.all(pending.map((p) => sitesOf(p.browser)))
    expect(listings.filter((l) => l.length === 1)).toHaveLength(1)
    expect(listings.flat()).toEqual([expect.objectContaining({ id: siteId, role: "owner" })])
  })
  it("owner – should let exactly one of many simultaneous claims win, across processes", async () => {
    // Three servers over one store, as three processes over one database:
    // nothing in-process is shared, so only the store can decide. Every
    // SiteStore call waits a random moment first, as over a network, so a
    // claim that read and then wrote would let several accounts in.
    const stores = await sharedStores()
    const servers = [
      await world({ mode: "standalone", stores }),
      await world({ mode: "standalone", stores }),
      await world({ mode: "standalone", stores }),
    ]
    const [first] = servers as [World, World, World]
    const siteId = first.app.standaloneSiteId! as Ids.SiteId
    const apps = servers.map((w) => ({ ...w.app, standaloneSiteId: siteId }))
    // Accounts confirmed through core directly, so that only the claims race.
    const accounts: Array<Accounts.AccountView> = []
    for (const name of ["a", "b", "c", "d", "e", "f", "g", "h", "i"]) {
      const email = `${name}@example.com`
      const { challengeId } = await first.kommies.accounts.signUp({
        email,
        name,
        password: PASSWORD,
      })
      const code = await first.lastCode(email)
      accounts.push((await first.kommies.accounts.verify(challengeId, code)).account)
    }
    const claims = () =>
      Promise.all(accounts.map((a, i) => claimIfUnowned(apps[i % apps.length]!, a)))
    const won = await claims()
    expect(won.filter(Boolean)).toHaveLength(1)
    const winner = accounts[won.indexOf(true)]!
    for (const w of servers)
      expect((await w.kommies.sites.get(siteId)).ownerAccountId).toBe(winner.id)
    const owned = await Promise.all(accounts.map((a) => first.kommies.accounts.sites(a.id)))
    expect(owned.flat().map((s) => s.id)).toEqual([siteId])
    const audit = await first.kommies.moderation.audit(first.kommies.actors.system(siteId))
    expect(audit.filter((e) => e.action === "site.claim_owner")).toEqual([
      expect.objectContaining({ details: { accountId: winner.id } }),
    ])
    expect(await claims()).not.toContain(true)
  })
})

/** One memory store for several servers, its SiteStore slowed by a random wait per call. */
const sharedStores = async () => {
  const scope = Effect.runSync(Scope.make())
  storeScopes.push(scope)
  const built = await Effect.runPromise(
    Layer.buildWithScope(Layer.merge(MemoryStore.layer, MemoryEventBus.layer), scope),
  )
  const sites = Context.get(built, SiteStore.SiteStore)
  const wait = Effect.suspend(() => Effect.sleep(Math.floor(Math.random() * 5)))
  const slowed = Object.fromEntries(
    Object.entries(sites).map(([name, call]) => [
      name,
      (...args: ReadonlyArray<unknown>) =>
        Effect.zipRight(
          wait,
          (call as (...a: ReadonlyArray<unknown>) => Effect.Effect<unknown>)(...args),
        ),
    ]),
  ) as unknown as SiteStore.SiteStoreShape
  return Layer.succeedContext(Context.add(built, SiteStore.SiteStore, slowed))
}

describe("dashboard API: billing", () => {
  it("billing – should answer 503 billing_disabled when the server has no payment provider", async () => {
    const w = await world()
    const { browser } = await signUp(w, "ada@example.com")
    const site = (
      await browser.call("POST", "/sites", { body: { name: "Blog" } })
    ).json<CreatedSite>().site
    const checkout = await browser.call("POST", `/sites/${site.id}/billing/checkout`, {
      body: { planId: "pro" },
    })
    expect(problemOf(checkout)).toMatchObject({ status: 503, code: "billing_disabled" })
    const portal = await browser.call("POST", `/sites/${site.id}/billing/portal`)
    expect(problemOf(portal)).toMatchObject({ status: 503, code: "billing_disabled" })
  })

  it("billing – should send the owner to checkout and back to the site's billing screen", async () => {
    const seen: Array<Record<string, unknown>> = []
    const provider = Layer.succeed(PaymentProvider.PaymentProvider, {
      enabled: true,
      createCheckout: (input) =>
        input.priceId === "price_down"
          ? Effect.fail(new PaymentProvider.PaymentError({ reason: "Provider", message: "503" }))
          : Effect.sync(() => {
              seen.push({ ...input })
              return { url: "https://pay.example/checkout/1" }
            }),
      createPortal: (input) =>
        Effect.sync(() => {
          seen.push({ ...input })
          return { url: "https://pay.example/portal/1" }
        }),
      parseWebhook: () =>
        Effect.fail(new PaymentProvider.PaymentError({ reason: "Unsupported", message: "no" })),
    })
    const plans: Array<Plan.Plan> = [
      {
        id: "free",
        name: "Free",
        limits: { comments: 100, threadLoads: null, activeCommenters: null, apiCalls: null },
        grace: 0,
        priceId: null,
        monthlyPriceCents: 0,
      },
      {
        id: "pro",
        name: "Pro",
        limits: { comments: null, threadLoads: null, activeCommenters: null, apiCalls: null },
        grace: 0,
        priceId: "price_pro",
        monthlyPriceCents: 900,
      },
    ]
    plans.push({ ...plans[1]!, id: "down", priceId: "price_down" })
    const w = await world({ paymentProvider: provider, plans })
    const { browser } = await signUp(w, "ada@example.com")
    const site = (
      await browser.call("POST", "/sites", { body: { name: "Blog" } })
    ).json<CreatedSite>().site
    const res = await browser.call("POST", `/sites/${site.id}/billing/checkout`, {
      body: { planId: "pro" },
    })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ url: "https://pay.example/checkout/1" })
    const screen = `${PUBLIC_URL}/dashboard/#/sites/${site.id}/billing`
    expect(seen[0]).toMatchObject({
      siteId: site.id,
      priceId: "price_pro",
      email: "ada@example.com",
      successUrl: `${screen}?checkout=success`,
      cancelUrl: `${screen}?checkout=cancel`,
    })
    const free = await browser.call("POST", `/sites/${site.id}/billing/checkout`, {
      body: { planId: "free" },
    })
    expect(problemOf(free)).toMatchObject({ status: 400, code: "plan_not_purchasable" })
    const down = await browser.call("POST", `/sites/${site.id}/billing/checkout`, {
      body: { planId: "down" },
    })
    expect(problemOf(down)).toMatchObject({ status: 502, code: "payment_provider_failed" })
    const noPlan = await browser.call("POST", `/sites/${site.id}/billing/checkout`, { body: {} })
    expect(problemOf(noPlan)).toMatchObject({ status: 400, field: "planId" })
    // No customer until a checkout completes: the portal says so.
    const portal = await browser.call("POST", `/sites/${site.id}/billing/portal`)
    expect(problemOf(portal)).toMatchObject({ status: 404, code: "billing_customer_not_found" })
  })
})
