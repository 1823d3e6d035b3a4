/**
 * The dashboard API's accounts and sessions: sign-up by emailed code, the
 * refresh cookie and its rotation, sign-out, password reset, CSRF and
 * origin checks, rate limits, and problem+json for bad input.
 */
import { describe, expect, it } from "vitest"
import type { DashboardConfig, SessionInfo } from "../src/dashboard-api/contract.js"
import { type Browser, PASSWORD, problemOf, PUBLIC_URL, signUp } from "./dashboard-api-support.js"
import { worldsPerCase } from "./support/worlds.js"

const world = worldsPerCase()

const cookieOf = (res: { cookies: ReadonlyArray<unknown> }, name: string) =>
  (res.cookies as ReadonlyArray<Record<string, unknown>>).find((c) => c.name === name)

const login = (browser: Browser, email: string, password = PASSWORD) =>
  browser.call("POST", "/login", { body: { email, password } })

describe("dashboard API: config", () => {
  it("config – should describe the server and set the CSRF cookie it returns", async () => {
    const w = await world()
    const res = await w.browser().call("GET", "/config")
    expect(res.statusCode).toBe(200)
    const config = res.json<DashboardConfig>()
    expect(config).toMatchObject({
      mode: "saas",
      billingEnabled: false,
      apiBase: "/api",
      publicUrl: PUBLIC_URL,
    })
    expect(config.version).toMatch(/^\d+\.\d+\.\d+/)
    const cookie = cookieOf(res, "kommies_csrf")
    expect(cookie).toMatchObject({
      value: config.csrfToken,
      httpOnly: true,
      sameSite: "Strict",
      secure: true,
      path: "/dashboard/api",
    })
    expect(res.headers["cache-control"]).toBe("no-store")
  })

  it("config – should keep the browser's CSRF token across calls", async () => {
    const w = await world()
    const browser = w.browser()
    const first = await browser.config()
    const second = await browser.config()
    expect(second.csrfToken).toBe(first.csrfToken)
    expect((await w.browser().config()).csrfToken).not.toBe(first.csrfToken)
  })
})

