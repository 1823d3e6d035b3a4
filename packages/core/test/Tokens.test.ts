import { describe, expect, it } from "@effect/vitest"
import { Config, ConfigProvider, Effect, Either, Layer, Redacted, TestClock } from "effect"
import {
  createLocalJWKSet,
  exportJWK,
  exportPKCS8,
  exportSPKI,
  generateKeyPair,
  type JWK,
  jwtVerify,
  SignJWT,
} from "jose"
import type { AccountId, CommenterId, SiteId } from "../src/Ids.js"
import * as Tokens from "../src/services/Tokens.js"

const SECRET = "0123456789abcdef0123456789abcdef-test-secret"
const NOW = Date.UTC(2025, 0, 1)
const site = "site-1" as SiteId
const otherSite = "site-2" as SiteId
const commenter = {
  commenterId: "c-1" as CommenterId,
  siteId: site,
  role: "user" as const,
  name: "Ada",
}

const start = TestClock.setTime(NOW)
const codeOf = <A, E extends { readonly _tag: string }>(effect: Effect.Effect<A, E>) =>
  Effect.map(Effect.flip(effect), (e) => ("code" in e ? String(e.code) : e._tag))

const pkcs8 = (alg: "RS256" | "EdDSA") =>
  Effect.promise(async () => {
    const { privateKey } = await generateKeyPair(alg, { extractable: true })
    return exportPKCS8(privateKey)
  })

const privateJwk = (alg: "RS256" | "EdDSA" | "ES256") =>
  Effect.promise(async () => {
    const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true })
    return { privateJwk: await exportJWK(privateKey), publicJwk: await exportJWK(publicKey) }
  })

