/**
 * A site's team: accounts that help run a site they do not own (memberships),
 * and the emailed invitations that make them members.
 *
 * The owner is not a membership: it is `Site.ownerAccountId`, and nobody can
 * invite, change or remove it.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { AccountId, SiteId } from "../Ids.js"

/** The roles a team member can hold; the owner's role comes from the site. @since 0.1.0 @category models */
export const TeamRole = Schema.Literal("admin", "moderator")
/** @since 0.1.0 @category models */
export type TeamRole = typeof TeamRole.Type

/** @since 0.1.0 @category ids */
export const InvitationId = Schema.String.pipe(Schema.brand("InvitationId"))
/** @since 0.1.0 @category ids */
export type InvitationId = typeof InvitationId.Type

/**
 * An account's role on a site it does not own.
 *
 * @since 0.1.0
 * @category models
 */
export const Membership = Schema.Struct({
  siteId: SiteId,
  accountId: AccountId,
  role: TeamRole,
  addedAt: Schema.Number,
})
/** @since 0.1.0 @category models */
export type Membership = typeof Membership.Type

/**
 * An invitation to join a site's team, sent by email. Only the SHA-256 of the
 * emailed token is kept: whoever reads the store cannot accept it.
 *
 * @since 0.1.0
 * @category models
 */
export const Invitation = Schema.Struct({
  id: InvitationId,
  siteId: SiteId,
  /** Lower-cased; only the account with this email may accept. */
  email: Schema.String,
  role: TeamRole,
  /** SHA-256 of the emailed token, hex. */
  tokenHash: Schema.String,
  invitedBy: AccountId,
  createdAt: Schema.Number,
  expiresAt: Schema.Number,
})
/** @since 0.1.0 @category models */
export type Invitation = typeof Invitation.Type
