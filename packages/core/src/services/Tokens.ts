/**
 * Signed tokens with jose: short-lived commenter access tokens (audience = the site),
 * dashboard account tokens, and the host-signed SSO tokens exchanged at `/auth/sso`.
 *
 * HS256 with a shared secret by default; RS256 or EdDSA with a published JWKS when a
 * private key is configured. Several keys may verify (rotation); one signs.
 *
 * @since 0.1.0
 */
import {
  Clock,
  Config,
  ConfigError,
  Context,
  Duration,
  Effect,
  Layer,
  type Redacted,
  Schema,
} from "effect"
import { errors, type JSONWebKeySet, type JWK, type JWTPayload, jwtVerify, SignJWT } from "jose"
import { Role } from "../domain/Role.js"
import { type InvalidInput, Unauthorized } from "../Errors.js"
import { AccountId, CommenterId, SiteId } from "../Ids.js"
import { KeyConfigError, type LoadedKey, loadKey } from "../internal/jwtKeys.js"
import { invalidToken, toUnauthorized } from "../internal/jwtErrors.js"
import { makeSsoVerifier } from "../internal/sso.js"
import { envConfig } from "../internal/tokensEnv.js"

/** A secret as text, bytes, or an Effect `Redacted` string. @since 0.1.0 @category models */
export type SecretInput = string | Uint8Array | Redacted.Redacted<string>

/**
 * One key: an HS256 shared secret (at least 32 bytes), an RS256/EdDSA private key
 * (PKCS8 PEM or private JWK) that can sign, or a public key (SPKI PEM or JWK) kept only
 * to verify tokens signed before a rotation. `kid` defaults to the JWK thumbprint.
 *
 * @since 0.1.0
 * @category models
 */
export type KeyInput =
  | { readonly alg: "HS256"; readonly secret: SecretInput; readonly kid?: string }
  | {
      readonly alg: "RS256" | "EdDSA"
      readonly privateKey: SecretInput | JWK
      readonly kid?: string
    }
  | { readonly alg: "RS256" | "EdDSA"; readonly publicKey: string | JWK; readonly kid?: string }

/** Keys, issuer and lifetimes of the Tokens service. @since 0.1.0 @category models */
export interface TokensConfig {
  /** Shorthand for `signingKey: { alg: "HS256", secret }`. Set this or `signingKey`. */
  readonly secret?: SecretInput
  /** The key that signs new tokens. */
  readonly signingKey?: KeyInput
  /** Keys that still verify tokens signed before a rotation. */
  readonly previousKeys?: ReadonlyArray<KeyInput>
  /** `iss` of every token Kommies signs. Default `"kommies"`. */
  readonly issuer?: string
  /** Commenter access token lifetime. Default 15 minutes. */
  readonly accessTokenTtl?: Duration.DurationInput
  /** Dashboard account token lifetime. Default 15 minutes. */
  readonly accountTokenTtl?: Duration.DurationInput
  /** Default maximum age (from `iat`) of a host SSO token. Default 10 minutes. */
  readonly ssoMaxAge?: Duration.DurationInput
  /** Allowed clock skew when checking `exp`, `nbf` and `iat`. Default 30 seconds. */
  readonly clockTolerance?: Duration.DurationInput
}

/** A signed token and when it expires (epoch ms). @since 0.1.0 @category models */
export interface SignedToken {
  readonly token: string
  readonly expiresAt: number
}

/** What a commenter access token says. @since 0.1.0 @category models */
export interface CommenterTokenInput {
  readonly commenterId: CommenterId
  readonly siteId: SiteId
  readonly role: Role
  readonly name: string
}

/** A verified commenter access token. Times are epoch ms. @since 0.1.0 @category models */
export interface CommenterClaims extends CommenterTokenInput {
  readonly issuedAt: number
  readonly expiresAt: number
}

/** A verified dashboard account token. Times are epoch ms. @since 0.1.0 @category models */
export interface AccountClaims {
  readonly accountId: AccountId
  readonly issuedAt: number
  readonly expiresAt: number
}

/**
 * How a host signs its SSO tokens: a shared secret (HS256), a JWKS URL, or a JWKS
 * given inline (RS256, ES256 or EdDSA).
 *
 * @since 0.1.0
 * @category models
 */
export type SsoKey =
  | { readonly secret: SecretInput }
  | { readonly jwksUrl: string | URL }
  | { readonly jwks: JSONWebKeySet }

