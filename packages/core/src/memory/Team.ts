/**
 * TeamStore in memory: memberships by site and by account, invitations by id,
 * token hash and site.
 *
 * @since 0.1.0
 */
import { Effect, Option } from "effect"
import type { Invitation, InvitationId, Membership } from "../domain/Membership.js"
import type { SiteId } from "../Ids.js"
import type { TeamStoreShape } from "../ports/TeamStore.js"
import {
  addToIndex,
  compareIds,
  duplicate,
  getOrCreate,
  removeFromIndex,
  type State,
  snapshot,
} from "./State.js"

const put = (state: State, membership: Membership): void => {
  getOrCreate(state.members, membership.siteId, () => new Map()).set(
    membership.accountId,
    snapshot(membership),
  )
  addToIndex(state.membershipsByAccount, membership.accountId, membership.siteId)
}

const dropInvitation = (state: State, siteId: SiteId, id: InvitationId): boolean => {
  const invitation = state.invitations.get(id)
  if (invitation === undefined || invitation.siteId !== siteId) return false
  state.invitations.delete(id)
  state.invitationByTokenHash.delete(invitation.tokenHash)
  removeFromIndex(state.invitationsBySite, siteId, id)
  return true
}

const byAge =
  <A>(at: (a: A) => number, id: (a: A) => string) =>
  (a: A, b: A): number =>
    at(a) - at(b) || compareIds(id(a), id(b))

const take = (limit: number) => Math.max(0, Math.floor(limit) || 0)

/**
 * The memory TeamStore over shared state.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (state: State): TeamStoreShape => ({
  putMembership: (membership) => Effect.sync(() => put(state, membership)),

  getMembership: (siteId, accountId) =>
    Effect.sync(() => Option.fromNullable(state.members.get(siteId)?.get(accountId))),

  removeMembership: (siteId, accountId) =>
    Effect.sync(() => {
      const members = state.members.get(siteId)
      if (members === undefined || !members.delete(accountId)) return false
      if (members.size === 0) state.members.delete(siteId)
      removeFromIndex(state.membershipsByAccount, accountId, siteId)
      return true
    }),

  listMembers: (siteId, limit) =>
    Effect.sync(() =>
      [...(state.members.get(siteId)?.values() ?? [])]
        .sort(
          byAge(
            (m) => m.addedAt,
            (m) => m.accountId,
          ),
        )
        .slice(0, take(limit)),
    ),

  listMemberships: (accountId) =>
    Effect.sync(() => {
      const out: Array<Membership> = []
      for (const siteId of state.membershipsByAccount.get(accountId) ?? []) {
        const m = state.members.get(siteId)?.get(accountId)
        if (m !== undefined) out.push(m)
      }
      return out.sort(
        byAge(
          (m) => m.addedAt,
          (m) => m.siteId,
        ),
      )
    }),

  insertInvitation: (invitation) =>
    Effect.suspend(() => {
      if (state.invitations.has(invitation.id))
        return Effect.fail(duplicate("invitation", invitation.id))
      if (state.invitationByTokenHash.has(invitation.tokenHash))
        return Effect.fail(duplicate("invitation token", invitation.id))
      state.invitations.set(invitation.id, snapshot(invitation))
      state.invitationByTokenHash.set(invitation.tokenHash, invitation.id)
      addToIndex(state.invitationsBySite, invitation.siteId, invitation.id)
      return Effect.void
    }),

  getInvitationByTokenHash: (tokenHash) =>
    Effect.sync(() => {
      const id = state.invitationByTokenHash.get(tokenHash)
      return Option.fromNullable(id === undefined ? undefined : state.invitations.get(id))
    }),

  listInvitations: (siteId, limit) =>
    Effect.sync(() => {
      const out: Array<Invitation> = []
      for (const id of state.invitationsBySite.get(siteId) ?? []) {
        const invitation = state.invitations.get(id)
        if (invitation !== undefined) out.push(invitation)
      }
      return out
        .sort(
          byAge(
            (i) => i.createdAt,
            (i) => i.id,
          ),
        )
        .slice(0, take(limit))
    }),

  deleteInvitation: (siteId, id) => Effect.sync(() => dropInvitation(state, siteId, id)),

  // One synchronous step: nothing else runs between the delete and the put.
  acceptInvitation: (id, membership) =>
    Effect.sync(() => {
      if (!dropInvitation(state, membership.siteId, id)) return false
      put(state, membership)
      return true
    }),
})
