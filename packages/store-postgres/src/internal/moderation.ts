/**
 * ModerationStore on PostgreSQL: reports (one per reporter and comment, counted
 * on the comment in the same statement), bans and the audit log.
 */
import type { SqlClient } from "@effect/sql/SqlClient"
import type { Row } from "@effect/sql/SqlConnection"
import type { AuditEntry, Ban, Ids, ModerationStore, Report } from "@kommies/core"
import { Effect } from "effect"
import { attempt } from "./errors.js"
import { json, num, numOrNull, oneOrNone, pageSize, parsed, strOrNull } from "./sql.js"

const reportColumns = `id, site_id, comment_id, reporter_id, reason, note, created_at`

const toReport = (row: Row): Report.Report => ({
  id: row.id as Ids.ReportId,
  siteId: row.site_id as Ids.SiteId,
  commentId: row.comment_id as Ids.CommentId,
  reporterId: row.reporter_id as Ids.CommenterId,
  reason: row.reason as Report.ReportReason,
  note: strOrNull(row.note),
  createdAt: num(row.created_at),
})

const banColumns = `site_id, commenter_id, kind, reason, expires_at, created_by, created_at`

const toBan = (row: Row): Ban.Ban => ({
  siteId: row.site_id as Ids.SiteId,
  commenterId: row.commenter_id as Ids.CommenterId,
  kind: row.kind as Ban.BanKind,
  reason: strOrNull(row.reason),
  expiresAt: numOrNull(row.expires_at),
  createdBy: String(row.created_by),
  createdAt: num(row.created_at),
})

const auditColumns = `id, site_id, actor, action, target, details, created_at`

const toAudit = (row: Row): AuditEntry.AuditEntry => ({
  id: row.id as Ids.AuditId,
  siteId: row.site_id as Ids.SiteId,
  actor: String(row.actor),
  action: String(row.action),
  target: String(row.target),
  details: parsed<Record<string, unknown>>(row.details),
  createdAt: num(row.created_at),
})

/** ModerationStore over `sql`. */
export const make = (sql: SqlClient): ModerationStore.ModerationStoreShape => {
  const reports = sql.literal(reportColumns)
  const bans = sql.literal(banColumns)
  const audit = sql.literal(auditColumns)
  const reportCount = (siteId: Ids.SiteId, commentId: Ids.CommentId) =>
    sql`SELECT report_count FROM comments WHERE id = ${commentId} AND site_id = ${siteId}`

  return {
    // The insert waits for a racing duplicate to commit and then does nothing;
    // the count update queues on the comment row, so each caller reads its own
    // total. A comment the site does not hold keeps its reports uncounted, and
    // the answer is the number of its reports (as in the memory store).
    addReport: (r) =>
      Effect.gen(function* () {
        const [row] = yield* sql`WITH ins AS (
          INSERT INTO reports (${reports}) VALUES (
            ${r.id}, ${r.siteId}, ${r.commentId}, ${r.reporterId}, ${r.reason}, ${r.note},
            ${r.createdAt}
          )
          ON CONFLICT (comment_id, reporter_id) DO NOTHING
          RETURNING 1
        ), bump AS (
          UPDATE comments SET report_count = report_count + 1
          WHERE id = ${r.commentId} AND site_id = ${r.siteId} AND EXISTS (SELECT 1 FROM ins)
          RETURNING report_count
        )
        SELECT (SELECT count(*) FROM ins) AS added, (SELECT report_count FROM bump) AS count`
        const added = num(row?.added) > 0
        if (row?.count !== null && row?.count !== undefined) return { added, count: num(row.count) }
        const [stored] = yield* reportCount(r.siteId, r.commentId)
        if (stored !== undefined) return { added, count: num(stored.report_count) }
        const [filed] = yield* sql`SELECT count(*) AS n FROM reports
          WHERE comment_id = ${r.commentId} AND site_id = ${r.siteId}`
        return { added, count: num(filed?.n ?? 0) }
      }).pipe(attempt("ModerationStore.addReport")),

    listReports: (siteId, commentId) =>
      sql`SELECT ${reports} FROM reports WHERE comment_id = ${commentId} AND site_id = ${siteId}
        ORDER BY created_at, id`.pipe(
        Effect.map((rows) => rows.map(toReport)),
        attempt("ModerationStore.listReports"),
      ),

    // The comment row is locked first, so a report racing with the clear either
    // commits before (and is deleted) or counts after (and stays).
    clearReports: (siteId, commentId) =>
      sql
        .withTransaction(
          Effect.gen(function* () {
            yield* sql`SELECT 1 FROM comments WHERE id = ${commentId} AND site_id = ${siteId}
              FOR NO KEY UPDATE`
            yield* sql`DELETE FROM reports WHERE comment_id = ${commentId} AND site_id = ${siteId}`
            yield* sql`UPDATE comments SET report_count = 0
              WHERE id = ${commentId} AND site_id = ${siteId} AND report_count <> 0`
          }),
        )
        .pipe(attempt("ModerationStore.clearReports")),

    putBan: (ban) =>
      sql`INSERT INTO bans (${bans}) VALUES (
        ${ban.siteId}, ${ban.commenterId}, ${ban.kind}, ${ban.reason}, ${ban.expiresAt},
        ${ban.createdBy}, ${ban.createdAt}
      ) ON CONFLICT (site_id, commenter_id) DO UPDATE SET kind = EXCLUDED.kind,
        reason = EXCLUDED.reason, expires_at = EXCLUDED.expires_at,
        created_by = EXCLUDED.created_by, created_at = EXCLUDED.created_at`.pipe(
        Effect.asVoid,
        attempt("ModerationStore.putBan"),
      ),

    getBan: (siteId, commenterId) =>
      sql`SELECT ${bans} FROM bans WHERE site_id = ${siteId} AND commenter_id = ${commenterId}`.pipe(
        Effect.map((rows) => oneOrNone(rows, toBan)),
        attempt("ModerationStore.getBan"),
      ),

    removeBan: (siteId, commenterId) =>
      sql`DELETE FROM bans WHERE site_id = ${siteId} AND commenter_id = ${commenterId}
        RETURNING 1`.pipe(
        Effect.map((rows) => rows.length > 0),
        attempt("ModerationStore.removeBan"),
      ),

    listBans: (siteId) =>
      sql`SELECT ${bans} FROM bans WHERE site_id = ${siteId}
        ORDER BY created_at DESC, commenter_id`.pipe(
        Effect.map((rows) => rows.map(toBan)),
        attempt("ModerationStore.listBans"),
      ),

    appendAudit: (entry) =>
      sql`INSERT INTO audit_entries (${audit}) VALUES (
        ${entry.id}, ${entry.siteId}, ${entry.actor}, ${entry.action}, ${entry.target},
        ${json(entry.details)}::jsonb, ${entry.createdAt}
      )`.pipe(Effect.asVoid, attempt("ModerationStore.appendAudit")),

    listAudit: (siteId, beforeId, limit) =>
      pageSize(limit) === 0
        ? Effect.succeed([])
        : sql`SELECT ${audit} FROM audit_entries WHERE site_id = ${siteId}
            ${beforeId === null ? sql`` : sql`AND id < ${beforeId}`}
            ORDER BY id DESC LIMIT ${pageSize(limit)}`.pipe(
            Effect.map((rows) => rows.map(toAudit)),
            attempt("ModerationStore.listAudit"),
          ),
  }
}