/** Extra checks for a host SSO token. @since 0.1.0 @category models */
export interface SsoOptions {
  /** Required `aud`, when the host sets one. */
  readonly audience?: string | ReadonlyArray<string>
  /** Required `iss`, when the host sets one. */
  readonly issuer?: string | ReadonlyArray<string>
  /** Maximum age from `iat`; defaults to the service's `ssoMaxAge`. */
  readonly maxAge?: Duration.DurationInput
}

/**
 * The host's user, read from `sub`, `name` (or `preferred_username`, `nickname`,
 * `username`), `email`, `email_verified` and `avatar` (or `picture`, `avatar_url`,
 * `image`). The email counts as verified only when the host says `email_verified: true`.
 *
 * @since 0.1.0
 * @category models
 */
export interface SsoIdentity {
  readonly externalId: string
  readonly name: string | null
  readonly email: string | null
  readonly emailVerified: boolean
  readonly avatar: string | null
}

/**
 * What the signed `state` of an OAuth sign-in carries between the redirect to
 * the provider and its callback: the site, the provider, where to send the
 * commenter back, and the PKCE code verifier (safe there: the state is signed
 * and lives 10 minutes).
 *
 * @since 0.1.0
 * @category models
 */
export interface OAuthStateInput {
  readonly siteId: SiteId
  readonly provider: string
  readonly returnTo: string
  /**
   * SHA-256 (hex) of the PKCE code verifier. The verifier itself stays in an
   * HttpOnly cookie of the browser that started the sign-in, so the callback
   * only succeeds in that browser (no login CSRF) and the URL never carries it.
   */
  readonly verifierHash: string
}

/** What the Tokens service does. @since 0.1.0 @category models */
export interface TokensShape {
  /** Signs the `state` of an OAuth sign-in; it expires in 10 minutes. @since 0.1.0 */
  readonly signOAuthState: (input: OAuthStateInput) => Effect.Effect<SignedToken>
  /** Verifies an OAuth `state` (signature, expiry); any failure is `oauth_state_invalid`. @since 0.1.0 */
  readonly verifyOAuthState: (token: string) => Effect.Effect<OAuthStateInput, Unauthorized>
  readonly signCommenter: (input: CommenterTokenInput) => Effect.Effect<SignedToken>
  /** Verifies a commenter token for `siteId`; a token for another site fails `token_audience`. */
  readonly verifyCommenter: (
    token: string,
    siteId: SiteId,
  ) => Effect.Effect<CommenterClaims, Unauthorized>
  readonly signAccount: (accountId: AccountId) => Effect.Effect<SignedToken>
  readonly verifyAccount: (token: string) => Effect.Effect<AccountClaims, Unauthorized>
  /** Verifies a host-signed SSO token; a secret shorter than 32 bytes fails `sso_secret_too_short`. */
  readonly verifySso: (
    token: string,
    key: SsoKey,
    options?: SsoOptions,
  ) => Effect.Effect<SsoIdentity, Unauthorized | InvalidInput>
  /** The public keys (signing and previous) to serve at `/.well-known/jwks.json`; empty for HS256. */
  readonly jwks: () => JSONWebKeySet
}

/** Signs and verifies Kommies tokens. @since 0.1.0 @category tags */
export class Tokens extends Context.Tag("@kommies/core/Tokens")<Tokens, TokensShape>() {}

/** The audience of dashboard account tokens. @since 0.1.0 @category constants */
export const DASHBOARD_AUDIENCE = "kommies:dashboard"

const COMMENTER_TYP = "kommies-commenter+jwt"
const ACCOUNT_TYP = "kommies-account+jwt"
const OAUTH_STATE_TYP = "kommies-oauth-state+jwt"
const OAUTH_STATE_AUDIENCE = "kommies:oauth-state"
const OAUTH_STATE_TTL = 600
const MAX_TOKEN_LENGTH = 8192

const CommenterPayload = Schema.Struct({
  sub: CommenterId,
  role: Role,
  name: Schema.String,
  iat: Schema.Number,
  exp: Schema.Number,
})
const AccountPayload = Schema.Struct({ sub: AccountId, iat: Schema.Number, exp: Schema.Number })
const OAuthStatePayload = Schema.Struct({
  sub: SiteId,
  provider: Schema.String,
  returnTo: Schema.String,
  vh: Schema.String,
})

