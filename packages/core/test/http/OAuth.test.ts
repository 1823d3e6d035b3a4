import { createHash } from "node:crypto"
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest"
import type { OAuthProvider } from "../../src/http/OAuth.js"
import { type Harness, harness, origin, read } from "./support.js"

const b64url = (buf: Buffer) => buf.toString("base64url")

/** What the fake provider saw, and how it should behave. */
const fake = {
  tokenStatus: 200,
  forms: [] as Array<URLSearchParams>,
  challenges: new Map<string, string>(),
}
let server: Server
let base = ""

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1")
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" })
      res.end(JSON.stringify(body))
    }
    if (url.pathname === "/token" && req.method === "POST") {
      let raw = ""
      req.on("data", (chunk) => {
        raw += chunk
      })
      req.on("end", () => {
        const form = new URLSearchParams(raw)
        fake.forms.push(form)
        if (fake.tokenStatus !== 200) return send(fake.tokenStatus, { error: "server_error" })
        const verifier = form.get("code_verifier") ?? ""
        const challenge = b64url(createHash("sha256").update(verifier).digest())
        const ok =
          form.get("grant_type") === "authorization_code" &&
          form.get("client_id") === "client-1" &&
          form.get("client_secret") === "secret-1" &&
          form.get("code") === "the-code" &&
          fake.challenges.get("the-code") === challenge
        if (!ok) return send(400, { error: "invalid_grant" })
        return send(200, { access_token: "provider-access", token_type: "Bearer" })
      })
      return
    }
    if (url.pathname === "/userinfo") {
      if (req.headers.authorization !== "Bearer provider-access")
        return send(401, { error: "invalid_token" })
      return send(200, {
        sub: "user-42",
        name: "Olga Auth",
        email: "olga@example.com",
        email_verified: true,
        picture: "https://cdn.example/olga.png",
      })
    }
    send(404, { error: "not_found" })
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
})

const provider = (): OAuthProvider => ({
  clientId: "client-1",
  clientSecret: "secret-1",
  authorizationEndpoint: `${base}/authorize`,
  tokenEndpoint: `${base}/token`,
  userinfoEndpoint: `${base}/userinfo`,
})

let h: Harness
afterEach(async () => {
  fake.tokenStatus = 200
  fake.forms.length = 0
  fake.challenges.clear()
  await h.close()
})

const returnTo = `${origin}/post/1?x=1`

/** The verifier cookie each started sign-in left in "the browser", by its state. */
const cookies = new Map<string, string>()

/** Starts a sign-in and returns the provider's authorize URL. */
const start = async (path = "/auth/oauth/fake") => {
  const started = await h.handler(
    new Request(
      `http://api.test${path}?key=${h.site.publicKey}&returnTo=${encodeURIComponent(returnTo)}`,
    ),
  )
  expect(started.status).toBe(302)
  const authorize = new URL(started.headers.get("location") ?? "")
  const cookie = started.headers.get("set-cookie") ?? ""
  expect(cookie).toMatch(/^kommies_oauth=[A-Za-z0-9_-]+;/)
  expect(cookie).toContain("HttpOnly")
  expect(cookie).toContain("SameSite=Lax")
  expect(cookie).toContain(`Path=${path}`)
  cookies.set(authorize.searchParams.get("state") ?? "", cookie.split(";")[0] ?? "")
  return authorize
}

/** The provider sends the browser back with a code for this challenge. */
const callback = (
  authorize: URL,
  state = authorize.searchParams.get("state") ?? "",
  cookie = cookies.get(authorize.searchParams.get("state") ?? "") ?? "",
) => {
  fake.challenges.set("the-code", authorize.searchParams.get("code_challenge") ?? "")
  return h.handler(
    new Request(
      `http://api.test/auth/oauth/fake/callback?code=the-code&state=${encodeURIComponent(state)}`,
      { headers: cookie === "" ? {} : { cookie } },
    ),
  )
}

