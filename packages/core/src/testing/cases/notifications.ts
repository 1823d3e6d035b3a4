/**
 * NotificationStore cases: notifications and the email outbox.
 */
import { expect } from "@effect/vitest"
import { Effect } from "effect"
import type { Notification, OutboxEmail } from "../../domain/Notification.js"
import type { CommenterId } from "../../Ids.js"
import { NotificationStore } from "../../ports/NotificationStore.js"
import * as Fixtures from "../fixtures.js"
import { type Group, must } from "./case.js"
import * as Seed from "./seed.js"

/** A recipient with `n` stored notifications about real comments, oldest first. */
const inbox = (n: number) =>
  Effect.gen(function* () {
    const store = yield* NotificationStore
    const { site, thread, author } = yield* Seed.world
    const recipient = yield* Seed.commenter(site.id)
    const parent = yield* Seed.comment(thread, recipient.id)
    const notifications: Array<Notification> = []
    for (let i = 0; i < n; i++) {
      const reply = yield* Seed.reply(parent, author.id)
      const notification = yield* Fixtures.notification(site.id, recipient.id, {
        commentId: reply.id,
        threadId: thread.id,
        actorId: author.id,
        kind: i % 2 === 0 ? "reply" : "mention",
      })
      yield* store.insert(notification)
      notifications.push(notification)
    }
    const newest = [...notifications].sort((a, b) => (a.id < b.id ? 1 : -1))
    return { site, thread, author, recipient: recipient.id, newest }
  })

/** The caller's own emails among `due`, in the order the store gave them. */
const mine = (due: ReadonlyArray<OutboxEmail>, emails: ReadonlyArray<OutboxEmail>) => {
  const ids = new Set(emails.map((e) => e.id))
  return due.filter((e) => ids.has(e.id))
}

const queueEmails = (offsets: ReadonlyArray<number>) =>
  Effect.gen(function* () {
    const store = yield* NotificationStore
    const start = yield* Seed.window
    const emails = yield* Effect.forEach(offsets, (offset) =>
      Fixtures.outboxEmail({ nextAttemptAt: start + offset, createdAt: start + offset }),
    )
    for (const email of emails) yield* store.enqueueEmail(email)
    return { start, emails }
  })