const seconds = (d: Duration.DurationInput) => Math.max(1, Math.floor(Duration.toSeconds(d)))
const load = (input: KeyInput) =>
  Effect.tryPromise({
    try: () => loadKey(input),
    catch: (e) =>
      ConfigError.InvalidData(
        [],
        `Tokens: ${e instanceof KeyConfigError ? e.message : `cannot load key (${String(e)})`}`,
      ),
  })

/**
 * Builds the Tokens service from its config, loading every key once.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * const tokens = yield* Tokens.make({ secret: Redacted.make(process.env.JWT_SECRET!) })
 * const { token } = yield* tokens.signCommenter({ commenterId, siteId, role: "user", name: "Ada" })
 */
export const make = (config: TokensConfig): Effect.Effect<TokensShape, ConfigError.ConfigError> =>
  Effect.gen(function* () {
    if ((config.secret === undefined) === (config.signingKey === undefined)) {
      return yield* Effect.fail(
        ConfigError.InvalidData(
          [],
          "Tokens: set exactly one of `secret` (HS256) or `signingKey`; keep older keys in `previousKeys`",
        ),
      )
    }
    const signing = yield* load(config.signingKey ?? { alg: "HS256", secret: config.secret ?? "" })
    const signWith = signing.sign
    if (signWith === null) {
      return yield* Effect.fail(
        ConfigError.InvalidData([], "Tokens: `signingKey` needs a private key or a secret"),
      )
    }
    const previous = yield* Effect.forEach(config.previousKeys ?? [], load)
    const byKid = new Map<string, LoadedKey>()
    for (const key of [signing, ...previous]) {
      if (byKid.has(key.kid))
        return yield* Effect.fail(ConfigError.InvalidData([], `Tokens: duplicate kid "${key.kid}"`))
      byKid.set(key.kid, key)
    }
    const algorithms = [...new Set([...byKid.values()].map((k) => k.alg))]
    const issuer = config.issuer ?? "kommies"
    const accessTtl = seconds(config.accessTokenTtl ?? Duration.minutes(15))
    const accountTtl = seconds(config.accountTokenTtl ?? Duration.minutes(15))
    const clockTolerance = Math.floor(
      Duration.toSeconds(config.clockTolerance ?? Duration.seconds(30)),
    )
    const published: JSONWebKeySet = {
      keys: [...byKid.values()].flatMap((k) => (k.publicJwk === null ? [] : [k.publicJwk])),
    }

    const sign = (payload: JWTPayload, typ: string, sub: string, aud: string, ttl: number) =>
      Effect.gen(function* () {
        const iat = Math.floor((yield* Clock.currentTimeMillis) / 1000)
        const token = yield* Effect.promise(() =>
          new SignJWT(payload)
            .setProtectedHeader({ alg: signing.alg, kid: signing.kid, typ })
            .setSubject(sub)
            .setAudience(aud)
            .setIssuer(issuer)
            .setIssuedAt(iat)
            .setExpirationTime(iat + ttl)
            .sign(signWith),
        )
        return { token, expiresAt: (iat + ttl) * 1000 }
      })

    // A token without a kid can only be checked against the current signing key.
    const resolveKey = (header: { alg?: string; kid?: string }) => {
      const key = header.kid === undefined ? signing : byKid.get(header.kid)
      if (key === undefined || key.alg !== header.alg) throw new errors.JWKSNoMatchingKey()
      return key.verify
    }

    const verifyOwn = (token: string, audience: string, typ: string) =>
      Effect.gen(function* () {
        if (token.length === 0 || token.length > MAX_TOKEN_LENGTH) return yield* invalidToken()
        const now = yield* Clock.currentTimeMillis
        const { payload } = yield* Effect.tryPromise({
          try: () =>
            jwtVerify(token, resolveKey, {
              algorithms,
              audience,
              issuer,
              typ,
              currentDate: new Date(now),
              clockTolerance,
              requiredClaims: ["sub", "exp", "iat"],
            }),
          catch: (e) => toUnauthorized(e, false),
        })
        return payload
      })

    const verifySso = makeSsoVerifier({
      clockTolerance,
      maxAge: seconds(config.ssoMaxAge ?? Duration.minutes(10)),
      toSeconds: seconds,
    })

    const stateInvalid = () =>
      new Unauthorized({
        code: "oauth_state_invalid",
        message: "The sign-in attempt is not valid or has expired; start again",
      })

    return Tokens.of({
      signOAuthState: (input) =>
        sign(
          { provider: input.provider, returnTo: input.returnTo, vh: input.verifierHash },
          OAUTH_STATE_TYP,
          input.siteId,
          OAUTH_STATE_AUDIENCE,
          OAUTH_STATE_TTL,
        ),
      verifyOAuthState: (token) =>
        verifyOwn(token, OAUTH_STATE_AUDIENCE, OAUTH_STATE_TYP).pipe(
          Effect.flatMap((payload) => Schema.decodeUnknownEither(OAuthStatePayload)(payload)),
          Effect.mapError(stateInvalid),
          Effect.map((p) => ({
            siteId: p.sub,
            provider: p.provider,
            returnTo: p.returnTo,
            verifierHash: p.vh,
          })),
        ),
      signCommenter: (input) =>
        sign(
          { role: input.role, name: input.name },
          COMMENTER_TYP,
          input.commenterId,
          input.siteId,
          accessTtl,
        ),
      verifyCommenter: (token, siteId) =>
        verifyOwn(token, siteId, COMMENTER_TYP).pipe(
          Effect.flatMap((payload) => Schema.decodeUnknownEither(CommenterPayload)(payload)),
          Effect.mapError((e) => (e._tag === "Unauthorized" ? e : invalidToken())),
          Effect.map((p) => ({
            commenterId: p.sub,
            siteId,
            role: p.role,
            name: p.name,
            issuedAt: p.iat * 1000,
            expiresAt: p.exp * 1000,
          })),
        ),
      signAccount: (accountId) => sign({}, ACCOUNT_TYP, accountId, DASHBOARD_AUDIENCE, accountTtl),
      verifyAccount: (token) =>
        verifyOwn(token, DASHBOARD_AUDIENCE, ACCOUNT_TYP).pipe(
          Effect.flatMap((payload) => Schema.decodeUnknownEither(AccountPayload)(payload)),
          Effect.mapError((e) => (e._tag === "Unauthorized" ? e : invalidToken())),
          Effect.map((p) => ({
            accountId: p.sub,
            issuedAt: p.iat * 1000,
            expiresAt: p.exp * 1000,
          })),
        ),
      verifySso,
      jwks: () => ({ keys: published.keys.map((k) => ({ ...k })) }),
    })
  })

