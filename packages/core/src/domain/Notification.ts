/**
 * Notifications to commenters (a reply, a mention) and the email outbox behind them.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { CommenterId, CommentId, NotificationId, SiteId, ThreadId } from "../Ids.js"

/** @since 0.1.0 @category models */
export const NotificationKind = Schema.Literal("reply", "mention")
/** @since 0.1.0 @category models */
export type NotificationKind = typeof NotificationKind.Type

/** @since 0.1.0 @category models */
export const Notification = Schema.Struct({
  id: NotificationId,
  siteId: SiteId,
  recipientId: CommenterId,
  kind: NotificationKind,
  commentId: CommentId,
  threadId: ThreadId,
  actorId: CommenterId,
  read: Schema.Boolean,
  createdAt: Schema.Number,
})
/** @since 0.1.0 @category models */
export type Notification = typeof Notification.Type

/** An email waiting to be sent through the Mailer. @since 0.1.0 @category models */
export const OutboxEmail = Schema.Struct({
  id: Schema.String,
  to: Schema.String,
  subject: Schema.String,
  text: Schema.String,
  attempts: Schema.Int,
  nextAttemptAt: Schema.Number,
  sentAt: Schema.NullOr(Schema.Number),
  createdAt: Schema.Number,
})
/** @since 0.1.0 @category models */
export type OutboxEmail = typeof OutboxEmail.Type
