/**
 * TeamStore on Redis, under the `{registry}` tag with sites and accounts (see
 * scripts/team.ts): memberships by site and by account, invitations by id,
 * token hash and site. Every write that touches more than one key is a script.
 *
 * @since 0.1.0
 */
import type { Membership as MembershipModule, TeamStore } from "@kommies/core"
import { Effect, Option } from "effect"
import type { RedisConnectionShape } from "../../RedisConnection.js"
import { registry, registryBase } from "../keys.js"
import { parseRecord } from "../rows.js"
import { compareIds, decoding, pageSize, pairs, run, script } from "../run.js"

type Membership = MembershipModule.Membership
type Invitation = MembershipModule.Invitation

const byAddedAt = (siteOrAccount: (m: Membership) => string) => (a: Membership, b: Membership) =>
  a.addedAt - b.addedAt || compareIds(siteOrAccount(a), siteOrAccount(b))

const byCreatedAt = (a: Invitation, b: Invitation) =>
  a.createdAt - b.createdAt || compareIds(a.id, b.id)

/**
 * The Redis TeamStore over a connection.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (conn: RedisConnectionShape): TeamStore.TeamStoreShape => {
  const base = registryBase(conn.prefix)
  const member = (what: string) => (row: string) => parseRecord<Membership>(row, what)
  const invitation = (what: string) => (row: string) => parseRecord<Invitation>(row, what)
  return {
    putMembership: (m) =>
      script(conn, "TeamStore.putMembership", "kmTeamPut", [
        base + registry.team(m.siteId),
        base,
        m.siteId,
        m.accountId,
        JSON.stringify(m),
      ]).pipe(Effect.asVoid),

    getMembership: (siteId, accountId) =>
      run(conn, "TeamStore.getMembership", (c) =>
        c.hget(base + registry.team(siteId), accountId),
      ).pipe(
        Effect.flatMap((row) =>
          decoding(conn, "TeamStore.getMembership", () =>
            row === null ? Option.none() : Option.some(member("membership")(row)),
          ),
        ),
      ),

    removeMembership: (siteId, accountId) =>
      script(conn, "TeamStore.removeMembership", "kmTeamRemove", [
        base + registry.team(siteId),
        base,
        siteId,
        accountId,
      ]).pipe(Effect.map((removed) => removed === 1)),

    // A team is small (core caps it), so the whole hash is one bounded read.
    listMembers: (siteId, limit) =>
      run(conn, "TeamStore.listMembers", (c) => c.hvals(base + registry.team(siteId))).pipe(
        Effect.flatMap((rows) =>
          decoding(conn, "TeamStore.listMembers", () =>
            rows
              .map(member(`team of site ${siteId}`))
              .sort(byAddedAt((m) => m.accountId))
              .slice(0, pageSize(limit)),
          ),
        ),
      ),

    listMemberships: (accountId) =>
      script(conn, "TeamStore.listMemberships", "kmTeamOfAccount", [
        base + registry.teamOfAccount(accountId),
        base,
        accountId,
      ]).pipe(
        Effect.flatMap((reply) =>
          decoding(conn, "TeamStore.listMemberships", () =>
            (Array.isArray(reply) ? (reply as Array<string>) : [])
              .map(member(`memberships of account ${accountId}`))
              .sort(byAddedAt((m) => m.siteId)),
          ),
        ),
      ),

    insertInvitation: (i) =>
      script(conn, "TeamStore.insertInvitation", "kmInvitationInsert", [
        base + registry.invitation(i.id),
        base,
        i.id,
        i.siteId,
        i.tokenHash,
        JSON.stringify(i),
      ]).pipe(Effect.asVoid),

    getInvitationByTokenHash: (tokenHash) =>
      script(conn, "TeamStore.getInvitationByTokenHash", "kmRowByPointer", [
        base + registry.invitationToken(tokenHash),
        base,
        "ti:",
      ]).pipe(
        Effect.flatMap((row) =>
          decoding(conn, "TeamStore.getInvitationByTokenHash", () => {
            if (typeof row !== "string") return Option.none<Invitation>()
            const found = invitation("invitation")(row)
            return found.tokenHash === tokenHash ? Option.some(found) : Option.none<Invitation>()
          }),
        ),
      ),

    listInvitations: (siteId, limit) =>
      script(conn, "TeamStore.listInvitations", "kmRowsOfSet", [
        base + registry.invitationsOfSite(siteId),
        base,
        "ti:",
      ]).pipe(
        Effect.flatMap((reply) =>
          decoding(conn, "TeamStore.listInvitations", () =>
            pairs(reply)
              .map(([id, row]) => invitation(`invitation ${id}`)(row))
              .sort(byCreatedAt)
              .slice(0, pageSize(limit)),
          ),
        ),
      ),

    deleteInvitation: (siteId, id) =>
      script(conn, "TeamStore.deleteInvitation", "kmInvitationDelete", [
        base + registry.invitation(id),
        base,
        id,
        siteId,
      ]).pipe(Effect.map((deleted) => deleted === 1)),

    acceptInvitation: (id, m) =>
      script(conn, "TeamStore.acceptInvitation", "kmInvitationAccept", [
        base + registry.invitation(id),
        base,
        id,
        m.siteId,
        m.accountId,
        JSON.stringify(m),
      ]).pipe(Effect.map((accepted) => accepted === 1)),
  }
}
