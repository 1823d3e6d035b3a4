/**
 * What the `Team` service shows and shares: the views of members and
 * invitations (never a token or its hash), its limits, its errors and
 * the token hash.
 *
 * @since 0.1.0
 */
import { Effect } from "effect"
import type { Account } from "../domain/Account.js"
import type { Invitation, InvitationId, TeamRole } from "../domain/Membership.js"
import { Forbidden, InvalidInput, NotFound } from "../Errors.js"
import type { AccountId } from "../Ids.js"
import { sha256Hex } from "../internal/crypto.js"

/** A member as the team page shows them. @since 0.1.0 @category models */
export interface TeamMemberView {
  readonly accountId: AccountId
  readonly email: string
  readonly name: string
  readonly role: "owner" | TeamRole
  /** When they joined; for the owner, when the site was created. */
  readonly addedAt: number
}

/** A pending invitation as the team page shows it: never the token or its hash. @since 0.1.0 @category models */
export interface InvitationView {
  readonly id: InvitationId
  readonly email: string
  readonly role: TeamRole
  readonly createdAt: number
  readonly expiresAt: number
}

/** The team of a site: members (owner first) and pending invitations. @since 0.1.0 @category models */
export interface TeamView {
  readonly members: ReadonlyArray<TeamMemberView>
  readonly invitations: ReadonlyArray<InvitationView>
}

/** What `invite` needs. @since 0.1.0 @category models */
export interface InviteInput {
  readonly email: string
  readonly role: TeamRole
  /** The URL the email links to, given the invitation's one-time token. */
  readonly link: (token: string) => string
}

/**
 * Most members plus pending invitations a site may have: keeps every team
 * read one small, bounded query.
 *
 * @since 0.1.0
 * @category constants
 */
export const maxTeamSize = 100

/** How long an invitation stays valid. @since 0.1.0 @category constants */
export const invitationTtlMillis = 7 * 24 * 60 * 60 * 1000

// Domain-separated, so a token of another kind never hashes to an invitation's.
/** The SHA-256 stored for an invitation token. @since 0.1.0 @category constructors */
export const tokenHashOf = (token: string) => sha256Hex(`kommies:invitation:${token}`)

/** @since 0.1.0 @category errors */
export const invitationNotFound = () =>
  new NotFound({
    code: "invitation_not_found",
    message: "This invitation does not exist or has expired",
  })

/** @since 0.1.0 @category errors */
export const memberNotFound = () =>
  new NotFound({ code: "member_not_found", message: "No such member of this site's team" })

/** @since 0.1.0 @category errors */
export const ownerImmutable = () =>
  new Forbidden({
    code: "owner_immutable",
    message: "The site's owner cannot be removed or given another role",
  })

/** @since 0.1.0 @category constructors */
export const viewOfInvitation = (i: Invitation): InvitationView => ({
  id: i.id,
  email: i.email,
  role: i.role,
  createdAt: i.createdAt,
  expiresAt: i.expiresAt,
})

/** @since 0.1.0 @category constructors */
export const viewOfMember = (
  account: Account,
  role: TeamMemberView["role"],
  addedAt: number,
): TeamMemberView => ({
  accountId: account.id,
  email: account.email,
  name: account.name,
  role,
  addedAt,
})

/** A team role, or InvalidInput `role_invalid`. @since 0.1.0 @category rules */
export const validRole = (role: unknown): Effect.Effect<TeamRole, InvalidInput> =>
  role === "admin" || role === "moderator"
    ? Effect.succeed(role)
    : Effect.fail(
        new InvalidInput({ code: "role_invalid", message: "A team role is admin or moderator" }),
      )