/**
 * The Tokens service as a Layer; fails with a ConfigError when a key is unusable
 * (a secret under 32 bytes, an RSA key under 2048 bits, a PEM that is not PKCS8).
 *
 * @since 0.1.0
 * @category layers
 * @example
 * const TokensLive = Tokens.layer({
 *   signingKey: { alg: "EdDSA", privateKey: pkcs8Pem },
 *   previousKeys: [{ alg: "HS256", secret: oldSecret }],
 * })
 */
export const layer = (config: TokensConfig): Layer.Layer<Tokens, ConfigError.ConfigError> =>
  Layer.effect(Tokens, make(config))

/**
 * The Tokens service from Effect `Config`, either a whole `Config<TokensConfig>` (such
 * as {@link fromEnv}) or a struct of Configs per field.
 *
 * @since 0.1.0
 * @category layers
 * @example
 * const TokensLive = Tokens.layerConfig(Tokens.fromEnv)
 * const TokensFromParts = Tokens.layerConfig({ secret: Config.redacted("JWT_SECRET") })
 */
export const layerConfig = (
  config: Config.Config.Wrap<TokensConfig>,
): Layer.Layer<Tokens, ConfigError.ConfigError> =>
  Layer.effect(Tokens, Effect.flatMap(Config.unwrap(config), make))

/**
 * Tokens config from environment variables: `KOMMIES_JWT_SECRET` (HS256) or
 * `KOMMIES_JWT_PRIVATE_KEY` (PKCS8 PEM or JWK JSON) with `KOMMIES_JWT_ALG`
 * (`RS256` | `EdDSA`, default `RS256`); rotation through `KOMMIES_JWT_PREVIOUS_SECRETS`
 * (comma-separated) and `KOMMIES_JWT_PREVIOUS_JWKS` (a JWKS of old public keys);
 * `KOMMIES_JWT_ISSUER`, `KOMMIES_ACCESS_TOKEN_TTL` (e.g. `15 minutes`).
 *
 * @since 0.1.0
 * @category config
 */
export const fromEnv: Config.Config<TokensConfig> = envConfig
