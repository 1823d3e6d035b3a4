/**
 * Commenter sign-in with OAuth 2.0 / OpenID Connect providers: the
 * authorization code flow with PKCE (S256), the code verifier kept inside
 * the signed, short-lived `state`.
 *
 * @since 0.1.0
 */
import { Effect } from "effect"
import type { OAuthProfile } from "../services/CommenterAuth.js"
import * as Problem from "./Problem.js"

/**
 * One OAuth/OIDC provider of `makeHandler({ oauth })`, keyed by its name in
 * `/auth/oauth/{provider}`.
 *
 * @since 0.1.0
 * @category models
 */
export interface OAuthProvider {
  readonly clientId: string
  readonly clientSecret: string
  readonly authorizationEndpoint: string
  readonly tokenEndpoint: string
  readonly userinfoEndpoint: string
  /** Default: `"openid profile email"`. */
  readonly scope?: string
  /** Maps the userinfo response to a profile. Default: {@link defaultProfile}. */
  readonly profile?: (userinfo: Record<string, unknown>) => OAuthProfile
}

const text = (value: unknown): string | null =>
  typeof value === "string" && value !== ""
    ? value
    : typeof value === "number"
      ? String(value)
      : null

/**
 * The profile of OIDC-style userinfo: `sub` (or `id`), `name` (or `login`,
 * `preferred_username`), `email`, `email_verified`, `picture` (or `avatar_url`).
 *
 * @since 0.1.0
 * @category constructors
 */
export const defaultProfile = (userinfo: Record<string, unknown>): OAuthProfile => {
  const email = text(userinfo.email)
  return {
    id: text(userinfo.sub) ?? text(userinfo.id) ?? "",
    name:
      text(userinfo.name) ??
      text(userinfo.login) ??
      text(userinfo.preferred_username) ??
      email?.split("@")[0] ??
      "Member",
    email,
    emailVerified: userinfo.email_verified === true,
    avatarUrl: text(userinfo.picture) ?? text(userinfo.avatar_url),
  }
}

/**
 * Base64url without padding.
 *
 * @since 0.1.0
 * @category encoding
 */
export const base64url = (bytes: Uint8Array): string => {
  let bin = ""
  for (const b of bytes) bin += String.fromCharCode(b)
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "")
}

/**
 * The PKCE S256 challenge of a code verifier.
 *
 * @since 0.1.0
 * @category encoding
 */
export const codeChallenge = (verifier: string): Effect.Effect<string> =>
  Effect.promise(async () =>
    base64url(
      new Uint8Array(
        await globalThis.crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier)),
      ),
    ),
  )

const providerError = (message: string) => Problem.make(502, "oauth_provider_error", message)

const fetchJson = (label: string, url: string, init: RequestInit) =>
  Effect.tryPromise({
    try: async (signal) => {
      const response = await fetch(url, {
        ...init,
        signal: AbortSignal.any([signal, AbortSignal.timeout(10_000)]),
      })
      const body: unknown = await response.json().catch(() => null)
      return { ok: response.ok, status: response.status, body }
    },
    catch: (e) => providerError(`The provider's ${label} could not be reached: ${String(e)}`),
  }).pipe(
    Effect.flatMap(({ ok, status, body }) =>
      ok && typeof body === "object" && body !== null && !Array.isArray(body)
        ? Effect.succeed(body as Record<string, unknown>)
        : Effect.fail(providerError(`The provider's ${label} answered ${status}`)),
    ),
  )

/**
 * Exchanges the authorization code for an access token and reads the user's
 * profile; any failure of the provider is 502 `oauth_provider_error`.
 *
 * @since 0.1.0
 * @category flows
 */
export const exchange = (
  provider: OAuthProvider,
  input: { readonly code: string; readonly redirectUri: string; readonly codeVerifier: string },
): Effect.Effect<OAuthProfile, Problem.Problem> =>
  Effect.gen(function* () {
    const token = yield* fetchJson("token endpoint", provider.tokenEndpoint, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        accept: "application/json",
      },
      body: new URLSearchParams({
        grant_type: "authorization_code",
        code: input.code,
        redirect_uri: input.redirectUri,
        client_id: provider.clientId,
        client_secret: provider.clientSecret,
        code_verifier: input.codeVerifier,
      }).toString(),
    })
    const accessToken = text(token.access_token)
    if (accessToken === null)
      return yield* Effect.fail(providerError("The provider's token endpoint gave no access token"))
    const userinfo = yield* fetchJson("userinfo endpoint", provider.userinfoEndpoint, {
      headers: { authorization: `Bearer ${accessToken}`, accept: "application/json" },
    })
    const profile = yield* Effect.try({
      try: () => (provider.profile ?? defaultProfile)(userinfo),
      catch: (e) => providerError(`The provider's profile could not be read: ${String(e)}`),
    })
    if (typeof profile.id !== "string" || profile.id === "")
      return yield* Effect.fail(providerError("The provider's profile has no user id"))
    return profile
  })

/**
 * Whether `returnTo` is an absolute http(s) URL on one of the site's allowed
 * origins, named explicitly (a `*` entry does not count: the session travels
 * in the URL).
 *
 * @since 0.1.0
 * @category rules
 */
export const returnToAllowed = (
  returnTo: string,
  allowedOrigins: ReadonlyArray<string>,
): boolean => {
  if (!URL.canParse(returnTo)) return false
  const url = new URL(returnTo)
  return (
    (url.protocol === "https:" || url.protocol === "http:") &&
    url.username === "" &&
    url.password === "" &&
    allowedOrigins.includes(url.origin)
  )
}

/**
 * `returnTo` with the session in its fragment: `#kommies_session=<base64url JSON>`.
 *
 * @since 0.1.0
 * @category encoding
 */
export const withSession = (returnTo: string, session: unknown): string => {
  const url = new URL(returnTo)
  url.hash = `kommies_session=${base64url(new TextEncoder().encode(JSON.stringify(session)))}`
  return url.toString()
}
