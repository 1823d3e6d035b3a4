/**
 * SessionStore on PostgreSQL: refresh-token sessions and one-time challenges.
 * Every "only once" write is one guarded UPDATE, so of racing callers exactly
 * one sees its row change.
 */
import type { SqlClient } from "@effect/sql/SqlClient"
import type { Row } from "@effect/sql/SqlConnection"
import type { Ids, Session, SessionStore } from "@kommies/core"
import { Effect } from "effect"
import { attempt } from "./errors.js"
import { num, numOrNull, oneOrNone, strOrNull } from "./sql.js"

const sessionColumns = `id, family_id, site_id, subject, token_hash, created_at, expires_at,
  rotated_at, revoked_at`

const toSession = (row: Row): Session.Session => ({
  id: row.id as Ids.SessionId,
  familyId: String(row.family_id),
  siteId: strOrNull(row.site_id) as Ids.SiteId | null,
  subject: row.subject as Session.SessionSubject,
  tokenHash: String(row.token_hash),
  createdAt: num(row.created_at),
  expiresAt: num(row.expires_at),
  rotatedAt: numOrNull(row.rotated_at),
  revokedAt: numOrNull(row.revoked_at),
})

const challengeColumns = `id, site_id, email, purpose, code_hash, attempts, created_at,
  expires_at, consumed_at`

const toChallenge = (row: Row): Session.Challenge => ({
  id: String(row.id),
  siteId: strOrNull(row.site_id) as Ids.SiteId | null,
  email: String(row.email),
  purpose: row.purpose as Session.ChallengePurpose,
  codeHash: String(row.code_hash),
  attempts: num(row.attempts),
  createdAt: num(row.created_at),
  expiresAt: num(row.expires_at),
  consumedAt: numOrNull(row.consumed_at),
})

/** SessionStore over `sql`. */
export const make = (sql: SqlClient): SessionStore.SessionStoreShape => {
  const sessions = sql.literal(sessionColumns)
  const challenges = sql.literal(challengeColumns)
  const changed = (rows: ReadonlyArray<Row>) => rows.length > 0
  return {
    insert: (s) =>
      sql`INSERT INTO sessions (${sessions}) VALUES (
        ${s.id}, ${s.familyId}, ${s.siteId}, ${s.subject}, ${s.tokenHash}, ${s.createdAt},
        ${s.expiresAt}, ${s.rotatedAt}, ${s.revokedAt}
      )`.pipe(Effect.asVoid, attempt("SessionStore.insert")),

    get: (id) =>
      sql`SELECT ${sessions} FROM sessions WHERE id = ${id}`.pipe(
        Effect.map((rows) => oneOrNone(rows, toSession)),
        attempt("SessionStore.get"),
      ),

    markRotated: (id, at) =>
      sql`UPDATE sessions SET rotated_at = ${at}
        WHERE id = ${id} AND rotated_at IS NULL AND revoked_at IS NULL RETURNING 1`.pipe(
        Effect.map(changed),
        attempt("SessionStore.markRotated"),
      ),

    revoke: (id, at) =>
      sql`UPDATE sessions SET revoked_at = ${at} WHERE id = ${id} AND revoked_at IS NULL`.pipe(
        Effect.asVoid,
        attempt("SessionStore.revoke"),
      ),

    revokeFamily: (familyId, at) =>
      sql`UPDATE sessions SET revoked_at = ${at}
        WHERE family_id = ${familyId} AND revoked_at IS NULL`.pipe(
        Effect.asVoid,
        attempt("SessionStore.revokeFamily"),
      ),

    revokeSubject: (subject, at) =>
      sql`UPDATE sessions SET revoked_at = ${at}
        WHERE subject = ${subject} AND revoked_at IS NULL`.pipe(
        Effect.asVoid,
        attempt("SessionStore.revokeSubject"),
      ),

    insertChallenge: (c) =>
      sql`INSERT INTO challenges (${challenges}) VALUES (
        ${c.id}, ${c.siteId}, ${c.email}, ${c.purpose}, ${c.codeHash}, ${c.attempts},
        ${c.createdAt}, ${c.expiresAt}, ${c.consumedAt}
      )`.pipe(Effect.asVoid, attempt("SessionStore.insertChallenge")),

    getChallenge: (id) =>
      sql`SELECT ${challenges} FROM challenges WHERE id = ${id}`.pipe(
        Effect.map((rows) => oneOrNone(rows, toChallenge)),
        attempt("SessionStore.getChallenge"),
      ),

    addChallengeAttempt: (id) =>
      sql`UPDATE challenges SET attempts = attempts + 1 WHERE id = ${id} RETURNING attempts`.pipe(
        Effect.map((rows) => (rows[0] === undefined ? 0 : num(rows[0].attempts))),
        attempt("SessionStore.addChallengeAttempt"),
      ),

    consumeChallenge: (id, at) =>
      sql`UPDATE challenges SET consumed_at = ${at}
        WHERE id = ${id} AND consumed_at IS NULL RETURNING 1`.pipe(
        Effect.map(changed),
        attempt("SessionStore.consumeChallenge"),
      ),
  }
}