describe("dashboard API: sign-up and sessions", () => {
  it("signup – should mail a code whose verification signs in with an HttpOnly refresh cookie", async () => {
    const w = await world()
    const browser = w.browser()
    await browser.config()
    const signup = await browser.call("POST", "/signup", {
      body: { email: "Ada@Example.com", password: PASSWORD, name: "Ada" },
    })
    expect(signup.statusCode).toBe(200)
    const { challengeId } = signup.json<{ challengeId: string }>()
    expect(await w.mails("ada@example.com")).toHaveLength(1)

    const wrong = await browser.call("POST", "/verify", { body: { challengeId, code: "000000" } })
    expect(wrong.statusCode).toBe(401)
    expect(cookieOf(wrong, "kommies_refresh")).toBeUndefined()

    const res = await browser.call("POST", "/verify", {
      body: { challengeId, code: await w.lastCode("ada@example.com") },
    })
    expect(res.statusCode).toBe(200)
    const session = res.json<SessionInfo>()
    expect(session.account).toMatchObject({ email: "ada@example.com", name: "Ada", verified: true })
    expect(Object.keys(session).sort()).toEqual(["accessToken", "account", "expiresAt"])
    expect(session.expiresAt).toBeGreaterThan(Date.now())
    expect(res.body).not.toContain(browser.cookies.get("kommies_refresh"))
    const cookie = cookieOf(res, "kommies_refresh")
    expect(cookie).toMatchObject({
      httpOnly: true,
      sameSite: "Strict",
      secure: true,
      path: "/dashboard/api",
    })
    expect(cookie?.maxAge).toBeGreaterThan(24 * 60 * 60)
    expect(res.headers["cache-control"]).toBe("no-store")
  })

  it("resend – should mail a new code for the challenge; the old challenge stops working", async () => {
    const w = await world()
    const browser = w.browser()
    await browser.config()
    const signup = await browser.call("POST", "/signup", {
      body: { email: "grace@example.com", password: PASSWORD, name: "Grace" },
    })
    const { challengeId } = signup.json<{ challengeId: string }>()
    const firstCode = await w.lastCode("grace@example.com")
    const resend = await browser.call("POST", "/verify/resend", { body: { challengeId } })
    expect(resend.statusCode).toBe(200)
    const fresh = resend.json<{ challengeId: string }>()
    expect(Object.keys(fresh)).toEqual(["challengeId"])
    expect(fresh.challengeId).not.toBe(challengeId)
    expect(await w.mails("grace@example.com")).toHaveLength(2)
    const old = await browser.call("POST", "/verify", { body: { challengeId, code: firstCode } })
    expect(problemOf(old)).toMatchObject({ status: 401, code: "code_invalid" })
    const res = await browser.call("POST", "/verify", {
      body: { challengeId: fresh.challengeId, code: await w.lastCode("grace@example.com") },
    })
    expect(res.statusCode).toBe(200)
    expect(res.json<SessionInfo>().account.verified).toBe(true)
  })

  it("resend – should answer an unknown challenge like a known one, and be limited per challenge", async () => {
    const w = await world()
    const browser = w.browser()
    await browser.config()
    const unknown = await browser.call("POST", "/verify/resend", {
      body: { challengeId: "c".repeat(22) },
    })
    expect(unknown.statusCode).toBe(200)
    expect(unknown.json<{ challengeId: string }>().challengeId).toMatch(/^[A-Za-z0-9_-]{16,}$/)
    const missing = await browser.call("POST", "/verify/resend", { body: {} })
    expect(problemOf(missing)).toMatchObject({ status: 400, code: "body_invalid" })
    const statuses = []
    for (let i = 0; i < 6; i++)
      statuses.push(
        (await browser.call("POST", "/verify/resend", { body: { challengeId: "d".repeat(22) } }))
          .statusCode,
      )
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429])
    const csrfless = await browser.call("POST", "/verify/resend", {
      body: { challengeId: "e".repeat(22) },
      origin: false,
    })
    expect(csrfless.statusCode).toBe(403)
  })

  it("signup – should leave Secure off the cookies on a plain-http server", async () => {
    const w = await world({ secureCookies: false })
    const browser = w.browser()
    const config = await browser.call("GET", "/config")
    expect(cookieOf(config, "kommies_csrf")?.secure).toBeUndefined()
  })

  it("login – should sign in a verified account and refuse wrong passwords and unverified ones", async () => {
    const w = await world()
    await signUp(w, "ada@example.com")
    const browser = w.browser()
    await browser.config()
    const wrong = await login(browser, "ada@example.com", "not the password")
    expect(wrong.statusCode).toBe(401)
    expect(problemOf(wrong).code).toBe("credentials_invalid")
    const ok = await login(browser, "ADA@example.com")
    expect(browser.keep(ok).account.email).toBe("ada@example.com")
    expect(cookieOf(ok, "kommies_refresh")?.httpOnly).toBe(true)

    await browser.call("POST", "/signup", {
      body: { email: "bob@example.com", password: PASSWORD, name: "Bob" },
    })
    const unverified = await login(browser, "bob@example.com")
    expect(unverified.statusCode).toBe(403)
    expect(problemOf(unverified).code).toBe("email_unverified")
  })

  it("refresh – should rotate the cookie and refuse the old token afterwards", async () => {
    const w = await world()
    const { browser, session } = await signUp(w, "ada@example.com")
    const old = browser.cookies.get("kommies_refresh")
    const res = await browser.call("POST", "/refresh")
    const next = browser.keep(res)
    expect(next.account.id).toBe(session.account.id)
    const rotated = browser.cookies.get("kommies_refresh")
    expect(rotated).toBeDefined()
    expect(rotated).not.toBe(old)

    // Someone replays the old cookie: refused, and the family is revoked.
    const thief = w.browser()
    await thief.config()
    thief.cookies.set("kommies_refresh", String(old))
    const replay = await thief.call("POST", "/refresh")
    expect(replay.statusCode).toBe(401)
    expect(problemOf(replay).code).toBe("refresh_reused")
    expect(cookieOf(replay, "kommies_refresh")?.value).toBe("")
    const after = await browser.call("POST", "/refresh")
    expect(after.statusCode).toBe(401)
  })

  it("refresh – should answer 401 refresh_missing without a cookie", async () => {
    const w = await world()
    const browser = w.browser()
    await browser.config()
    const res = await browser.call("POST", "/refresh")
    expect(res.statusCode).toBe(401)
    expect(problemOf(res).code).toBe("refresh_missing")
  })

  it("logout – should clear the cookie and revoke the session", async () => {
    const w = await world()
    const { browser } = await signUp(w, "ada@example.com")
    const token = browser.cookies.get("kommies_refresh")
    const res = await browser.call("POST", "/logout", {
      headers: { "content-type": "application/json" },
    })
    expect(res.statusCode).toBe(204)
    const cleared = cookieOf(res, "kommies_refresh")
    expect(cleared?.value).toBe("")
    expect(cleared?.path).toBe("/dashboard/api")
    expect(browser.cookies.has("kommies_refresh")).toBe(false)
    browser.cookies.set("kommies_refresh", String(token))
    const again = await browser.call("POST", "/refresh")
    expect(again.statusCode).toBe(401)
  })

  it("reset – should set a new password with the mailed code and sign out other sessions", async () => {
    const w = await world()
    const { browser: other } = await signUp(w, "ada@example.com")
    const browser = w.browser()
    await browser.config()
    const start = await browser.call("POST", "/reset", { body: { email: "ada@example.com" } })
    expect(start.statusCode).toBe(200)
    const { challengeId } = start.json<{ challengeId: string }>()
    const confirm = await browser.call("POST", "/reset/confirm", {
      body: {
        challengeId,
        code: await w.lastCode("ada@example.com"),
        password: "a brand new secret",
      },
    })
    expect(browser.keep(confirm).account.email).toBe("ada@example.com")
    expect(cookieOf(confirm, "kommies_refresh")?.httpOnly).toBe(true)
    expect((await login(w.browser(), "ada@example.com")).statusCode).toBe(401)
    const fresh = w.browser()
    await fresh.config()
    expect((await login(fresh, "ada@example.com", "a brand new secret")).statusCode).toBe(200)
    expect((await other.call("POST", "/refresh")).statusCode).toBe(401)
  })

  it("reset – should answer the same for an unknown address and mail nothing", async () => {
    const w = await world()
    const browser = w.browser()
    await browser.config()
    const res = await browser.call("POST", "/reset", { body: { email: "nobody@example.com" } })
    expect(res.statusCode).toBe(200)
    expect(res.json<{ challengeId: string }>().challengeId).toMatch(/.{10,}/)
    expect(await w.mails("nobody@example.com")).toHaveLength(0)
  })
})

