/**
 * NotificationStore in memory: each recipient's notifications (with an unread
 * counter), and the email outbox shared by every site.
 *
 * @since 0.1.0
 */
import { Effect } from "effect"
import type { OutboxEmail } from "../domain/Notification.js"
import type { NotificationId } from "../Ids.js"
import type { NotificationStoreShape } from "../ports/NotificationStore.js"
import { pageSize, SortedIds, take } from "./SortedIds.js"
import {
  compareIds,
  duplicate,
  getOrCreate,
  type Inbox,
  patched,
  peek,
  type State,
  site,
  snapshot,
} from "./State.js"

const newInbox = (): Inbox => ({ byId: new Map(), ids: new SortedIds<NotificationId>(), unread: 0 })

/**
 * The memory NotificationStore over shared state.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (state: State): NotificationStoreShape => ({
  insert: (notification) =>
    Effect.suspend(() => {
      const inbox = getOrCreate(
        site(state, notification.siteId).inboxes,
        notification.recipientId,
        newInbox,
      )
      if (inbox.byId.has(notification.id))
        return Effect.fail(duplicate("notification", notification.id))
      inbox.byId.set(notification.id, snapshot(notification))
      inbox.ids.add(notification.id)
      if (!notification.read) inbox.unread++
      return Effect.void
    }),

  list: (siteId, recipientId, beforeId, limit) =>
    Effect.sync(() => {
      const inbox = peek(state, siteId)?.inboxes.get(recipientId)
      if (inbox === undefined) return []
      return take(inbox.ids.descending(beforeId), pageSize(limit), (id) => inbox.byId.get(id))
    }),

  countUnread: (siteId, recipientId) =>
    Effect.sync(() => peek(state, siteId)?.inboxes.get(recipientId)?.unread ?? 0),

  markRead: (siteId, recipientId, ids) =>
    Effect.sync(() => {
      const inbox = peek(state, siteId)?.inboxes.get(recipientId)
      if (inbox === undefined || inbox.unread === 0) return
      for (const id of ids ?? Array.from(inbox.byId.keys())) {
        const current = inbox.byId.get(id)
        if (current !== undefined && !current.read) {
          inbox.byId.set(id, patched(current, { read: true }))
          inbox.unread--
        }
      }
    }),

  enqueueEmail: (email) =>
    Effect.suspend(() => {
      if (state.outbox.has(email.id)) return Effect.fail(duplicate("email", email.id))
      state.outbox.set(email.id, snapshot(email))
      if (email.sentAt === null) state.unsentEmails.add(email.id)
      return Effect.void
    }),

  dueEmails: (now, limit) =>
    Effect.sync(() => {
      const due: Array<OutboxEmail> = []
      for (const id of state.unsentEmails) {
        const email = state.outbox.get(id)
        if (email !== undefined && email.nextAttemptAt <= now) due.push(email)
      }
      return due
        .sort((a, b) => a.createdAt - b.createdAt || compareIds(a.id, b.id))
        .slice(0, pageSize(limit))
    }),

  markEmailSent: (id, at) =>
    Effect.sync(() => {
      const current = state.outbox.get(id)
      if (current === undefined) return
      state.outbox.set(id, patched(current, { sentAt: at }))
      state.unsentEmails.delete(id)
    }),

  markEmailFailed: (id, nextAttemptAt) =>
    Effect.sync(() => {
      const current = state.outbox.get(id)
      if (current === undefined) return
      state.outbox.set(id, patched(current, { attempts: current.attempts + 1, nextAttemptAt }))
    }),
})
