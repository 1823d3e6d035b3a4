/**
 * Verifying host-signed SSO tokens, and reading their claims leniently: hosts name
 * things differently (`name`, `preferred_username`, `picture`, `avatar_url`, …), and a
 * claim of an unexpected shape becomes null rather than an error.
 */
import { Clock, Effect } from "effect"
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors,
  type JSONWebKeySet,
  type JWTPayload,
  jwtVerify,
} from "jose"
import { type InvalidInput, invalid, type Unauthorized } from "../Errors.js"
import type { SsoIdentity, SsoKey, SsoOptions } from "../services/Tokens.js"
import { invalidToken, toUnauthorized } from "./jwtErrors.js"
import { MIN_SECRET_BYTES, secretBytes } from "./jwtKeys.js"

const SSO_ALGS = ["RS256", "ES256", "EdDSA", "Ed25519"]
const MAX_TOKEN_LENGTH = 8192
const REMOTE_JWKS_CACHE = 256

const firstString = (payload: JWTPayload, names: ReadonlyArray<string>): string | null => {
  for (const name of names) {
    const value = payload[name]
    if (typeof value === "string" && value.trim().length > 0) return value.trim()
  }
  return null
}

/** The subject as a string: `sub` is a string by RFC 7519, but some hosts send numbers. */
const subjectOf = (payload: JWTPayload): string | null => {
  const raw: unknown = payload.sub
  const sub = typeof raw === "number" && Number.isSafeInteger(raw) ? String(raw) : raw
  return typeof sub === "string" && sub.length > 0 && sub.length <= 255 ? sub : null
}

const emailOf = (payload: JWTPayload): string | null => {
  const email = firstString(payload, ["email"])?.toLowerCase() ?? null
  return email !== null && email.length <= 254 && /^[^\s@]+@[^\s@]+$/.test(email) ? email : null
}

/** Only http(s) avatars: a `javascript:` URL in an `<img src>` is somebody's XSS. */
const avatarOf = (payload: JWTPayload): string | null => {
  const value = firstString(payload, ["avatar", "picture", "avatar_url", "image"])
  if (value === null || value.length > 2048) return null
  try {
    const url = new URL(value)
    return url.protocol === "https:" || url.protocol === "http:" ? url.href : null
  } catch {
    return null
  }
}

/** The host's user from a verified payload, or null without a usable `sub`. */
export const identityOf = (payload: JWTPayload): SsoIdentity | null => {
  const externalId = subjectOf(payload)
  if (externalId === null) return null
  return {
    externalId,
    name: firstString(payload, ["name", "preferred_username", "nickname", "username"]),
    email: emailOf(payload),
    emailVerified: payload.email_verified === true,
    avatar: avatarOf(payload),
  }
}

const list = (v: string | ReadonlyArray<string>): string | Array<string> =>
  typeof v === "string" ? v : [...v]

/**
 * A verifier that keeps one remote key set per JWKS URL (jose caches and refreshes the
 * keys inside it) and one local key set per JWKS object.
 */
export const makeSsoVerifier = (defaults: {
  readonly clockTolerance: number
  readonly maxAge: number
  readonly toSeconds: (d: NonNullable<SsoOptions["maxAge"]>) => number
}) => {
  const remoteSets = new Map<string, ReturnType<typeof createRemoteJWKSet>>()
  const localSets = new WeakMap<JSONWebKeySet, ReturnType<typeof createLocalJWKSet>>()
  const remoteSet = (url: string | URL) => {
    const href = new URL(url).href
    let set = remoteSets.get(href)
    if (set === undefined) {
      set = createRemoteJWKSet(new URL(href))
      if (remoteSets.size >= REMOTE_JWKS_CACHE) {
        const oldest = remoteSets.keys().next().value
        if (oldest !== undefined) remoteSets.delete(oldest)
      }
      remoteSets.set(href, set)
    }
    return set
  }
  const localSet = (jwks: JSONWebKeySet) => {
    let set = localSets.get(jwks)
    if (set === undefined) {
      set = createLocalJWKSet(jwks)
      localSets.set(jwks, set)
    }
    return set
  }
  const resolverOf = (key: SsoKey) => {
    if ("jwks" in key) return localSet(key.jwks)
    if ("jwksUrl" in key) return remoteSet(key.jwksUrl)
    throw new errors.JWKSNoMatchingKey()
  }

  return (
    token: string,
    key: SsoKey,
    options: SsoOptions = {},
  ): Effect.Effect<SsoIdentity, Unauthorized | InvalidInput> =>
    Effect.gen(function* () {
      if (token.length === 0 || token.length > MAX_TOKEN_LENGTH) return yield* invalidToken()
      const now = yield* Clock.currentTimeMillis
      const remote = "jwksUrl" in key
      let secret: Uint8Array | null = null
      if ("secret" in key) {
        secret = secretBytes(key.secret)
        if (secret.length < MIN_SECRET_BYTES) {
          return yield* invalid(
            "sso_secret_too_short",
            `The SSO secret must be at least ${MIN_SECRET_BYTES} bytes`,
          )
        }
      }
      const verifyOptions = {
        algorithms: secret === null ? SSO_ALGS : ["HS256"],
        currentDate: new Date(now),
        clockTolerance: defaults.clockTolerance,
        maxTokenAge:
          options.maxAge === undefined ? defaults.maxAge : defaults.toSeconds(options.maxAge),
        requiredClaims: ["sub", "iat"],
        ...(options.audience === undefined ? {} : { audience: list(options.audience) }),
        ...(options.issuer === undefined ? {} : { issuer: list(options.issuer) }),
      }
      const { payload } = yield* Effect.tryPromise({
        try: () =>
          secret !== null
            ? jwtVerify(token, secret, verifyOptions)
            : jwtVerify(token, resolverOf(key), verifyOptions),
        catch: (e) => toUnauthorized(e, remote),
      })
      const identity = identityOf(payload)
      return identity === null ? yield* invalidToken() : identity
    })
}
