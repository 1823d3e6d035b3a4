/**
 * TeamStore on PostgreSQL: memberships keyed by (site, account) with an index
 * by account, and invitations unique by token hash. Accepting an invitation is
 * one statement (delete, then insert from what was deleted), so it is atomic
 * and a second accept of the same invitation finds nothing to delete.
 */
import type { SqlClient } from "@effect/sql/SqlClient"
import type { Row } from "@effect/sql/SqlConnection"
import { Errors, type Ids, type Membership, type TeamStore } from "@kommies/core"
import { Effect } from "effect"
import { attempt, onUniqueViolation } from "./errors.js"
import { num, oneOrNone, pageSize } from "./sql.js"

const memberColumns = `site_id, account_id, role, added_at`

const toMembership = (row: Row): Membership.Membership => ({
  siteId: row.site_id as Ids.SiteId,
  accountId: row.account_id as Ids.AccountId,
  role: row.role as Membership.TeamRole,
  addedAt: num(row.added_at),
})

const invitationColumns = `id, site_id, email, role, token_hash, invited_by, created_at, expires_at`

const toInvitation = (row: Row): Membership.Invitation => ({
  id: row.id as Membership.InvitationId,
  siteId: row.site_id as Ids.SiteId,
  email: String(row.email),
  role: row.role as Membership.TeamRole,
  tokenHash: String(row.token_hash),
  invitedBy: row.invited_by as Ids.AccountId,
  createdAt: num(row.created_at),
  expiresAt: num(row.expires_at),
})

/** TeamStore over `sql`. */
export const make = (sql: SqlClient): TeamStore.TeamStoreShape => ({
  putMembership: (m) =>
    sql`INSERT INTO team_members (${sql.literal(memberColumns)})
      VALUES (${m.siteId}, ${m.accountId}, ${m.role}, ${m.addedAt})
      ON CONFLICT (site_id, account_id)
      DO UPDATE SET role = EXCLUDED.role, added_at = EXCLUDED.added_at`.pipe(
      Effect.asVoid,
      attempt("TeamStore.putMembership"),
    ),

  getMembership: (siteId, accountId) =>
    sql`SELECT ${sql.literal(memberColumns)} FROM team_members
      WHERE site_id = ${siteId} AND account_id = ${accountId}`.pipe(
      Effect.map((rows) => oneOrNone(rows, toMembership)),
      attempt("TeamStore.getMembership"),
    ),

  removeMembership: (siteId, accountId) =>
    sql`DELETE FROM team_members WHERE site_id = ${siteId} AND account_id = ${accountId}
      RETURNING 1`.pipe(
      Effect.map((rows) => rows.length > 0),
      attempt("TeamStore.removeMembership"),
    ),

  listMembers: (siteId, limit) =>
    pageSize(limit) === 0
      ? Effect.succeed([])
      : sql`SELECT ${sql.literal(memberColumns)} FROM team_members WHERE site_id = ${siteId}
          ORDER BY added_at, account_id LIMIT ${pageSize(limit)}`.pipe(
          Effect.map((rows) => rows.map(toMembership)),
          attempt("TeamStore.listMembers"),
        ),

  listMemberships: (accountId) =>
    sql`SELECT ${sql.literal(memberColumns)} FROM team_members WHERE account_id = ${accountId}
      ORDER BY added_at, site_id`.pipe(
      Effect.map((rows) => rows.map(toMembership)),
      attempt("TeamStore.listMemberships"),
    ),

  insertInvitation: (i) =>
    sql`INSERT INTO team_invitations (${sql.literal(invitationColumns)}) VALUES (
      ${i.id}, ${i.siteId}, ${i.email}, ${i.role}, ${i.tokenHash}, ${i.invitedBy},
      ${i.createdAt}, ${i.expiresAt}
    )`.pipe(
      Effect.asVoid,
      onUniqueViolation(
        (constraint) =>
          new Errors.StoreError({
            reason: "Conflict",
            message:
              constraint === "team_invitations_token_hash_key"
                ? `invitation ${i.id}: the token hash is taken`
                : `invitation ${i.id} already exists`,
          }),
      ),
      attempt("TeamStore.insertInvitation"),
    ),

  getInvitationByTokenHash: (tokenHash) =>
    sql`SELECT ${sql.literal(invitationColumns)} FROM team_invitations
      WHERE token_hash = ${tokenHash}`.pipe(
      Effect.map((rows) => oneOrNone(rows, toInvitation)),
      attempt("TeamStore.getInvitationByTokenHash"),
    ),

  listInvitations: (siteId, limit) =>
    pageSize(limit) === 0
      ? Effect.succeed([])
      : sql`SELECT ${sql.literal(invitationColumns)} FROM team_invitations
          WHERE site_id = ${siteId} ORDER BY created_at, id LIMIT ${pageSize(limit)}`.pipe(
          Effect.map((rows) => rows.map(toInvitation)),
          attempt("TeamStore.listInvitations"),
        ),

  deleteInvitation: (siteId, id) =>
    sql`DELETE FROM team_invitations WHERE id = ${id} AND site_id = ${siteId} RETURNING 1`.pipe(
      Effect.map((rows) => rows.length > 0),
      attempt("TeamStore.deleteInvitation"),
    ),

  acceptInvitation: (id, m) =>
    sql`WITH accepted AS (
        DELETE FROM team_invitations WHERE id = ${id} AND site_id = ${m.siteId} RETURNING site_id
      )
      INSERT INTO team_members (${sql.literal(memberColumns)})
      SELECT site_id, ${m.accountId}, ${m.role}, ${m.addedAt} FROM accepted
      ON CONFLICT (site_id, account_id)
      DO UPDATE SET role = EXCLUDED.role, added_at = EXCLUDED.added_at
      RETURNING 1`.pipe(
      Effect.map((rows) => rows.length > 0),
      attempt("TeamStore.acceptInvitation"),
    ),
})
