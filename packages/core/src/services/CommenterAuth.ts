/**
 * Signing commenters in: guests, email + password with a 6-digit code, host
 * SSO tokens, and the host app's own signed-in user (`identify`). Every way
 * ends in the same session: a short-lived access token and a rotating refresh
 * token.
 *
 * @since 0.1.0
 */
import { Clock, Effect, Option } from "effect"
import { isActive } from "../domain/Ban.js"
import { type Commenter, type PublicCommenter, toPublic } from "../domain/Commenter.js"
import {
  Conflict,
  Forbidden,
  type InvalidInput,
  type NotFound,
  type StoreError,
  Unauthorized,
} from "../Errors.js"
import { type CommenterId, type SiteId, uuidv7 } from "../Ids.js"
import { CommenterStore } from "../ports/CommenterStore.js"
import { Mailer } from "../ports/Mailer.js"
import { ModerationStore } from "../ports/ModerationStore.js"
import type { SiteStore } from "../ports/SiteStore.js"
import { type Actor, commenter as commenterActor } from "./Actor.js"
import { Challenges } from "./Challenges.js"
import * as Commenters from "./Commenters.js"
import { Passwords } from "./Passwords.js"
import { Sessions } from "./Sessions.js"
import * as Sites from "./Sites.js"
import { type SsoKey, type SsoOptions, Tokens } from "./Tokens.js"

/** A signed-in commenter's session. @since 0.1.0 @category models */
export interface SignedIn {
  readonly accessToken: string
  /** Epoch ms. */
  readonly accessTokenExpiresAt: number
  readonly refreshToken: string
  readonly commenter: PublicCommenter
}

/** What a commenter sees of themself. @since 0.1.0 @category models */
export interface Me extends PublicCommenter {
  readonly email: string | null
  readonly emailVerified: boolean
  readonly origin: Commenter["origin"]
  readonly ban: { readonly kind: "normal" | "shadow"; readonly expiresAt: number | null } | null
}

type AuthError = InvalidInput | Unauthorized | Forbidden | NotFound | Conflict | StoreError

const issue = (commenter: Commenter) =>
  Effect.gen(function* () {
    const tokens = yield* Tokens
    const access = yield* tokens.signCommenter({
      commenterId: commenter.id,
      siteId: commenter.siteId,
      role: commenter.role,
      name: commenter.displayName,
    })
    const refreshToken = yield* (yield* Sessions).issue(
      `commenter:${commenter.id}`,
      commenter.siteId,
    )
    return {
      accessToken: access.token,
      accessTokenExpiresAt: access.expiresAt,
      refreshToken,
      commenter: toPublic(commenter),
    } satisfies SignedIn
  })

const refuseBanned = (commenter: Commenter) =>
  Effect.gen(function* () {
    const now = yield* Clock.currentTimeMillis
    const ban = yield* (yield* ModerationStore).getBan(commenter.siteId, commenter.id)
    if (Option.isSome(ban) && ban.value.kind === "normal" && isActive(ban.value, now))
      return yield* new Forbidden({ code: "banned", message: "You are banned from this site" })
  })

/**
 * Signs in as a guest (name, optional email) when the site allows guests.
 *
 * @since 0.1.0
 * @category sign-in
 */
export const guest = (
  siteId: SiteId,
  input: { readonly displayName: string; readonly email?: string | null },
) => Effect.flatMap(Commenters.guest(siteId, input), issue)

/**
 * Registers with email and password; sends a 6-digit code to verify the
 * email. Sign-in works once the code is confirmed with `verifyEmail`.
 *
 * @since 0.1.0
 * @category sign-in
 * @example
 * const { challengeId } = yield* CommenterAuth.register(siteId, { email, displayName: "Ann", password })
 * const session = yield* CommenterAuth.verifyEmail(siteId, challengeId, codeFromEmail)
 */
export const register = (
  siteId: SiteId,
  input: { readonly email: string; readonly displayName: string; readonly password: string },
): Effect.Effect<
  { readonly challengeId: string; readonly commenterId: CommenterId },
  AuthError,
  SiteStore | CommenterStore | Passwords | Challenges | Mailer
> =>
  Effect.gen(function* () {
    const site = yield* Sites.get(siteId)
    const email = yield* Commenters.validEmail(input.email)
    const displayName = yield* Commenters.validName(input.displayName)
    const passwordHash = yield* (yield* Passwords).hash(input.password)
    const store = yield* CommenterStore
    const existing = yield* store.getByEmail(siteId, email)
    if (Option.isSome(existing) && existing.value.emailVerified)
      return yield* new Conflict({
        code: "email_taken",
        message: "That email already has an account; sign in instead",
      })
    const now = yield* Clock.currentTimeMillis
    let commenterId: CommenterId
    if (Option.isSome(existing)) {
      // Unverified: whoever proves the email with the code owns it, with this password.
      yield* store.update(siteId, existing.value.id, { displayName, passwordHash, updatedAt: now })
      commenterId = existing.value.id
    } else {
      const commenter: Commenter = {
        id: (yield* uuidv7) as CommenterId,
        siteId,
        displayName,
        avatarUrl: null,
        email,
        emailVerified: false,
        origin: "password",
        externalId: null,
        passwordHash,
        role: "user",
        karma: 0,
        trusted: false,
        createdAt: now,
        updatedAt: now,
      }
      yield* store.insert(commenter)
      commenterId = commenter.id
    }
    const challengeId = yield* sendCode(site.name, siteId, email)
    return { challengeId, commenterId }
  })

