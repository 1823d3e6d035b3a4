/**
 * NotificationStore on Redis: per recipient, a hash of notification rows, their
 * ids in lex order (newest first by id) and the set of unread ids (so marking
 * all read touches only unread ones); the global email outbox with its due
 * queue.
 *
 * @since 0.1.0
 */
import {
  Errors,
  type Notification as NotificationModule,
  type NotificationStore,
} from "@kommies/core"
import { Effect } from "effect"
import { global, site, siteBase } from "../keys.js"
import { position, token } from "../rows.js"
import {
  decodeEmail,
  decodeNotification,
  emailFields,
  encodeEmail,
  encodeNotification,
} from "../recordRows.js"
import { decoding, pageSize, pairs, run, script } from "../run.js"
import type { RedisConnectionShape } from "../../RedisConnection.js"
import * as Due from "./Due.js"

type OutboxEmail = NotificationModule.OutboxEmail

const attempts = position(emailFields, "attempts")
const nextAttemptAt = position(emailFields, "nextAttemptAt")
const sentAt = position(emailFields, "sentAt")

/**
 * The Redis NotificationStore over a connection.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (conn: RedisConnectionShape): NotificationStore.NotificationStoreShape => {
  const p = conn.prefix
  const baseOf = (siteId: string) => siteBase(p, siteId)
  const queue = global.emailQueue(p)
  const fetchEmail = (id: string) =>
    run(conn, "NotificationStore.dueEmails", (c) => c.get(global.email(p, id))).pipe(
      Effect.flatMap((row) =>
        decoding(conn, "NotificationStore.dueEmails", () =>
          row === null ? undefined : decodeEmail(id, row),
        ),
      ),
    )
  const due: Due.Due<OutboxEmail> = {
    fetch: fetchEmail,
    pending: (e) => e.sentAt === null,
    nextAttemptAt: (e) => e.nextAttemptAt,
    createdAt: (e) => e.createdAt,
  }

  return {
    insert: (n) => {
      const base = baseOf(n.siteId)
      return script(conn, "NotificationStore.insert", "kmNotificationInsert", [
        base + site.inbox(n.recipientId),
        base + site.inboxIds(n.recipientId),
        base + site.inboxUnread(n.recipientId),
        n.id,
        encodeNotification(n),
        n.read ? "0" : "1",
      ]).pipe(Effect.asVoid)
    },

    list: (siteId, recipientId, beforeId, limit) => {
      const base = baseOf(siteId)
      return script(conn, "NotificationStore.list", "kmLexHashPage", [
        base + site.inboxIds(recipientId),
        base + site.inbox(recipientId),
        beforeId === null ? "+" : `(${beforeId}`,
        "-",
        pageSize(limit),
        "desc",
      ]).pipe(
        Effect.flatMap((reply) =>
          decoding(conn, "NotificationStore.list", () =>
            pairs(reply).map(([id, row]) => decodeNotification(siteId, recipientId, id, row)),
          ),
        ),
      )
    },

    countUnread: (siteId, recipientId) =>
      run(conn, "NotificationStore.countUnread", (c) =>
        c.scard(baseOf(siteId) + site.inboxUnread(recipientId)),
      ),

    markRead: (siteId, recipientId, ids) => {
      if (ids !== null && ids.length === 0) return Effect.void
      const base = baseOf(siteId)
      return script(conn, "NotificationStore.markRead", "kmNotificationMarkRead", [
        base + site.inbox(recipientId),
        base + site.inboxUnread(recipientId),
        ...(ids === null ? ["all"] : ["some", ...ids]),
      ]).pipe(Effect.asVoid)
    },

    enqueueEmail: (email) =>
      Effect.gen(function* () {
        const stored = yield* run(conn, "NotificationStore.enqueueEmail", (c) =>
          c.set(global.email(p, email.id), encodeEmail(email), "NX"),
        )
        if (stored === null) {
          return yield* new Errors.StoreError({
            reason: "Conflict",
            message: `email ${email.id} already exists`,
          })
        }
        if (email.sentAt === null) {
          yield* run(conn, "NotificationStore.enqueueEmail", (c) =>
            c.zadd(queue, email.nextAttemptAt, email.id),
          )
        }
      }),

    dueEmails: (now, limit) =>
      Due.page(conn, "NotificationStore.dueEmails", queue, now, limit, due),

    markEmailSent: (id, at) =>
      script(conn, "NotificationStore.markEmailSent", "kmRowPatch", [
        global.email(p, id),
        "",
        "",
        sentAt,
        token(at),
      ]).pipe(
        Effect.flatMap(() =>
          run(conn, "NotificationStore.markEmailSent", (c) => c.zrem(queue, id)),
        ),
        Effect.asVoid,
      ),

    markEmailFailed: (id, next) =>
      script(conn, "NotificationStore.markEmailFailed", "kmRowPatch", [
        global.email(p, id),
        "",
        `${attempts}`,
        nextAttemptAt,
        token(next),
      ]).pipe(
        Effect.flatMap((row) =>
          decoding(conn, "NotificationStore.markEmailFailed", () =>
            typeof row === "string" ? decodeEmail(id, row) : undefined,
          ),
        ),
        Effect.flatMap((email) =>
          email !== undefined && email.sentAt === null
            ? Effect.asVoid(
                run(conn, "NotificationStore.markEmailFailed", (c) => c.zadd(queue, next, id)),
              )
            : Effect.void,
        ),
        Effect.asVoid,
      ),
  }
}
