/**
 * Dashboard accounts: the people who own and run sites. Sign-up with an
 * emailed 6-digit code, sign-in, rotating sessions, password reset, and the
 * actor an account is on a site it owns or is on the team of.
 *
 * @since 0.1.0
 */
import { Clock, Effect, Option } from "effect"
import type { Account } from "../domain/Account.js"
import type { TeamRole } from "../domain/Membership.js"
import type { Site } from "../domain/Site.js"
import { Conflict, Forbidden, NotFound, type StoreError, Unauthorized } from "../Errors.js"
import * as Ids from "../Ids.js"
import { type AccountId, type SiteId, uuidv7 } from "../Ids.js"
import { AccountStore } from "../ports/AccountStore.js"
import { Mailer } from "../ports/Mailer.js"
import { SessionStore } from "../ports/SessionStore.js"
import { SiteStore } from "../ports/SiteStore.js"
import { TeamStore } from "../ports/TeamStore.js"
import type { Actor } from "./Actor.js"
import { Challenges } from "./Challenges.js"
import { validEmail, validName } from "./Commenters.js"
import { Passwords } from "./Passwords.js"
import { Sessions } from "./Sessions.js"
import { Tokens } from "./Tokens.js"

/** An account as it sees itself: never the password hash. @since 0.1.0 @category models */
export type AccountView = Omit<Account, "passwordHash">

/** A signed-in dashboard session. @since 0.1.0 @category models */
export interface AccountSession {
  readonly accessToken: string
  readonly accessTokenExpiresAt: number
  readonly refreshToken: string
  readonly account: AccountView
}

const view = ({ passwordHash: _hash, ...rest }: Account): AccountView => rest

const mailCode = (email: string, purpose: "verify-email" | "reset-password") =>
  Effect.gen(function* () {
    const issued = yield* (yield* Challenges).create({ email, purpose, siteId: null })
    const what = purpose === "verify-email" ? "confirm your email" : "reset your password"
    yield* (yield* Mailer)
      .send({
        to: email,
        subject: `Your Kommies code: ${issued.code}`,
        text: `Use ${issued.code} to ${what}. It expires in 15 minutes.\n\nIf you did not ask for it, ignore this email.`,
      })
      .pipe(Effect.mapError((e) => new Unauthorized({ code: "email_unsent", message: e.message })))
    return issued.challengeId
  })

const session = (account: Account) =>
  Effect.gen(function* () {
    const access = yield* (yield* Tokens).signAccount(account.id)
    const refreshToken = yield* (yield* Sessions).issue(`account:${account.id}`, null)
    return {
      accessToken: access.token,
      accessTokenExpiresAt: access.expiresAt,
      refreshToken,
      account: view(account),
    } satisfies AccountSession
  })

/**
 * Creates an account and emails a code to confirm the address. An address
 * already confirmed by someone is refused; an unconfirmed one is taken over
 * by whoever confirms it.
 *
 * @since 0.1.0
 * @category sign-up
 * @example
 * const { challengeId } = yield* Accounts.signUp({ email, name: "Ada", password })
 * const session = yield* Accounts.verify(challengeId, codeFromEmail)
 */
export const signUp = (input: {
  readonly email: string
  readonly name: string
  readonly password: string
}) =>
  Effect.gen(function* () {
    const email = yield* validEmail(input.email)
    const name = yield* validName(input.name)
    const passwordHash = yield* (yield* Passwords).hash(input.password)
    const store = yield* AccountStore
    const existing = yield* store.getByEmail(email)
    const now = yield* Clock.currentTimeMillis
    if (Option.isSome(existing)) {
      if (existing.value.verified)
        return yield* new Conflict({
          code: "email_taken",
          message: "That email already has an account; sign in",
        })
      yield* store.update({ ...existing.value, name, passwordHash, updatedAt: now })
    } else {
      yield* store.insert({
        id: (yield* uuidv7) as AccountId,
        email,
        name,
        passwordHash,
        verified: false,
        createdAt: now,
        updatedAt: now,
      })
    }
    return { challengeId: yield* mailCode(email, "verify-email") }
  })