const sendCode = (siteName: string, siteId: SiteId, email: string) =>
  Effect.gen(function* () {
    const issued = yield* (yield* Challenges).create({ email, purpose: "verify-email", siteId })
    yield* (yield* Mailer)
      .send({
        to: email,
        subject: `Your code for ${siteName}: ${issued.code}`,
        text: `Your verification code is ${issued.code}. It expires in 15 minutes.\n\nIf you did not ask for it, ignore this email.`,
      })
      .pipe(
        Effect.mapError(
          (error) =>
            new Unauthorized({
              code: "email_unsent",
              message: `The code could not be sent: ${error.message}`,
            }),
        ),
      )
    return issued.challengeId
  })

/**
 * Sends a fresh verification code to an unverified email of the site.
 * Answers the same whether or not the email is known, so it tells nobody which are.
 *
 * @since 0.1.0
 * @category sign-in
 */
export const resendCode = (
  siteId: SiteId,
  emailInput: string,
): Effect.Effect<
  { readonly challengeId: string | null },
  AuthError,
  SiteStore | CommenterStore | Challenges | Mailer
> =>
  Effect.gen(function* () {
    const site = yield* Sites.get(siteId)
    const email = yield* Commenters.validEmail(emailInput)
    const existing = yield* (yield* CommenterStore).getByEmail(siteId, email)
    if (Option.isNone(existing) || existing.value.emailVerified) return { challengeId: null }
    return { challengeId: yield* sendCode(site.name, siteId, email) }
  })

/**
 * Confirms the emailed code and signs the commenter in.
 *
 * @since 0.1.0
 * @category sign-in
 */
export const verifyEmail = (siteId: SiteId, challengeId: string, code: string) =>
  Effect.gen(function* () {
    const challenge = yield* (yield* Challenges).verify(challengeId, code, "verify-email")
    if (challenge.siteId !== siteId)
      return yield* new Unauthorized({ code: "code_invalid", message: "The code is not valid" })
    const store = yield* CommenterStore
    const found = yield* store.getByEmail(siteId, challenge.email)
    if (Option.isNone(found))
      return yield* new Unauthorized({ code: "code_invalid", message: "The code is not valid" })
    const updated = yield* store.update(siteId, found.value.id, {
      emailVerified: true,
      updatedAt: yield* Clock.currentTimeMillis,
    })
    const commenter = Option.getOrElse(updated, () => found.value)
    yield* refuseBanned(commenter)
    return yield* issue(commenter)
  })

/**
 * Signs in with email and password. Wrong email and wrong password fail the
 * same way and take the same time.
 *
 * @since 0.1.0
 * @category sign-in
 */
export const login = (siteId: SiteId, emailInput: string, password: string) =>
  Effect.gen(function* () {
    const invalid = new Unauthorized({
      code: "credentials_invalid",
      message: "Wrong email or password",
    })
    const email = yield* Commenters.validEmail(emailInput).pipe(Effect.mapError(() => invalid))
    const found = yield* (yield* CommenterStore).getByEmail(siteId, email)
    const hash = Option.match(found, { onNone: () => null, onSome: (c) => c.passwordHash })
    const ok = yield* (yield* Passwords).verify(password, hash)
    if (!ok || Option.isNone(found)) return yield* invalid
    if (!found.value.emailVerified)
      return yield* new Forbidden({
        code: "email_unverified",
        message: "Confirm your email with the code we sent first",
      })
    yield* refuseBanned(found.value)
    return yield* issue(found.value)
  })

/**
 * Exchanges a host-signed SSO token (HS256 secret or the host's JWKS) for a
 * session: the host's user comments as themself without a second login.
 *
 * @since 0.1.0
 * @category sign-in
 */
export const sso = (siteId: SiteId, token: string, key: SsoKey, options?: SsoOptions) =>
  Effect.gen(function* () {
    const identity = yield* (yield* Tokens).verifySso(token, key, options)
    const commenter = yield* Commenters.fromExternal(siteId, "sso", {
      externalId: identity.externalId,
      displayName: identity.name ?? identity.email?.split("@")[0] ?? "Member",
      email: identity.email,
      emailVerified: identity.emailVerified,
      avatarUrl: identity.avatar,
    })
    yield* refuseBanned(commenter)
    return yield* issue(commenter)
  })

/**
 * A commenter's profile as an OAuth/OIDC provider reports it (after the
 * provider's `profile` mapping).
 *
 * @since 0.1.0
 * @category models
 */
