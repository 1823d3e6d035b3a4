/**
 * A site's team: the owner, and the accounts it (or an admin) invites to help
 * as admins or moderators. Invitations go by email with a one-time link; only
 * the SHA-256 of the link's token is stored, and only the account with the
 * invited email can accept.
 *
 * Who may grant, change or remove which role is the permissions table's
 * `team.manage` plus `Role.outranks` (`Permissions.authorizeRole`): an admin
 * manages moderators, only the owner manages admins, nobody manages the owner.
 *
 * @since 0.1.0
 */
import { Clock, Effect, Option } from "effect"
import type { Invitation, InvitationId, Membership, TeamRole } from "../domain/Membership.js"
import type { Site } from "../domain/Site.js"
import {
  Conflict,
  Forbidden,
  type InvalidInput,
  type NotFound,
  type StoreError,
  Unauthorized,
} from "../Errors.js"
import { constantTimeEqual } from "../internal/crypto.js"
import * as Ids from "../Ids.js"
import type { AccountId } from "../Ids.js"
import { AccountStore } from "../ports/AccountStore.js"
import { Mailer } from "../ports/Mailer.js"
import type { ModerationStore } from "../ports/ModerationStore.js"
import { SiteStore } from "../ports/SiteStore.js"
import { TeamStore } from "../ports/TeamStore.js"
import type { Actor } from "./Actor.js"
import * as Audit from "./Audit.js"
import { validEmail } from "./Commenters.js"
import {
  type InvitationView,
  type InviteInput,
  invitationNotFound,
  invitationTtlMillis,
  maxTeamSize,
  memberNotFound,
  ownerImmutable,
  type TeamMemberView,
  type TeamView,
  tokenHashOf,
  validRole,
  viewOfInvitation,
  viewOfMember,
} from "./TeamViews.js"
import { authorize, authorizeRole } from "./Permissions.js"
import * as Sites from "./Sites.js"

export {
  type InvitationView,
  type InviteInput,
  invitationTtlMillis,
  maxTeamSize,
  type TeamMemberView,
  type TeamView,
} from "./TeamViews.js"

/** The members with their accounts; a member whose account is gone is left out. */
const members = (site: Site) =>
  Effect.gen(function* () {
    const accounts = yield* AccountStore
    const stored = yield* (yield* TeamStore).listMembers(site.id, maxTeamSize)
    const out: Array<TeamMemberView> = []
    if (site.ownerAccountId !== null) {
      const owner = yield* accounts.get(site.ownerAccountId)
      if (Option.isSome(owner)) out.push(viewOfMember(owner.value, "owner", site.createdAt))
    }
    const found = yield* Effect.forEach(stored, (m) =>
      Effect.map(
        accounts.get(m.accountId),
        Option.map((a) => viewOfMember(a, m.role, m.addedAt)),
      ),
    )
    for (const view of found) if (Option.isSome(view)) out.push(view.value)
    return out
  })

/** Pending invitations of the site that have not expired. */
const pending = (site: Site, now: number) =>
  Effect.flatMap(TeamStore, (team) =>
    Effect.map(team.listInvitations(site.id, maxTeamSize), (all) =>
      all.filter((i) => i.expiresAt > now),
    ),
  )

/**
 * The site's team: the owner first, then members oldest first, and the
 * pending invitations. Needs `team.manage` (owner or admin).
 *
 * @since 0.1.0
 * @category getters
 * @example
 * const { members, invitations } = yield* Team.list(actor)
 */
export const list = (
  actor: Actor,
): Effect.Effect<
  TeamView,
  Forbidden | Unauthorized | NotFound | StoreError,
  SiteStore | AccountStore | TeamStore
> =>
  Effect.gen(function* () {
    yield* authorize(actor, "team.manage")
    const site = yield* Sites.get(actor.siteId)
    const now = yield* Clock.currentTimeMillis
    return {
      members: yield* members(site),
      invitations: (yield* pending(site, now)).map(viewOfInvitation),
    }
  })

/**
 * Invites `email` to the site's team as `role` and emails them `link(token)`.
 * The actor's role must outrank `role`. Inviting an email again replaces its
 * pending invitation (the old link stops working). Fails with Conflict
 * `already_member` when the email belongs to the owner or a member, and
 * `team_full` past {@link maxTeamSize}.
 *
 * @since 0.1.0
 * @category invitations
 * @example
 * const invitation = yield* Team.invite(actor, {
 *   email: "mod@example.com",
 *   role: "moderator",
 *   link: (token) => `https://dashboard.example.com/join?token=${token}`,
 * })
 */