describe("dashboard API: CSRF and origin", () => {
  it("csrf – should refuse /refresh and /logout without the X-CSRF-Token header", async () => {
    const w = await world()
    const { browser } = await signUp(w, "ada@example.com")
    for (const path of ["/refresh", "/logout"]) {
      const res = await browser.call("POST", path, { csrf: false })
      expect(res.statusCode).toBe(403)
      expect(problemOf(res).code).toBe("csrf_failed")
    }
    expect(browser.keep(await browser.call("POST", "/refresh")).accessToken).toBeTruthy()
  })

  it("csrf – should refuse a token that does not match the cookie, or no cookie", async () => {
    const w = await world()
    const { browser } = await signUp(w, "ada@example.com")
    const token = String(browser.cookies.get("kommies_csrf"))
    const wrong = `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`
    const res = await browser.call("POST", "/refresh", {
      csrf: false,
      headers: { "x-csrf-token": wrong },
    })
    expect(res.statusCode).toBe(403)
    expect(problemOf(res).code).toBe("csrf_failed")
    browser.cookies.delete("kommies_csrf")
    const noCookie = await browser.call("POST", "/refresh", { headers: { "x-csrf-token": token } })
    expect(problemOf(noCookie).code).toBe("csrf_failed")
  })

  it("origin – should refuse writes from a foreign origin, and writes with no origin at all", async () => {
    const w = await world()
    const { browser } = await signUp(w, "ada@example.com")
    const evil = w.browser("https://evil.example")
    for (const [k, v] of browser.cookies) evil.cookies.set(k, v)
    const res = await evil.call("POST", "/refresh")
    expect(res.statusCode).toBe(403)
    expect(problemOf(res).code).toBe("csrf_failed")
    const login = await evil.call("POST", "/login", {
      body: { email: "ada@example.com", password: PASSWORD },
    })
    expect(problemOf(login).code).toBe("csrf_failed")
    const bare = await browser.call("POST", "/refresh", { origin: false })
    expect(problemOf(bare).code).toBe("csrf_failed")
    const referer = await browser.call("POST", "/refresh", {
      origin: false,
      headers: { referer: `${PUBLIC_URL}/dashboard/#/sites` },
    })
    expect(referer.statusCode).toBe(200)
    const foreignReferer = await browser.call("POST", "/refresh", {
      origin: false,
      headers: { referer: "https://comments.example.evil.example/dashboard/" },
    })
    expect(problemOf(foreignReferer).code).toBe("csrf_failed")
  })
})