export interface OAuthProfile {
  /** The provider's stable id of the user (`sub`). */
  readonly id: string
  readonly name: string
  readonly email?: string | null
  /** Whether the provider vouches for the email. Default: false. */
  readonly emailVerified?: boolean
  /** https only; anything else is dropped. */
  readonly avatarUrl?: string | null
}

/**
 * Signs in the user an OAuth/OIDC provider vouched for: the commenter of
 * origin `oauth:<provider>` with that id, created on first sign-in.
 *
 * @since 0.1.0
 * @category sign-in
 */
export const oauth = (siteId: SiteId, provider: string, profile: OAuthProfile) =>
  Effect.gen(function* () {
    const avatar = profile.avatarUrl ?? ""
    const commenter = yield* Commenters.fromExternal(siteId, `oauth:${provider}`, {
      externalId: profile.id,
      displayName: profile.name.trim() || profile.email?.split("@")[0] || "Member",
      email: profile.email ?? null,
      emailVerified: profile.emailVerified ?? false,
      avatarUrl: avatar.startsWith("https://") ? avatar : null,
    })
    yield* refuseBanned(commenter)
    return yield* issue(commenter)
  })

/**
 * The actor for the host app's own signed-in user, as an adapter's
 * `identify(req)` reports them; no tokens involved.
 *
 * @since 0.1.0
 * @category sign-in
 */
export const identify = (
  siteId: SiteId,
  identity: {
    readonly id: string
    readonly name: string
    readonly email?: string | null
    readonly avatarUrl?: string | null
  },
) =>
  Effect.map(
    Commenters.fromExternal(siteId, "sso", {
      externalId: identity.id,
      displayName: identity.name,
      email: identity.email ?? null,
      avatarUrl: identity.avatarUrl ?? null,
    }),
    (c): Actor => commenterActor(siteId, c.id, c.role),
  )

/**
 * Rotates a refresh token: a new access token and a new refresh token; the
 * role is read afresh, so a promotion or a ban takes effect here.
 *
 * @since 0.1.0
 * @category sessions
 */
export const refresh = (siteId: SiteId, refreshToken: string) =>
  Effect.gen(function* () {
    const { token, session } = yield* (yield* Sessions).rotate(refreshToken)
    const [kind, id] = session.subject.split(":") as [string, CommenterId]
    if (kind !== "commenter" || session.siteId !== siteId)
      return yield* new Unauthorized({
        code: "refresh_invalid",
        message: "Not a session of this site",
      })
    const commenter = yield* Commenters.get(siteId, id).pipe(
      Effect.mapError(
        () => new Unauthorized({ code: "refresh_invalid", message: "The commenter is gone" }),
      ),
    )
    yield* refuseBanned(commenter)
    const tokens = yield* Tokens
    const access = yield* tokens.signCommenter({
      commenterId: commenter.id,
      siteId,
      role: commenter.role,
      name: commenter.displayName,
    })
    return {
      accessToken: access.token,
      accessTokenExpiresAt: access.expiresAt,
      refreshToken: token,
      commenter: toPublic(commenter),
    } satisfies SignedIn
  })

/**
 * Signs out this device: its refresh token family is revoked. The access
 * token lapses on its own within minutes.
 *
 * @since 0.1.0
 * @category sessions
 */
export const logout = (refreshToken: string) =>
  Effect.flatMap(Sessions, (s) => s.revoke(refreshToken))

/**
 * The actor an access token stands for on this site; a token of another site
 * fails `token_audience`.
 *
 * @since 0.1.0
 * @category sessions
 */
export const actorFromToken = (
  siteId: SiteId,
  accessToken: string,
): Effect.Effect<Actor, Unauthorized, Tokens> =>
  Effect.map(
    Effect.flatMap(Tokens, (t) => t.verifyCommenter(accessToken, siteId)),
    (claims) => commenterActor(siteId, claims.commenterId, claims.role),
  )

/**
 * The signed-in commenter's own profile, with their email and any ban.
 *
 * @since 0.1.0
 * @category sessions
 */
export const me = (
  actor: Actor,
): Effect.Effect<Me, Unauthorized | NotFound | StoreError, CommenterStore | ModerationStore> =>
  Effect.gen(function* () {
    if (actor._tag !== "commenter")
      return yield* new Unauthorized({ code: "sign_in_required", message: "Sign in first" })
    const commenter = yield* Commenters.get(actor.siteId, actor.commenterId)
    const now = yield* Clock.currentTimeMillis
    const ban = Option.filter(
      yield* (yield* ModerationStore).getBan(actor.siteId, actor.commenterId),
      (b) => isActive(b, now),
    )
    return {
      ...toPublic(commenter),
      email: commenter.email,
      emailVerified: commenter.emailVerified,
      origin: commenter.origin,
      ban: Option.match(ban, {
        onNone: () => null,
        onSome: (b) => ({ kind: b.kind, expiresAt: b.expiresAt }),
      }),
    }
  })