describe("HTTP OAuth sign-in", () => {
  it("should redirect to the provider with PKCE, then back with a session in the fragment", async () => {
    h = await harness({ handler: { oauth: { fake: provider() } } })
    const authorize = await start()
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${base}/authorize`)
    const params = Object.fromEntries(authorize.searchParams)
    expect(params).toMatchObject({
      response_type: "code",
      client_id: "client-1",
      redirect_uri: "http://api.test/auth/oauth/fake/callback",
      scope: "openid profile email",
      code_challenge_method: "S256",
    })
    expect(params.code_challenge).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(params.state?.length).toBeGreaterThan(20)

    const back = await callback(authorize)
    expect(back.status).toBe(302)
    expect(back.headers.get("cache-control")).toBe("no-store")
    const location = new URL(back.headers.get("location") ?? "")
    expect(`${location.origin}${location.pathname}${location.search}`).toBe(returnTo)
    expect(location.search).not.toContain("kommies_session")
    expect(fake.forms[0]?.get("redirect_uri")).toBe("http://api.test/auth/oauth/fake/callback")
    const fragment = new URLSearchParams(location.hash.slice(1)).get("kommies_session") ?? ""
    const session = JSON.parse(Buffer.from(fragment, "base64url").toString("utf8"))
    expect(session.commenter).toMatchObject({ displayName: "Olga Auth" })
    expect(typeof session.refreshToken).toBe("string")

    const me = await h.call("GET", "/auth/me", { token: session.accessToken })
    expect(me.status).toBe(200)
    expect(me.body).toMatchObject({
      displayName: "Olga Auth",
      email: "olga@example.com",
      emailVerified: true,
      origin: "oauth:fake",
    })

    // Signing in again finds the same commenter.
    const again = await callback(await start())
    const second = new URL(again.headers.get("location") ?? "").hash
    const session2 = JSON.parse(
      Buffer.from(
        new URLSearchParams(second.slice(1)).get("kommies_session") ?? "",
        "base64url",
      ).toString("utf8"),
    )
    expect(session2.commenter.id).toBe(session.commenter.id)
  })

  it("should refuse a tampered state, another provider's state, a missing one, and another browser", async () => {
    h = await harness({ handler: { oauth: { fake: provider(), other: provider() } } })
    const authorize = await start()
    const state = authorize.searchParams.get("state") ?? ""
    const [head, body, sig] = state.split(".")
    const claims = JSON.parse(Buffer.from(body ?? "", "base64url").toString("utf8"))
    const forged = b64url(
      Buffer.from(JSON.stringify({ ...claims, returnTo: "https://evil.example/" })),
    )
    const tampered = await read(await callback(authorize, `${head}.${forged}.${sig}`))
    expect(tampered.status).toBe(400)
    expect(tampered.headers.get("content-type")).toContain("application/problem+json")
    expect(tampered.body.code).toBe("oauth_state_invalid")
    expect((await read(await callback(authorize, "nope"))).body.code).toBe("oauth_state_invalid")

    const otherStart = await start("/auth/oauth/other")
    const crossed = await read(
      await callback(authorize, otherStart.searchParams.get("state") ?? ""),
    )
    expect(crossed.status).toBe(400)
    expect(crossed.body.code).toBe("oauth_state_invalid")
    // A valid state finished in another browser (no verifier cookie): login CSRF refused.
    const elsewhere = await read(await callback(authorize, undefined, "kommies_oauth=someone-else"))
    expect(elsewhere.body.code).toBe("oauth_state_invalid")
    expect((await read(await callback(authorize, undefined, ""))).body.code).toBe(
      "oauth_state_invalid",
    )
    expect(fake.forms).toHaveLength(0)
  })

  it("should answer 404 for an unknown provider and 400 for a returnTo off the site", async () => {
    h = await harness({ handler: { oauth: { fake: provider() } } })
    const unknown = await h.call("GET", `/auth/oauth/nope?returnTo=${encodeURIComponent(returnTo)}`)
    expect(unknown.status).toBe(404)
    expect(unknown.body.code).toBe("oauth_provider_unknown")
    const unknownCallback = await h.call("GET", "/auth/oauth/nope/callback?code=x&state=y")
    expect(unknownCallback.body.code).toBe("oauth_provider_unknown")
    for (const bad of ["https://evil.example/", "/relative", "javascript:alert(1)", "notaurl"]) {
      const refused = await h.call("GET", `/auth/oauth/fake?returnTo=${encodeURIComponent(bad)}`)
      expect(refused.status).toBe(400)
      expect(refused.body.code).toBe("return_to_invalid")
    }
  })

  it("should answer 502 when the provider's token endpoint fails", async () => {
    h = await harness({ handler: { oauth: { fake: provider() } } })
    fake.tokenStatus = 500
    const failed = await read(await callback(await start()))
    expect(failed.status).toBe(502)
    expect(failed.headers.get("content-type")).toContain("application/problem+json")
    expect(failed.body.code).toBe("oauth_provider_error")
  })
})