/** Confirms the emailed code and signs the account in. @since 0.1.0 @category sign-up */
export const verify = (challengeId: string, code: string) =>
  Effect.gen(function* () {
    const challenge = yield* (yield* Challenges).verify(challengeId, code, "verify-email")
    const store = yield* AccountStore
    const found = yield* store.getByEmail(challenge.email)
    if (Option.isNone(found))
      return yield* new Unauthorized({ code: "code_invalid", message: "The code is not valid" })
    const account = { ...found.value, verified: true, updatedAt: yield* Clock.currentTimeMillis }
    yield* store.update(account)
    return yield* session(account)
  })

/**
 * Sends a fresh code for a sign-up that is still waiting for one (the first
 * was lost, or expired): given the challenge the sign-up answered with, it
 * mails a new code to the same address and answers the new challenge; the
 * old one stops working. It answers the same way (a challenge id) when there
 * is nothing to resend (unknown challenge, an address already confirmed), so
 * it tells nobody which addresses have accounts.
 *
 * @since 0.1.0
 * @category sign-up
 * @example
 * const { challengeId } = yield* Accounts.resendVerification(previousChallengeId)
 */
export const resendVerification = (challengeId: string) =>
  Effect.gen(function* () {
    const sessions = yield* SessionStore
    const found = yield* sessions.getChallenge(challengeId)
    const waiting = Option.filter(
      found,
      (c) => c.purpose === "verify-email" && c.siteId === null && c.consumedAt === null,
    )
    if (Option.isNone(waiting)) return { challengeId: yield* Ids.secureToken(16) }
    const account = yield* (yield* AccountStore).getByEmail(waiting.value.email)
    if (Option.isNone(account) || account.value.verified)
      return { challengeId: yield* Ids.secureToken(16) }
    yield* sessions.consumeChallenge(challengeId, yield* Clock.currentTimeMillis)
    return { challengeId: yield* mailCode(waiting.value.email, "verify-email") }
  })

/**
 * Signs in with email and password; wrong email and wrong password fail the
 * same way and take the same time.
 *
 * @since 0.1.0
 * @category sign-in
 */
export const login = (emailInput: string, password: string) =>
  Effect.gen(function* () {
    const invalid = new Unauthorized({
      code: "credentials_invalid",
      message: "Wrong email or password",
    })
    const email = yield* validEmail(emailInput).pipe(Effect.mapError(() => invalid))
    const found = yield* (yield* AccountStore).getByEmail(email)
    const ok = yield* (yield* Passwords).verify(
      password,
      Option.getOrNull(Option.map(found, (a) => a.passwordHash)),
    )
    if (!ok || Option.isNone(found)) return yield* invalid
    if (!found.value.verified)
      return yield* new Forbidden({
        code: "email_unverified",
        message: "Confirm your email with the code we sent",
      })
    return yield* session(found.value)
  })

/** Rotates a dashboard refresh token. @since 0.1.0 @category sessions */
export const refresh = (refreshToken: string) =>
  Effect.gen(function* () {
    const { token, session: s } = yield* (yield* Sessions).rotate(refreshToken)
    const [kind, id] = s.subject.split(":") as [string, AccountId]
    const found = kind === "account" ? yield* (yield* AccountStore).get(id) : Option.none()
    if (Option.isNone(found))
      return yield* new Unauthorized({ code: "refresh_invalid", message: "Not an account session" })
    const access = yield* (yield* Tokens).signAccount(found.value.id)
    return {
      accessToken: access.token,
      accessTokenExpiresAt: access.expiresAt,
      refreshToken: token,
      account: view(found.value),
    } satisfies AccountSession
  })

/** Signs this device out. @since 0.1.0 @category sessions */
export const logout = (refreshToken: string) =>
  Effect.flatMap(Sessions, (s) => s.revoke(refreshToken))

/**
 * Starts a password reset: emails a code when the address has an account,
 * and answers the same either way.
 *
 * @since 0.1.0
 * @category password
 */
export const requestReset = (emailInput: string) =>
  Effect.gen(function* () {
    const email = yield* validEmail(emailInput)
    const found = yield* (yield* AccountStore).getByEmail(email)
    if (Option.isNone(found)) return { challengeId: (yield* uuidv7) as string }
    return { challengeId: yield* mailCode(email, "reset-password") }
  })

/**
 * Sets a new password with the emailed code, signs out every other session,
 * and signs in.
 *
 * @since 0.1.0
 * @category password
 */