/** NotificationStore: inbox and outbox. */
export const notifications: Group = {
  name: "NotificationStore",
  cases: [
    must(
      "NotificationStore.list – should list the recipient's notifications newest first, before beforeId",
      Effect.gen(function* () {
        const store = yield* NotificationStore
        const { site, recipient, newest } = yield* inbox(5)
        expect(yield* store.list(site.id, recipient, null, 10)).toEqual(newest)
        expect(yield* store.list(site.id, recipient, null, 2)).toEqual(newest.slice(0, 2))
        expect(yield* store.list(site.id, recipient, newest[1]!.id, 2)).toEqual(newest.slice(2, 4))
        expect(yield* store.list(site.id, recipient, newest[4]!.id, 10)).toEqual([])
      }),
    ),
    must(
      "NotificationStore.list – should list only the recipient's notifications",
      Effect.gen(function* () {
        const store = yield* NotificationStore
        const { site, author, recipient, newest } = yield* inbox(2)
        const theirs = yield* Fixtures.notification(site.id, author.id, { actorId: recipient })
        yield* store.insert(theirs)
        expect(yield* store.list(site.id, recipient, null, 10)).toEqual(newest)
        expect(yield* store.list(site.id, author.id, null, 10)).toEqual([theirs])
        expect(yield* store.list(site.id, yield* Fixtures.id<CommenterId>(), null, 10)).toEqual([])
      }),
    ),
    must(
      "NotificationStore.countUnread – should count the recipient's unread notifications",
      Effect.gen(function* () {
        const store = yield* NotificationStore
        const { site, author, recipient } = yield* inbox(3)
        yield* store.insert(yield* Fixtures.notification(site.id, recipient, { read: true }))
        yield* store.insert(yield* Fixtures.notification(site.id, author.id))
        expect(yield* store.countUnread(site.id, recipient)).toBe(3)
        expect(yield* store.countUnread(site.id, author.id)).toBe(1)
        expect(yield* store.countUnread(site.id, yield* Fixtures.id<CommenterId>())).toBe(0)
      }),
    ),
    must(
      "NotificationStore.markRead – should mark the given notifications read and leave the rest",
      Effect.gen(function* () {
        const store = yield* NotificationStore
        const { site, recipient, newest } = yield* inbox(4)
        yield* store.markRead(site.id, recipient, [newest[0]!.id, newest[2]!.id])
        expect(yield* store.countUnread(site.id, recipient)).toBe(2)
        const listed = yield* store.list(site.id, recipient, null, 10)
        expect(listed.map((n) => n.read)).toEqual([true, false, true, false])
        expect(listed).toEqual(newest.map((n, i) => ({ ...n, read: i % 2 === 0 })))
        yield* store.markRead(site.id, recipient, [])
        expect(yield* store.countUnread(site.id, recipient)).toBe(2)
      }),
    ),
    must(
      "NotificationStore.markRead – should mark all of the recipient's notifications read with null, and no one else's",
      Effect.gen(function* () {
        const store = yield* NotificationStore
        const { site, author, recipient } = yield* inbox(3)
        yield* store.insert(yield* Fixtures.notification(site.id, author.id))
        yield* store.markRead(site.id, recipient, null)
        expect(yield* store.countUnread(site.id, recipient)).toBe(0)
        expect((yield* store.list(site.id, recipient, null, 10)).every((n) => n.read)).toBe(true)
        expect(yield* store.countUnread(site.id, author.id)).toBe(1)
      }),
    ),
    must(
      "NotificationStore.dueEmails – should return unsent emails due at now, oldest first, at most limit",
      Effect.gen(function* () {
        const store = yield* NotificationStore
        const { start, emails } = yield* queueEmails([3, 1, 2, 8])
        const [third, first, second, later] = emails
        expect(mine(yield* store.dueEmails(start + 5, 1_000), emails)).toEqual([
          first,
          second,
          third,
        ])
        expect(mine(yield* store.dueEmails(start + 8, 1_000), emails)).toEqual([
          first,
          second,
          third,
          later,
        ])
        expect(mine(yield* store.dueEmails(start, 1_000), emails)).toEqual([])
        const one = yield* store.dueEmails(start + 5, 1)
        expect(one.length).toBe(1)
        expect(one[0]!.nextAttemptAt).toBeLessThanOrEqual(start + 1)
      }),
    ),
    must(
      "NotificationStore.markEmailSent – should take the email out of the due ones",
      Effect.gen(function* () {
        const store = yield* NotificationStore
        const { start, emails } = yield* queueEmails([1, 2])
        yield* store.markEmailSent(emails[0]!.id, start + 3)
        expect(mine(yield* store.dueEmails(start + 15, 1_000), emails)).toEqual([emails[1]])
      }),
    ),
    must(
      "NotificationStore.markEmailFailed – should move the email's next attempt",
      Effect.gen(function* () {
        const store = yield* NotificationStore
        const { start, emails } = yield* queueEmails([1, 2])
        yield* store.markEmailFailed(emails[0]!.id, start + 10)
        expect(mine(yield* store.dueEmails(start + 5, 1_000), emails)).toEqual([emails[1]])
        const due = mine(yield* store.dueEmails(start + 10, 1_000), emails)
        expect(Seed.idSet(due)).toEqual(Seed.idSet(emails))
        const retried = due.find((e) => e.id === emails[0]!.id)
        expect(retried?.nextAttemptAt).toBe(start + 10)
        expect(retried?.sentAt).toBeNull()
      }),
    ),
  ],
}