export const invite = (
  actor: Actor,
  input: InviteInput,
): Effect.Effect<
  InvitationView,
  InvalidInput | Forbidden | Unauthorized | NotFound | Conflict | StoreError,
  SiteStore | AccountStore | TeamStore | ModerationStore | Mailer
> =>
  Effect.gen(function* () {
    const role = yield* validRole(input.role)
    yield* authorizeRole(actor, role)
    const email = yield* validEmail(input.email)
    const site = yield* Sites.get(actor.siteId)
    const team = yield* TeamStore
    const existing = yield* (yield* AccountStore).getByEmail(email)
    if (Option.isSome(existing)) {
      const accountId = existing.value.id
      const member =
        site.ownerAccountId === accountId ||
        Option.isSome(yield* team.getMembership(site.id, accountId))
      if (member)
        return yield* new Conflict({
          code: "already_member",
          message: "This email already belongs to a member of the team",
        })
    }
    const now = yield* Clock.currentTimeMillis
    // Expired invitations and an earlier one to the same email make way for this one.
    const invitations = yield* team.listInvitations(site.id, maxTeamSize)
    const stale = invitations.filter((i) => i.expiresAt <= now || i.email === email)
    yield* Effect.forEach(stale, (i) => team.deleteInvitation(site.id, i.id), { discard: true })
    const memberCount = (yield* team.listMembers(site.id, maxTeamSize)).length
    if (memberCount + invitations.length - stale.length >= maxTeamSize)
      return yield* new Conflict({
        code: "team_full",
        message: `A team has at most ${maxTeamSize} members and invitations`,
      })
    const token = yield* Ids.secureToken(32)
    const invitation: Invitation = {
      id: (yield* Ids.uuidv7) as InvitationId,
      siteId: site.id,
      email,
      role,
      tokenHash: tokenHashOf(token),
      // The secret key and system act for the owner; a site without one leaves it blank.
      invitedBy:
        actor._tag === "account" ? actor.accountId : (site.ownerAccountId ?? ("" as AccountId)),
      createdAt: now,
      expiresAt: now + invitationTtlMillis,
    }
    yield* team.insertInvitation(invitation)
    yield* (yield* Mailer)
      .send({
        to: email,
        subject: `You are invited to help run ${site.name} on Kommies`,
        text:
          `You are invited to join the team of ${site.name} as ${role}.\n\n` +
          `Accept within 7 days: ${input.link(token)}\n\n` +
          `Sign in (or sign up) with this email address to accept. If you did not expect it, ignore this email.`,
      })
      .pipe(
        // No email, no invitation: nobody could ever accept it.
        Effect.tapError(() => team.deleteInvitation(site.id, invitation.id)),
        Effect.mapError(
          (error) =>
            new Unauthorized({
              code: "email_unsent",
              message: `The invitation could not be sent: ${error.message}`,
            }),
        ),
      )
    yield* Audit.record(actor, "team.invite", `invitation:${invitation.id}`, { email, role })
    return viewOfInvitation(invitation)
  })

/**
 * Withdraws a pending invitation; its link stops working. The actor's role
 * must outrank the invited role. NotFound `invitation_not_found` when the
 * site has no such invitation.
 *
 * @since 0.1.0
 * @category invitations
 */
export const revokeInvitation = (
  actor: Actor,
  invitationId: InvitationId,
): Effect.Effect<
  void,
  Forbidden | Unauthorized | NotFound | StoreError,
  TeamStore | ModerationStore
> =>
  Effect.gen(function* () {
    yield* authorize(actor, "team.manage")
    const team = yield* TeamStore
    const found = (yield* team.listInvitations(actor.siteId, maxTeamSize)).find(
      (i) => i.id === invitationId,
    )
    if (found === undefined) return yield* invitationNotFound()
    yield* authorizeRole(actor, found.role)
    if (!(yield* team.deleteInvitation(actor.siteId, found.id))) return yield* invitationNotFound()
    yield* Audit.record(actor, "team.revoke", `invitation:${found.id}`, {
      email: found.email,
      role: found.role,
    })
  })

/**
 * Accepts an invitation with the token from its email: the signed-in account
 * joins the site's team with the invited role. The account must be verified
 * (Forbidden `email_unverified`) and have the invited email (Forbidden
 * `invitation_email_mismatch`); an unknown, used or expired token is NotFound
 * `invitation_not_found`.
 *
 * @since 0.1.0
 * @category invitations
 * @example
 * const { site, role } = yield* Team.accept(account.id, tokenFromLink)
 */
export const accept = (
  accountId: AccountId,
  token: string,
): Effect.Effect<
  { readonly site: Site; readonly role: TeamRole },
  Forbidden | Unauthorized | NotFound | Conflict | StoreError,
  SiteStore | AccountStore | TeamStore | ModerationStore