export const resetPassword = (challengeId: string, code: string, password: string) =>
  Effect.gen(function* () {
    const challenge = yield* (yield* Challenges).verify(challengeId, code, "reset-password")
    const store = yield* AccountStore
    const found = yield* store.getByEmail(challenge.email)
    if (Option.isNone(found))
      return yield* new Unauthorized({ code: "code_invalid", message: "The code is not valid" })
    const passwordHash = yield* (yield* Passwords).hash(password)
    // Whoever reads the inbox owns the account, so the address is confirmed too.
    const account = {
      ...found.value,
      passwordHash,
      verified: true,
      updatedAt: yield* Clock.currentTimeMillis,
    }
    yield* store.update(account)
    yield* (yield* Sessions).revokeAll(`account:${account.id}`)
    return yield* session(account)
  })

/** The account behind a dashboard access token. @since 0.1.0 @category sessions */
export const fromToken = (
  accessToken: string,
): Effect.Effect<AccountView, Unauthorized | StoreError, Tokens | AccountStore> =>
  Effect.gen(function* () {
    const claims = yield* (yield* Tokens).verifyAccount(accessToken)
    const found = yield* (yield* AccountStore).get(claims.accountId)
    if (Option.isNone(found))
      return yield* new Unauthorized({ code: "token_invalid", message: "No such account" })
    return view(found.value)
  })

/** The sites an account owns. @since 0.1.0 @category sites */
export const sites = (
  accountId: AccountId,
): Effect.Effect<ReadonlyArray<Site>, StoreError, SiteStore> =>
  Effect.flatMap(SiteStore, (s) => s.listByOwner(accountId))

/**
 * Every site the account has a role on: the sites it owns (role `owner`,
 * oldest first), then the sites whose team it is on (oldest membership first).
 *
 * @since 0.1.0
 * @category sites
 * @example
 * const roles = yield* Accounts.memberships(account.id)
 * // [{ site, role: "owner" }, { site, role: "moderator" }]
 */
export const memberships = (
  accountId: AccountId,
): Effect.Effect<
  ReadonlyArray<{ readonly site: Site; readonly role: "owner" | TeamRole }>,
  StoreError,
  SiteStore | TeamStore
> =>
  Effect.gen(function* () {
    const siteStore = yield* SiteStore
    const owned = yield* siteStore.listByOwner(accountId)
    const joined = yield* (yield* TeamStore).listMemberships(accountId)
    const onTeams = yield* Effect.forEach(joined, (m) =>
      Effect.map(siteStore.get(m.siteId), (site) =>
        // A site since deleted, or since given to this account, is not a team role.
        Option.isSome(site) && site.value.ownerAccountId !== accountId
          ? [{ site: site.value, role: m.role }]
          : [],
      ),
    )
    return [...owned.map((site) => ({ site, role: "owner" as const })), ...onTeams.flat()]
  })

/**
 * The site and the actor an account is on it: the owner on sites it owns, its
 * team role on sites whose team it is on; any other site is NotFound
 * `site_not_found` (an account never learns of sites that are not its own).
 * One read of the site, for callers that need both (the HTTP middleware).
 *
 * @since 0.1.0
 * @category sites
 */
export const onSite = (
  accountId: AccountId,
  siteId: SiteId,
): Effect.Effect<
  { readonly site: Site; readonly actor: Actor },
  NotFound | StoreError,
  SiteStore | TeamStore
> =>
  Effect.gen(function* () {
    const notFound = new NotFound({ code: "site_not_found", message: "No such site" })
    // Ids are short; anything longer names no site and is not worth a lookup.
    if (siteId.length === 0 || siteId.length > 200) return yield* notFound
    const found = yield* (yield* SiteStore).get(siteId)
    if (Option.isNone(found)) return yield* notFound
    const site = found.value
    if (site.ownerAccountId === accountId)
      return { site, actor: { _tag: "account", siteId, accountId, role: "owner" } as const }
    const member = yield* (yield* TeamStore).getMembership(siteId, accountId)
    if (Option.isNone(member)) return yield* notFound
    const actor: Actor = { _tag: "account", siteId, accountId, role: member.value.role }
    return { site, actor }
  })

/**
 * The actor an account is on a site: the owner on sites it owns, its team
 * role on sites whose team it is on; any other site is NotFound (an account
 * never learns of sites that are not its own).
 *
 * @since 0.1.0
 * @category sites
 */
export const actorOn = (
  accountId: AccountId,
  siteId: SiteId,
): Effect.Effect<Actor, NotFound | StoreError, SiteStore | TeamStore> =>
  Effect.map(onSite(accountId, siteId), ({ actor }) => actor)
