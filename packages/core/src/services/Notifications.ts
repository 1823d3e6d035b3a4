/**
 * Notifications: telling a commenter that somebody replied to them, in the
 * widget and (when their email is verified) by email through the outbox.
 *
 * @since 0.1.0
 */
import { Clock, Effect, Option } from "effect"
import type { Comment } from "../domain/Comment.js"
import type { Commenter } from "../domain/Commenter.js"
import type { Notification } from "../domain/Notification.js"
import { Forbidden, type StoreError } from "../Errors.js"
import { type NotificationId, uuidv7 } from "../Ids.js"
import { CommenterStore } from "../ports/CommenterStore.js"
import { CommentStore } from "../ports/CommentStore.js"
import { Mailer } from "../ports/Mailer.js"
import { NotificationStore } from "../ports/NotificationStore.js"
import { type Actor, commenterOf } from "./Actor.js"
import * as Markdown from "./Markdown.js"

/**
 * Called when a comment becomes visible: notifies the author of the comment it
 * replies to (not when replying to oneself).
 *
 * @since 0.1.0
 * @category events
 */
export const onPublished = (
  comment: Comment,
  author: Commenter,
): Effect.Effect<void, StoreError, CommentStore | CommenterStore | NotificationStore> =>
  Effect.gen(function* () {
    if (comment.parentId === null) return
    const parent = yield* (yield* CommentStore).get(comment.siteId, comment.parentId)
    if (Option.isNone(parent) || parent.value.authorId === comment.authorId) return
    const now = yield* Clock.currentTimeMillis
    const notifications = yield* NotificationStore
    const notification: Notification = {
      id: (yield* uuidv7) as NotificationId,
      siteId: comment.siteId,
      recipientId: parent.value.authorId,
      kind: "reply",
      commentId: comment.id,
      threadId: comment.threadId,
      actorId: comment.authorId,
      read: false,
      createdAt: now,
    }
    yield* notifications.insert(notification)
    const recipient = yield* (yield* CommenterStore).get(comment.siteId, parent.value.authorId)
    if (
      Option.isSome(recipient) &&
      recipient.value.email !== null &&
      recipient.value.emailVerified
    ) {
      const excerpt = Markdown.toPlainText(comment.body).slice(0, 280)
      yield* notifications.enqueueEmail({
        id: yield* uuidv7,
        to: recipient.value.email,
        subject: `${author.displayName} replied to your comment`,
        text: `${author.displayName} wrote:\n\n${excerpt}\n`,
        attempts: 0,
        nextAttemptAt: now,
        sentAt: null,
        createdAt: now,
      })
    }
  })

const signedIn = (actor: Actor) => {
  const id = commenterOf(actor)
  return id === null
    ? Effect.fail(
        new Forbidden({ code: "commenter_required", message: "Sign in to see notifications" }),
      )
    : Effect.succeed(id)
}

/**
 * The signed-in commenter's notifications, newest first, and how many are unread.
 *
 * @since 0.1.0
 * @category queries
 */
export const list = (
  actor: Actor,
  options: { readonly before?: NotificationId | null; readonly limit?: number } = {},
): Effect.Effect<
  { readonly items: ReadonlyArray<Notification>; readonly unread: number },
  Forbidden | StoreError,
  NotificationStore
> =>
  Effect.gen(function* () {
    const me = yield* signedIn(actor)
    const store = yield* NotificationStore
    const limit = Math.min(Math.max(options.limit ?? 20, 1), 100)
    const items = yield* store.list(actor.siteId, me, options.before ?? null, limit)
    return { items, unread: yield* store.countUnread(actor.siteId, me) }
  })

/** Marks the given (or all) notifications of the signed-in commenter read. @since 0.1.0 @category commands */
export const markRead = (
  actor: Actor,
  ids: ReadonlyArray<NotificationId> | null,
): Effect.Effect<void, Forbidden | StoreError, NotificationStore> =>
  Effect.gen(function* () {
    const me = yield* signedIn(actor)
    yield* (yield* NotificationStore).markRead(actor.siteId, me, ids)
  })

/**
 * Sends due emails of the outbox through the Mailer; a failed send is retried
 * later with exponential backoff (1 min, 2, 4 … up to 6 h). Returns how many were sent.
 *
 * @since 0.1.0
 * @category jobs
 */
export const deliverOutbox = (
  limit = 50,
): Effect.Effect<number, StoreError, NotificationStore | Mailer> =>
  Effect.gen(function* () {
    const store = yield* NotificationStore
    const mailer = yield* Mailer
    const now = yield* Clock.currentTimeMillis
    const due = yield* store.dueEmails(now, limit)
    let sent = 0
    for (const email of due) {
      const result = yield* Effect.either(
        mailer.send({ to: email.to, subject: email.subject, text: email.text }),
      )
      if (result._tag === "Right") {
        yield* store.markEmailSent(email.id, now)
        sent++
      } else {
        const backoff = Math.min(60_000 * 2 ** email.attempts, 6 * 3_600_000)
        yield* store.markEmailFailed(email.id, now + backoff)
      }
    }
    return sent
  })
