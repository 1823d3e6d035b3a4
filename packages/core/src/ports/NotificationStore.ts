/**
 * Port: notifications and the email outbox.
 *
 * @since 0.1.0
 */
import { Context, type Effect } from "effect"
import type { Notification, OutboxEmail } from "../domain/Notification.js"
import type { StoreError } from "../Errors.js"
import type { CommenterId, NotificationId, SiteId } from "../Ids.js"

/** @since 0.1.0 @category ports */
export interface NotificationStoreShape {
  readonly insert: (notification: Notification) => Effect.Effect<void, StoreError>
  /** Newest first, before `beforeId`. */
  readonly list: (
    siteId: SiteId,
    recipientId: CommenterId,
    beforeId: NotificationId | null,
    limit: number,
  ) => Effect.Effect<ReadonlyArray<Notification>, StoreError>
  readonly countUnread: (
    siteId: SiteId,
    recipientId: CommenterId,
  ) => Effect.Effect<number, StoreError>
  /** Marks these (or, with null, all) of the recipient's notifications read. */
  readonly markRead: (
    siteId: SiteId,
    recipientId: CommenterId,
    ids: ReadonlyArray<NotificationId> | null,
  ) => Effect.Effect<void, StoreError>
  readonly enqueueEmail: (email: OutboxEmail) => Effect.Effect<void, StoreError>
  /** Unsent emails due at `now`, oldest first. */
  readonly dueEmails: (
    now: number,
    limit: number,
  ) => Effect.Effect<ReadonlyArray<OutboxEmail>, StoreError>
  readonly markEmailSent: (id: string, at: number) => Effect.Effect<void, StoreError>
  readonly markEmailFailed: (id: string, nextAttemptAt: number) => Effect.Effect<void, StoreError>
}

/** @since 0.1.0 @category ports */
export class NotificationStore extends Context.Tag("@kommies/core/NotificationStore")<
  NotificationStore,
  NotificationStoreShape
>() {}