> =>
  Effect.gen(function* () {
    const account = yield* (yield* AccountStore).get(accountId)
    if (Option.isNone(account))
      return yield* new Unauthorized({ code: "token_invalid", message: "No such account" })
    if (!account.value.verified)
      return yield* new Forbidden({
        code: "email_unverified",
        message: "Confirm your email with the code we sent",
      })
    if (token.length === 0 || token.length > 256) return yield* invitationNotFound()
    const hash = tokenHashOf(token)
    const team = yield* TeamStore
    const found = yield* team.getInvitationByTokenHash(hash)
    const now = yield* Clock.currentTimeMillis
    if (
      Option.isNone(found) ||
      !constantTimeEqual(found.value.tokenHash, hash) ||
      found.value.expiresAt <= now
    )
      return yield* invitationNotFound()
    const invitation = found.value
    if (account.value.email.toLowerCase() !== invitation.email)
      return yield* new Forbidden({
        code: "invitation_email_mismatch",
        message: "This invitation is for another email address; sign in with that one",
      })
    const site = yield* (yield* SiteStore).get(invitation.siteId)
    if (Option.isNone(site)) return yield* invitationNotFound()
    if (site.value.ownerAccountId === accountId)
      return yield* new Conflict({ code: "already_member", message: "You own this site" })
    const membership: Membership = {
      siteId: invitation.siteId,
      accountId,
      role: invitation.role,
      addedAt: now,
    }
    if (!(yield* team.acceptInvitation(invitation.id, membership)))
      return yield* invitationNotFound()
    const actor: Actor = {
      _tag: "account",
      siteId: site.value.id,
      accountId,
      role: invitation.role,
    }
    yield* Audit.record(actor, "team.join", `account:${accountId}`, {
      invitation: invitation.id,
      role: invitation.role,
    })
    return { site: site.value, role: invitation.role }
  })

/** The membership of a non-owner, for changing or removing it. */
const memberToManage = (actor: Actor, accountId: AccountId) =>
  Effect.gen(function* () {
    const site = yield* Sites.get(actor.siteId)
    if (site.ownerAccountId === accountId) return yield* ownerImmutable()
    const found = yield* (yield* TeamStore).getMembership(site.id, accountId)
    if (Option.isNone(found)) return yield* memberNotFound()
    return found.value
  })

/**
 * Gives a member another role. The actor's role must outrank both the
 * member's current role and the new one; the owner cannot be changed
 * (Forbidden `owner_immutable`).
 *
 * @since 0.1.0
 * @category members
 * @example
 * const member = yield* Team.setRole(ownerActor, accountId, "admin")
 */
export const setRole = (
  actor: Actor,
  accountId: AccountId,
  role: TeamRole,
): Effect.Effect<
  TeamMemberView,
  InvalidInput | Forbidden | Unauthorized | NotFound | StoreError,
  SiteStore | AccountStore | TeamStore | ModerationStore
> =>
  Effect.gen(function* () {
    const next = yield* validRole(role)
    yield* authorize(actor, "team.manage")
    const current = yield* memberToManage(actor, accountId)
    yield* authorizeRole(actor, current.role)
    yield* authorizeRole(actor, next)
    const account = yield* (yield* AccountStore).get(accountId)
    if (Option.isNone(account)) return yield* memberNotFound()
    if (current.role !== next) {
      yield* (yield* TeamStore).putMembership({ ...current, role: next })
      yield* Audit.record(actor, "team.role", `account:${accountId}`, {
        from: current.role,
        to: next,
      })
    }
    return viewOfMember(account.value, next, current.addedAt)
  })

/**
 * Removes a member from the team. The actor's role must outrank the
 * member's, except that a member may always leave (remove themself); the
 * owner cannot be removed (Forbidden `owner_immutable`).
 *
 * @since 0.1.0
 * @category members
 */
export const remove = (
  actor: Actor,
  accountId: AccountId,
): Effect.Effect<
  void,
  Forbidden | Unauthorized | NotFound | StoreError,
  SiteStore | TeamStore | ModerationStore
> =>
  Effect.gen(function* () {
    const leaving = actor._tag === "account" && actor.accountId === accountId
    if (!leaving) yield* authorize(actor, "team.manage")
    const current = yield* memberToManage(actor, accountId)
    if (!leaving) yield* authorizeRole(actor, current.role)
    if (!(yield* (yield* TeamStore).removeMembership(actor.siteId, accountId)))
      return yield* memberNotFound()
    yield* Audit.record(actor, leaving ? "team.leave" : "team.remove", `account:${accountId}`, {
      role: current.role,
    })
  })
