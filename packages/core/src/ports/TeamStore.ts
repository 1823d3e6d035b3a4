/**
 * Port: site teams — memberships of accounts on sites they do not own, and
 * pending invitations.
 *
 * Rules (who may invite whom, expiry, email match) live in the `Team` service;
 * a store keeps records and makes `acceptInvitation` atomic.
 *
 * @since 0.1.0
 */
import { Context, type Effect, type Option } from "effect"
import type { Invitation, InvitationId, Membership } from "../domain/Membership.js"
import type { StoreError } from "../Errors.js"
import type { AccountId, SiteId } from "../Ids.js"

/** @since 0.1.0 @category ports */
export interface TeamStoreShape {
  /** Inserts the membership, or replaces the one of the same (site, account). */
  readonly putMembership: (membership: Membership) => Effect.Effect<void, StoreError>
  readonly getMembership: (
    siteId: SiteId,
    accountId: AccountId,
  ) => Effect.Effect<Option.Option<Membership>, StoreError>
  /** True when there was a membership to remove. */
  readonly removeMembership: (
    siteId: SiteId,
    accountId: AccountId,
  ) => Effect.Effect<boolean, StoreError>
  /**
   * The site's members, oldest first (ties by account id), at most `limit`.
   * A team is small (the service caps it), so this is one bounded read.
   */
  readonly listMembers: (
    siteId: SiteId,
    limit: number,
  ) => Effect.Effect<ReadonlyArray<Membership>, StoreError>
  /** Every membership of the account, on any site, oldest first (ties by site id). */
  readonly listMemberships: (
    accountId: AccountId,
  ) => Effect.Effect<ReadonlyArray<Membership>, StoreError>
  /** Stores a new invitation; a duplicate id or token hash is a StoreError `Conflict`. */
  readonly insertInvitation: (invitation: Invitation) => Effect.Effect<void, StoreError>
  /** The invitation whose token hashes to `tokenHash`, on any site. */
  readonly getInvitationByTokenHash: (
    tokenHash: string,
  ) => Effect.Effect<Option.Option<Invitation>, StoreError>
  /** The site's pending invitations, oldest first (ties by id), at most `limit`. */
  readonly listInvitations: (
    siteId: SiteId,
    limit: number,
  ) => Effect.Effect<ReadonlyArray<Invitation>, StoreError>
  /** True when the site had the invitation. */
  readonly deleteInvitation: (
    siteId: SiteId,
    id: InvitationId,
  ) => Effect.Effect<boolean, StoreError>
  /**
   * In one atomic step: deletes the site's invitation `id` and puts
   * `membership` (same site). When the invitation is already gone (accepted
   * or revoked meanwhile) nothing is written and the result is false.
   */
  readonly acceptInvitation: (
    id: InvitationId,
    membership: Membership,
  ) => Effect.Effect<boolean, StoreError>
}

/** @since 0.1.0 @category ports */
export class TeamStore extends Context.Tag("@kommies/core/TeamStore")<
  TeamStore,
  TeamStoreShape
>() {}