describe("Tokens", () => {
  it.effect("HS256 – should round-trip a commenter token for its site", () =>
    Effect.gen(function* () {
      yield* start
      const tokens = yield* Tokens.make({ secret: SECRET })
      const signed = yield* tokens.signCommenter(commenter)
      expect(signed.expiresAt).toBe(NOW + 15 * 60_000)
      const claims = yield* tokens.verifyCommenter(signed.token, site)
      expect(claims).toEqual({ ...commenter, issuedAt: NOW, expiresAt: NOW + 15 * 60_000 })
      expect(tokens.jwks()).toEqual({ keys: [] })
    }),
  )

  it.effect("verifyCommenter – should fail token_audience for another site", () =>
    Effect.gen(function* () {
      yield* start
      const tokens = yield* Tokens.make({ secret: SECRET })
      const { token } = yield* tokens.signCommenter(commenter)
      expect(yield* codeOf(tokens.verifyCommenter(token, otherSite))).toBe("token_audience")
    }),
  )

  it.effect("verifyCommenter – should fail token_expired after the TTL", () =>
    Effect.gen(function* () {
      yield* start
      const tokens = yield* Tokens.make({ secret: SECRET, clockTolerance: 0 })
      const { token } = yield* tokens.signCommenter(commenter)
      yield* TestClock.adjust("14 minutes")
      yield* tokens.verifyCommenter(token, site)
      yield* TestClock.adjust("2 minutes")
      expect(yield* codeOf(tokens.verifyCommenter(token, site))).toBe("token_expired")
    }),
  )

  it.effect("verifyCommenter – should reject tampered, alg:none and foreign tokens", () =>
    Effect.gen(function* () {
      yield* start
      const tokens = yield* Tokens.make({ secret: SECRET })
      const { token } = yield* tokens.signCommenter(commenter)
      const [header, payload, signature] = token.split(".")
      const forged = Buffer.from(
        JSON.stringify({ sub: "c-1", role: "owner", name: "Ada" }),
      ).toString("base64url")
      expect(yield* codeOf(tokens.verifyCommenter(`${header}.${forged}.${signature}`, site))).toBe(
        "token_invalid",
      )
      const none = Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url")
      expect(yield* codeOf(tokens.verifyCommenter(`${none}.${payload}.`, site))).toBe(
        "token_invalid",
      )
      expect(yield* codeOf(tokens.verifyCommenter("not-a-jwt", site))).toBe("token_invalid")
      expect(yield* codeOf(tokens.verifyCommenter("", site))).toBe("token_invalid")
      const other = yield* Tokens.make({ secret: `${SECRET}-other` })
      expect(yield* codeOf(other.verifyCommenter(token, site))).toBe("token_invalid")
    }),
  )

  it.effect("account tokens – should round-trip and not pass as commenter tokens", () =>
    Effect.gen(function* () {
      yield* start
      const tokens = yield* Tokens.make({ secret: SECRET, issuer: "kommies-test" })
      const { token } = yield* tokens.signAccount("a-1" as AccountId)
      const claims = yield* tokens.verifyAccount(token)
      expect(claims.accountId).toBe("a-1")
      expect(
        yield* codeOf(tokens.verifyCommenter(token, Tokens.DASHBOARD_AUDIENCE as SiteId)),
      ).toBe("token_invalid")
      const commenterToken = (yield* tokens.signCommenter(commenter)).token
      expect(yield* codeOf(tokens.verifyAccount(commenterToken))).toBe("token_invalid")
      const otherIssuer = yield* Tokens.make({ secret: SECRET })
      expect(yield* codeOf(otherIssuer.verifyAccount(token))).toBe("token_issuer")
    }),
  )

  it.effect("config – should refuse a short secret, no key, or both keys", () =>
    Effect.gen(function* () {
      const short = yield* Effect.flip(Tokens.make({ secret: "too-short" }))
      expect(String(short)).toMatch(/at least 32 bytes/)
      const none = yield* Effect.flip(Tokens.make({}))
      expect(String(none)).toMatch(/exactly one/)
      const pem = yield* pkcs8("RS256")
      const both = yield* Effect.flip(
        Tokens.make({ secret: SECRET, signingKey: { alg: "RS256", privateKey: pem } }),
      )
      expect(String(both)).toMatch(/exactly one/)
      const wrongKind = yield* Effect.flip(
        Tokens.make({ signingKey: { alg: "EdDSA", privateKey: pem } }),
      )
      expect(String(wrongKind)).toMatch(/EdDSA/)
      // A PEM from an env file, on one line with literal \n escapes, still loads.
      yield* Tokens.make({ signingKey: { alg: "RS256", privateKey: pem.replace(/\n/g, "\\n") } })
    }),
  )

  it.effect("RS256 – should sign with a PKCS8 PEM and verify through the published JWKS", () =>
    Effect.gen(function* () {
      yield* start
      const pem = yield* pkcs8("RS256")
      const tokens = yield* Tokens.make({ signingKey: { alg: "RS256", privateKey: pem } })
      const { token } = yield* tokens.signCommenter(commenter)
      expect((yield* tokens.verifyCommenter(token, site)).commenterId).toBe("c-1")
      const jwks = tokens.jwks()
      expect(jwks.keys).toHaveLength(1)
      const [key] = jwks.keys
      expect(key).toMatchObject({ kty: "RSA", alg: "RS256", use: "sig" })
      expect(key?.d).toBeUndefined()
      expect(key?.kid).toBeTypeOf("string")
      const verified = yield* Effect.promise(() =>
        jwtVerify(token, createLocalJWKSet(jwks), {
          audience: site,
          issuer: "kommies",
          currentDate: new Date(NOW),
        }),
      )
      expect(verified.payload.sub).toBe("c-1")
      expect(verified.protectedHeader.kid).toBe(key?.kid)
    }),
  )

  it.effect("EdDSA – should sign with a private JWK and verify through the published JWKS", () =>
    Effect.gen(function* () {
      yield* start
      const { privateJwk: jwk } = yield* privateJwk("EdDSA")
      const tokens = yield* Tokens.make({
        signingKey: { alg: "EdDSA", privateKey: jwk, kid: "ed-1" },
      })
      const { token } = yield* tokens.signCommenter(commenter)
      expect((yield* tokens.verifyCommenter(token, site)).name).toBe("Ada")
      const jwks = tokens.jwks()
      expect(jwks.keys).toEqual([
        { kty: "OKP", crv: "Ed25519", x: jwk.x, kid: "ed-1", alg: "EdDSA", use: "sig" },
      ])
      const verified = yield* Effect.promise(() =>
        jwtVerify(token, createLocalJWKSet(jwks), { audience: site, currentDate: new Date(NOW) }),
      )
      expect(verified.payload.role).toBe("user")
    }),
  )

  it.effect("rotation – should verify tokens of previous keys by kid and publish them", () =>
    Effect.gen(function* () {
      yield* start
      const oldPem = yield* pkcs8("RS256")
      const { privateJwk: newJwk } = yield* privateJwk("EdDSA")
      const before = yield* Tokens.make({ signingKey: { alg: "RS256", privateKey: oldPem } })
      const oldToken = (yield* before.signCommenter(commenter)).token
      const [oldPublic] = before.jwks().keys
      const after = yield* Tokens.make({
        signingKey: { alg: "EdDSA", privateKey: newJwk },
        previousKeys: [
          { alg: "RS256", publicKey: oldPublic as JWK },
          { alg: "HS256", secret: SECRET },
        ],
      })
      const newToken = (yield* after.signCommenter(commenter)).token
      yield* after.verifyCommenter(oldToken, site)
      yield* after.verifyCommenter(newToken, site)
      const hsToken = (yield* (yield* Tokens.make({ secret: SECRET })).signCommenter(commenter))
        .token
      yield* after.verifyCommenter(hsToken, site)
      expect(after.jwks().keys.map((k) => k.alg)).toEqual(["EdDSA", "RS256"])
      expect(after.jwks().keys[1]?.kid).toBe(oldPublic?.kid)
      // Once the old key is dropped, its tokens stop verifying.
      const later = yield* Tokens.make({ signingKey: { alg: "EdDSA", privateKey: newJwk } })
      expect(yield* codeOf(later.verifyCommenter(oldToken, site))).toBe("token_invalid")
      yield* later.verifyCommenter(newToken, site)
    }),
  )

  it.effect("rotation – should accept a previous key given as an SPKI PEM", () =>
    Effect.gen(function* () {
      yield* start
      const { privateKey, publicKey } = yield* Effect.promise(() =>
        generateKeyPair("RS256", { extractable: true }),
      )
      const pem = yield* Effect.promise(() => exportPKCS8(privateKey))
      const spki = yield* Effect.promise(() => exportSPKI(publicKey))
      const before = yield* Tokens.make({ signingKey: { alg: "RS256", privateKey: pem } })
      const { token } = yield* before.signCommenter(commenter)
      const after = yield* Tokens.make({
        secret: SECRET,
        previousKeys: [{ alg: "RS256", publicKey: spki }],
      })
      yield* after.verifyCommenter(token, site)
    }),
  )

  it.effect("SSO – should verify an HS256 host token and read its claims", () =>
    Effect.gen(function* () {
      yield* start
      const tokens = yield* Tokens.make({ secret: SECRET, clockTolerance: 0 })
      const hostSecret = "host-shared-secret-host-shared-secret"
      const iat = NOW / 1000
      const token = yield* Effect.promise(() =>
        new SignJWT({
          name: "  Grace Hopper ",
          email: "Grace@Example.COM",
          email_verified: true,
          picture: "https://cdn.example.com/g.png",
        })
          .setProtectedHeader({ alg: "HS256" })
          .setSubject("user-42")
          .setIssuedAt(iat)
          .sign(new TextEncoder().encode(hostSecret)),
      )
      const identity = yield* tokens.verifySso(token, { secret: Redacted.make(hostSecret) })
      expect(identity).toEqual({
        externalId: "user-42",
        name: "Grace Hopper",
        email: "grace@example.com",
        emailVerified: true,
        avatar: "https://cdn.example.com/g.png",
      })
      expect(
        yield* codeOf(tokens.verifySso(token, { secret: "another-host-secret-of-enough-bytes!!" })),
      ).toBe("token_invalid")
      expect(yield* codeOf(tokens.verifySso(token, { secret: "short" }))).toBe(
        "sso_secret_too_short",
      )
      expect(
        yield* codeOf(tokens.verifySso(token, { secret: hostSecret }, { audience: site })),
      ).toBe("token_audience")
      yield* TestClock.adjust("11 minutes")
      expect(yield* codeOf(tokens.verifySso(token, { secret: hostSecret }))).toBe("token_expired")
      yield* tokens.verifySso(token, { secret: hostSecret }, { maxAge: "1 hour" })
    }),
  )

  it.effect("SSO – should verify an ES256 host token through a JWKS, and only with its key", () =>
    Effect.gen(function* () {
      yield* start
      const tokens = yield* Tokens.make({ secret: SECRET })
      const host = yield* privateJwk("ES256")
      const jwks = { keys: [{ ...host.publicJwk, kid: "host-1", alg: "ES256" }] }
      const sign = (jwk: JWK, claims: Record<string, unknown>) =>
        Effect.promise(() =>
          new SignJWT(claims)
            .setProtectedHeader({ alg: "ES256", kid: "host-1" })
            .setSubject("7")
            .setIssuedAt(NOW / 1000)
            .setIssuer("https://host.example")
            .setAudience("kommies")
            .sign(jwk),
        )
      const token = yield* sign(host.privateJwk, {
        username: "linus",
        avatar: "javascript:alert(1)",
        email: "not-an-email",
      })
      const identity = yield* tokens.verifySso(
        token,
        { jwks },
        { issuer: "https://host.example", audience: ["kommies", "other"] },
      )
      expect(identity).toEqual({
        externalId: "7",
        name: "linus",
        email: null,
        emailVerified: false,
        avatar: null,
      })
      expect(yield* codeOf(tokens.verifySso(token, { jwks }, { audience: "elsewhere" }))).toBe(
        "token_audience",
      )
      expect(yield* codeOf(tokens.verifySso(token, { jwks }, { issuer: "https://evil" }))).toBe(
        "token_issuer",
      )
      const stranger = yield* privateJwk("ES256")
      const forged = yield* sign(stranger.privateJwk, { name: "mallory" })
      expect(yield* codeOf(tokens.verifySso(forged, { jwks }))).toBe("token_invalid")
      // An HS256 token is never accepted against a JWKS (algorithm confusion).
      const hs = yield* Effect.promise(() =>
        new SignJWT({})
          .setProtectedHeader({ alg: "HS256", kid: "host-1" })
          .setSubject("7")
          .setIssuedAt(NOW / 1000)
          .sign(new TextEncoder().encode(SECRET)),
      )
      expect(yield* codeOf(tokens.verifySso(hs, { jwks }))).toBe("token_invalid")
    }),
  )

  it.effect("SSO – should fail sso_jwks_unavailable when the JWKS URL cannot be fetched", () =>
    Effect.gen(function* () {
      yield* start
      const tokens = yield* Tokens.make({ secret: SECRET })
      const host = yield* privateJwk("ES256")
      const token = yield* Effect.promise(() =>
        new SignJWT({})
          .setProtectedHeader({ alg: "ES256", kid: "k" })
          .setSubject("7")
          .setIssuedAt(NOW / 1000)
          .sign(host.privateJwk),
      )
      // Port 9 (discard) on loopback: nothing listens, the fetch is refused at once.
      const jwksUrl = "http://127.0.0.1:9/.well-known/jwks.json"
      expect(yield* codeOf(tokens.verifySso(token, { jwksUrl }))).toBe("sso_jwks_unavailable")
    }),
  )

  it.effect("verifyCommenter – should refuse a token whose kid is unknown", () =>
    Effect.gen(function* () {
      yield* start
      const a = yield* Tokens.make({ signingKey: { alg: "HS256", secret: SECRET, kid: "a" } })
      const b = yield* Tokens.make({ signingKey: { alg: "HS256", secret: SECRET, kid: "b" } })
      const { token } = yield* a.signCommenter(commenter)
      expect(yield* codeOf(b.verifyCommenter(token, site))).toBe("token_invalid")
      yield* a.verifyCommenter(token, site)
    }),
  )

  it.effect("layerConfig – should read KOMMIES_JWT_* through Config", () =>
    Effect.gen(function* () {
      yield* start
      const provider = (env: Record<string, string>) =>
        Layer.setConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(env))))
      const roundTrip = Effect.gen(function* () {
        const tokens = yield* Tokens.Tokens
        const { token } = yield* tokens.signCommenter(commenter)
        return yield* tokens.verifyCommenter(token, site)
      })
      const ok = yield* roundTrip.pipe(
        Effect.provide(
          Tokens.layerConfig(Tokens.fromEnv).pipe(
            Layer.provide(
              provider({
                KOMMIES_JWT_SECRET: SECRET,
                KOMMIES_JWT_PREVIOUS_SECRETS: `${SECRET}-1,${SECRET}-2`,
              }),
            ),
          ),
        ),
      )
      expect(ok.commenterId).toBe("c-1")
      const parts = yield* roundTrip.pipe(
        Effect.provide(
          Tokens.layerConfig({ secret: Config.redacted("JWT") }).pipe(
            Layer.provide(provider({ JWT: SECRET })),
          ),
        ),
      )
      expect(parts.role).toBe("user")
      const missing = yield* roundTrip.pipe(
        Effect.provide(Tokens.layerConfig(Tokens.fromEnv).pipe(Layer.provide(provider({})))),
        Effect.either,
      )
      expect(Either.isLeft(missing)).toBe(true)
    }),
  )
})