/** `limit` tries a minute from one address; 50 for one account, so only the address limits. */
const perAddress = (limit: number) => ({
  perAddress: { limit, windowMs: 60_000 },
  perSubject: { limit: 50, windowMs: 60_000 },
})

describe("dashboard API: rate limits", () => {
  it("login – should answer 429 with Retry-After once an address spends its budget", async () => {
    const w = await world({
      plugin: {
        rateLimits: {
          signup: perAddress(50),
          verify: perAddress(50),
          resend: perAddress(50),
          reset: perAddress(2),
          login: perAddress(3),
        },
      },
    })
    await signUp(w, "ada@example.com")
    const browser = w.browser()
    await browser.config()
    const tries = []
    for (let i = 0; i < 4; i++)
      tries.push(
        await browser.call("POST", "/login", {
          body: { email: `x${i}@example.com`, password: "nope-nope" },
        }),
      )
    expect(tries.map((r) => r.statusCode)).toEqual([401, 401, 401, 429])
    const limited = tries[3]!
    expect(problemOf(limited).code).toBe("rate_limited")
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0)
    // Even the right password waits; another address does not.
    const right = await browser.call("POST", "/login", {
      body: { email: "ada@example.com", password: PASSWORD },
    })
    expect(right.statusCode).toBe(429)
    const elsewhere = await browser.call("POST", "/login", {
      body: { email: "ada@example.com", password: PASSWORD },
      remoteAddress: "203.0.113.9",
    })
    expect(elsewhere.statusCode).toBe(200)
  })

  it("login – should limit one account's attempts across addresses", async () => {
    const w = await world()
    await signUp(w, "ada@example.com")
    const browser = w.browser()
    await browser.config()
    const codes = []
    for (let i = 0; i < 11; i++) {
      const res = await browser.call("POST", "/login", {
        body: { email: "ada@example.com", password: "wrong password" },
        remoteAddress: `198.51.100.${i + 1}`,
      })
      codes.push(res.statusCode)
    }
    expect(codes.slice(0, 10).every((c) => c === 401)).toBe(true)
    expect(codes[10]).toBe(429)
  })

  it("signup, verify and reset – should be limited too", async () => {
    const w = await world()
    const browser = w.browser()
    await browser.config()
    const statuses = async (path: string, body: (i: number) => unknown, n: number) => {
      const out = []
      for (let i = 0; i < n; i++)
        out.push((await browser.call("POST", path, { body: body(i) })).statusCode)
      return out
    }
    const signups = await statuses(
      "/signup",
      () => ({ email: "same@example.com", password: PASSWORD, name: "Same" }),
      6,
    )
    expect(signups.at(-1)).toBe(429)
    const resets = await statuses("/reset", () => ({ email: "same@example.com" }), 6)
    expect(resets.at(-1)).toBe(429)
    const verifies = await statuses(
      "/verify",
      () => ({ challengeId: "c".repeat(20), code: "123456" }),
      11,
    )
    expect(verifies.at(-1)).toBe(429)
  })
})

