/**
 * NotificationStore on PostgreSQL: notifications with an unread counter per
 * recipient (kept in the same statement as every change, so `countUnread` is a
 * single-row read), and the email outbox shared by every site.
 */
import type { SqlClient } from "@effect/sql/SqlClient"
import type { Row } from "@effect/sql/SqlConnection"
import type { Ids, Notification, NotificationStore } from "@kommies/core"
import { Effect } from "effect"
import { attempt } from "./errors.js"
import { num, numOrNull, pageSize, textArray, unique } from "./sql.js"

const notificationColumns = `id, site_id, recipient_id, kind, comment_id, thread_id, actor_id,
  read, created_at`

const toNotification = (row: Row): Notification.Notification => ({
  id: row.id as Ids.NotificationId,
  siteId: row.site_id as Ids.SiteId,
  recipientId: row.recipient_id as Ids.CommenterId,
  kind: row.kind as Notification.NotificationKind,
  commentId: row.comment_id as Ids.CommentId,
  threadId: row.thread_id as Ids.ThreadId,
  actorId: row.actor_id as Ids.CommenterId,
  read: row.read === true,
  createdAt: num(row.created_at),
})

const emailColumns = `id, recipient, subject, text, attempts, next_attempt_at, sent_at, created_at`

const toEmail = (row: Row): Notification.OutboxEmail => ({
  id: String(row.id),
  to: String(row.recipient),
  subject: String(row.subject),
  text: String(row.text),
  attempts: num(row.attempts),
  nextAttemptAt: num(row.next_attempt_at),
  sentAt: numOrNull(row.sent_at),
  createdAt: num(row.created_at),
})

/** NotificationStore over `sql`. */
export const make = (sql: SqlClient): NotificationStore.NotificationStoreShape => {
  const notifications = sql.literal(notificationColumns)
  const emails = sql.literal(emailColumns)
  return {
    insert: (n) =>
      sql`WITH ins AS (
        INSERT INTO notifications (${notifications}) VALUES (
          ${n.id}, ${n.siteId}, ${n.recipientId}, ${n.kind}, ${n.commentId}, ${n.threadId},
          ${n.actorId}, ${n.read}, ${n.createdAt}
        ) RETURNING read
      )
      INSERT INTO notification_inboxes (site_id, recipient_id, unread)
      SELECT ${n.siteId}, ${n.recipientId}, CASE WHEN ins.read THEN 0 ELSE 1 END FROM ins
      ON CONFLICT (site_id, recipient_id) DO UPDATE
        SET unread = notification_inboxes.unread + EXCLUDED.unread`.pipe(
        Effect.asVoid,
        attempt("NotificationStore.insert"),
      ),

    list: (siteId, recipientId, beforeId, limit) =>
      pageSize(limit) === 0
        ? Effect.succeed([])
        : sql`SELECT ${notifications} FROM notifications
            WHERE site_id = ${siteId} AND recipient_id = ${recipientId}
              ${beforeId === null ? sql`` : sql`AND id < ${beforeId}`}
            ORDER BY id DESC LIMIT ${pageSize(limit)}`.pipe(
            Effect.map((rows) => rows.map(toNotification)),
            attempt("NotificationStore.list"),
          ),

    countUnread: (siteId, recipientId) =>
      sql`SELECT unread FROM notification_inboxes
        WHERE site_id = ${siteId} AND recipient_id = ${recipientId}`.pipe(
        Effect.map((rows) => (rows[0] === undefined ? 0 : num(rows[0].unread))),
        attempt("NotificationStore.countUnread"),
      ),

    // Racing calls flip each row once (the update re-checks `NOT read`), and
    // the counter drops by exactly the rows this call flipped.
    markRead: (siteId, recipientId, ids) =>
      ids !== null && ids.length === 0
        ? Effect.void
        : sql`WITH flipped AS (
            UPDATE notifications SET read = true
            WHERE site_id = ${siteId} AND recipient_id = ${recipientId} AND NOT read
              ${ids === null ? sql`` : sql`AND id = ANY(${textArray(unique(ids))}::text[])`}
            RETURNING 1
          )
          UPDATE notification_inboxes SET unread = unread - (SELECT count(*) FROM flipped)
          WHERE site_id = ${siteId} AND recipient_id = ${recipientId}
            AND (SELECT count(*) FROM flipped) > 0`.pipe(
            Effect.asVoid,
            attempt("NotificationStore.markRead"),
          ),

    enqueueEmail: (e) =>
      sql`INSERT INTO outbox_emails (${emails}) VALUES (
        ${e.id}, ${e.to}, ${e.subject}, ${e.text}, ${e.attempts}, ${e.nextAttemptAt},
        ${e.sentAt}, ${e.createdAt}
      )`.pipe(Effect.asVoid, attempt("NotificationStore.enqueueEmail")),

    dueEmails: (now, limit) =>
      pageSize(limit) === 0
        ? Effect.succeed([])
        : sql`SELECT ${emails} FROM outbox_emails
            WHERE sent_at IS NULL AND next_attempt_at <= ${now}
            ORDER BY created_at, id LIMIT ${pageSize(limit)}`.pipe(
            Effect.map((rows) => rows.map(toEmail)),
            attempt("NotificationStore.dueEmails"),
          ),

    markEmailSent: (id, at) =>
      sql`UPDATE outbox_emails SET sent_at = ${at} WHERE id = ${id}`.pipe(
        Effect.asVoid,
        attempt("NotificationStore.markEmailSent"),
      ),

    markEmailFailed: (id, nextAttemptAt) =>
      sql`UPDATE outbox_emails SET attempts = attempts + 1, next_attempt_at = ${nextAttemptAt}
        WHERE id = ${id}`.pipe(Effect.asVoid, attempt("NotificationStore.markEmailFailed")),
  }
}
