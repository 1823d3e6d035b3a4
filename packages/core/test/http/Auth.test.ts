import { SignJWT } from "jose"
import { afterEach, describe, expect, it } from "vitest"
import { type Harness, harness } from "./support.js"

const ssoSecret = "host-sso-secret-host-sso-secret-0123456789"
const codeOf = (text: string) => /\b(\d{6})\b/.exec(text)?.[1] ?? ""

let h: Harness
afterEach(async () => {
  await h.close()
})

describe("HTTP sign-in", () => {
  it("guest – should sign in a guest, and refuse when the site takes no guests", async () => {
    h = await harness()
    const signed = await h.call("POST", "/auth/guest", {
      body: { displayName: "Ann", email: "ann@example.com" },
    })
    expect(signed.status).toBe(200)
    expect(signed.body.commenter).toMatchObject({ displayName: "Ann", role: "user" })
    const me = await h.call("GET", "/auth/me", { token: signed.body.accessToken })
    expect(me.body).toMatchObject({
      displayName: "Ann",
      email: "ann@example.com",
      origin: "guest",
      ban: null,
    })
    expect((await h.call("GET", "/auth/me")).status).toBe(401)
    await h.call("PATCH", "/site/settings", { token: h.secretKey, body: { guestComments: false } })
    const refused = await h.call("POST", "/auth/guest", { body: { displayName: "Bob" } })
    expect(refused.status).toBe(403)
    expect(refused.body.code).toBe("guests_disabled")
  })

  it("register – should register, verify the emailed code, log in, refresh, log out", async () => {
    h = await harness()
    const email = "cat@example.com"
    const registered = await h.call("POST", "/auth/register", {
      body: { email, displayName: "Cat", password: "correct horse battery" },
    })
    expect(registered.status).toBe(202)
    const early = await h.call("POST", "/auth/login", {
      body: { email, password: "correct horse battery" },
    })
    expect(early.body.code).toBe("email_unverified")
    const [mail] = await h.outbox(email)
    const wrong = await h.call("POST", "/auth/verify", {
      body: {
        challengeId: registered.body.challengeId,
        code: "000000" === codeOf(mail!.subject) ? "111111" : "000000",
      },
    })
    expect(wrong.body.code).toBe("code_invalid")
    const verified = await h.call("POST", "/auth/verify", {
      body: { challengeId: registered.body.challengeId, code: codeOf(mail!.subject) },
    })
    expect(verified.status).toBe(200)
    expect(verified.body.commenter.displayName).toBe("Cat")

    const badLogin = await h.call("POST", "/auth/login", {
      body: { email, password: "wrong password" },
    })
    expect(badLogin.status).toBe(401)
    expect(badLogin.body.code).toBe("credentials_invalid")
    const login = await h.call("POST", "/auth/login", {
      body: { email, password: "correct horse battery" },
    })
    expect(login.status).toBe(200)

    const refreshed = await h.call("POST", "/auth/refresh", {
      body: { refreshToken: login.body.refreshToken },
      // An expired or bad access token must not stop a refresh.
      token: "expired.access.token",
    })
    expect(refreshed.status).toBe(200)
    expect(refreshed.body.refreshToken).not.toBe(login.body.refreshToken)
    const reused = await h.call("POST", "/auth/refresh", {
      body: { refreshToken: login.body.refreshToken },
    })
    expect(reused.status).toBe(401)

    const out = await h.call("POST", "/auth/logout", {
      body: { refreshToken: verified.body.refreshToken },
    })
    expect(out.status).toBe(204)
    const after = await h.call("POST", "/auth/refresh", {
      body: { refreshToken: verified.body.refreshToken },
    })
    expect(after.status).toBe(401)
  })

  it("resend – should answer alike for known and unknown emails", async () => {
    h = await harness()
    await h.call("POST", "/auth/register", {
      body: { email: "dan@example.com", displayName: "Dan", password: "long enough password" },
    })
    const known = await h.call("POST", "/auth/resend", { body: { email: "dan@example.com" } })
    const unknown = await h.call("POST", "/auth/resend", { body: { email: "nobody@example.com" } })
    expect(known.status).toBe(202)
    expect(unknown.status).toBe(202)
    expect(typeof unknown.body.challengeId).toBe("string")
    expect(unknown.body.challengeId.length).toBe(known.body.challengeId.length)
    expect(await h.outbox("dan@example.com")).toHaveLength(2)
    expect(await h.outbox("nobody@example.com")).toHaveLength(0)
  })

  it("sso – should exchange a host-signed token for a session, and 404 when not configured", async () => {
    h = await harness({ handler: { sso: { secret: ssoSecret } } })
    const token = await new SignJWT({
      name: "Host User",
      email: "user@host.example",
      email_verified: true,
    })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("host-42")
      .setIssuedAt()
      .sign(new TextEncoder().encode(ssoSecret))
    const signed = await h.call("POST", "/auth/sso", { body: { token } })
    expect(signed.status).toBe(200)
    expect(signed.body.commenter.displayName).toBe("Host User")
    const again = await h.call("POST", "/auth/sso", { body: { token } })
    expect(again.body.commenter.id).toBe(signed.body.commenter.id)
    const forged = await h.call("POST", "/auth/sso", {
      body: { token: `${token.slice(0, -4)}AAAA` },
    })
    expect(forged.status).toBe(401)
    await h.close()

    h = await harness()
    const disabled = await h.call("POST", "/auth/sso", { body: { token } })
    expect(disabled.status).toBe(404)
    expect(disabled.body.code).toBe("sso_disabled")
  })

  it("identify – should let the host's signed-in user comment as themself; a token wins", async () => {
    h = await harness()
    const identity = { id: "user-7", name: "Hosted Hana" }
    const posted = await h.call("POST", "/threads/t/comments", {
      body: { body: "via the host" },
      context: { identity },
    })
    expect(posted.status).toBe(201)
    expect(posted.body.author.displayName).toBe("Hosted Hana")
    const me = await h.call("GET", "/auth/me", { context: { identity } })
    expect(me.body).toMatchObject({ displayName: "Hosted Hana", origin: "sso" })
    const ann = await h.member("Ann")
    const withToken = await h.call("GET", "/auth/me", { token: ann.token, context: { identity } })
    expect(withToken.body.displayName).toBe("Ann")
    const noIdentity = await h.call("GET", "/auth/me", { context: { identity: null } })
    expect(noIdentity.status).toBe(401)
  })
})