describe("dashboard API: bad input", () => {
  it("json – should answer malformed JSON with 400 json_invalid", async () => {
    const w = await world()
    const browser = w.browser()
    await browser.config()
    const res = await browser.call("POST", "/login", { raw: '{"email": "a@b.c",' })
    expect(res.statusCode).toBe(400)
    expect(problemOf(res).code).toBe("json_invalid")
  })

  it("types – should name the field of a wrong type and ignore unknown fields", async () => {
    const w = await world()
    const browser = w.browser()
    await browser.config()
    const res = await browser.call("POST", "/signup", {
      body: { email: "a@example.com", password: 12345678, name: "A" },
    })
    expect(res.statusCode).toBe(400)
    expect(problemOf(res)).toMatchObject({ code: "body_invalid", field: "password", status: 400 })
    const missing = await browser.call("POST", "/login", { body: { email: "a@example.com" } })
    expect(problemOf(missing)).toMatchObject({ code: "body_invalid", field: "password" })
    const notObject = await browser.call("POST", "/login", { body: [1, 2] })
    expect(problemOf(notObject).code).toBe("body_invalid")
    const none = await browser.call("POST", "/login")
    expect(problemOf(none).code).toBe("body_invalid")
    const extra = await browser.call("POST", "/signup", {
      body: { email: "a@example.com", password: PASSWORD, name: "A", admin: true },
    })
    expect(extra.statusCode).toBe(200)
  })

  it("rules – should answer the services' refusals with 400 and their code", async () => {
    const w = await world()
    const browser = w.browser()
    await browser.config()
    const email = await browser.call("POST", "/signup", {
      body: { email: "not-an-email", password: PASSWORD, name: "A" },
    })
    expect(email.statusCode).toBe(400)
    expect(problemOf(email).code).toBe("email_invalid")
    const short = await browser.call("POST", "/signup", {
      body: { email: "a@example.com", password: "short", name: "A" },
    })
    expect(problemOf(short)).toMatchObject({ status: 400, code: "password_too_short" })
  })

  it("media – should refuse other content types and oversized bodies", async () => {
    const w = await world()
    const browser = w.browser()
    await browser.config()
    const text = await browser.call("POST", "/login", {
      raw: "email=a",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    })
    expect(text.statusCode).toBe(415)
    expect(problemOf(text).code).toBe("media_type_unsupported")
    const big = await browser.call("POST", "/login", {
      body: { email: "a@example.com", password: "x".repeat(20_000) },
    })
    expect(big.statusCode).toBe(413)
    expect(problemOf(big).code).toBe("body_too_large")
  })

  it("routes – should answer unknown routes and missing sessions with problems", async () => {
    const w = await world()
    const browser = w.browser()
    const missing = await browser.call("GET", "/nope")
    expect(missing.statusCode).toBe(404)
    expect(problemOf(missing).code).toBe("not_found")
    const sites = await browser.call("GET", "/sites")
    expect(sites.statusCode).toBe(401)
    expect(problemOf(sites).code).toBe("sign_in_required")
    const bad = await browser.call("GET", "/sites", { headers: { authorization: "Bearer nope" } })
    expect(bad.statusCode).toBe(401)
    const basic = await browser.call("GET", "/sites", { headers: { authorization: "Basic abc" } })
    expect(problemOf(basic).code).toBe("authorization_invalid")
  })
})
