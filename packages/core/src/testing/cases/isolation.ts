/**
 * Tenant isolation: whatever site A stores is invisible and untouchable through
 * site B, in every port that takes a site id.
 */
import { expect } from "@effect/vitest"
import { Effect, Option } from "effect"
import { siteThread } from "../../domain/Event.js"
import * as Usage from "../../domain/Usage.js"
import { BillingStore } from "../../ports/BillingStore.js"
import { CommenterStore } from "../../ports/CommenterStore.js"
import { CommentStore } from "../../ports/CommentStore.js"
import { EventLog } from "../../ports/EventLog.js"
import { ModerationStore } from "../../ports/ModerationStore.js"
import { NotificationStore } from "../../ports/NotificationStore.js"
import { ThreadStore } from "../../ports/ThreadStore.js"
import { UsageStore } from "../../ports/UsageStore.js"
import { VoteStore } from "../../ports/VoteStore.js"
import { WebhookStore } from "../../ports/WebhookStore.js"
import * as Fixtures from "../fixtures.js"
import { given, type Group, must } from "./case.js"
import { query } from "./commentLists.js"
import * as Seed from "./seed.js"

/** Site A with a thread, a commenter and a comment; site B with the same shape. */
const twoSites = Effect.gen(function* () {
  const a = yield* Seed.world
  const b = yield* Seed.world
  const comment = yield* Seed.comment(a.thread, a.author.id)
  yield* Seed.comment(b.thread, b.author.id)
  return { a: { ...a, comment }, b }
})

/** Tenant isolation across every port. */
export const isolation: Group = {
  name: "Tenant isolation",
  cases: [
    must(
      "ThreadStore – should never read or change site A's threads through site B",
      Effect.gen(function* () {
        const store = yield* ThreadStore
        const { a, b } = yield* twoSites
        const before = yield* Seed.threadNow(a.site.id, a.thread.id)
        expect(yield* store.get(b.site.id, a.thread.id)).toEqual(Option.none())
        expect(yield* store.getByKey(b.site.id, a.thread.key)).toEqual(Option.none())
        expect(yield* store.getByKeys(b.site.id, [a.thread.key])).toEqual([])
        expect(yield* store.update(b.site.id, a.thread.id, { locked: true, updatedAt: 1 })).toEqual(
          Option.none(),
        )
        expect(Seed.ids(yield* store.listTop(b.site.id, 100))).toEqual([b.thread.id])
        const sameKey = yield* Seed.thread(b.site.id, { key: a.thread.key })
        expect(sameKey.siteId).toBe(b.site.id)
        expect(sameKey.id).not.toBe(a.thread.id)
        expect(yield* Seed.threadNow(a.site.id, a.thread.id)).toEqual(before)
      }),
    ),
    must(
      "CommentStore – should never read or change site A's comments through site B",
      Effect.gen(function* () {
        const store = yield* CommentStore
        const { a, b } = yield* twoSites
        const pending = yield* Seed.comment(a.thread, a.author.id, {
          status: "pending",
          visible: false,
        })
        const before = yield* Seed.commentNow(a.site.id, a.comment.id)
        expect(yield* store.get(b.site.id, a.comment.id)).toEqual(Option.none())
        expect(yield* store.getMany(b.site.id, [a.comment.id, pending.id])).toEqual([])
        expect(
          yield* store.list(query({ siteId: b.site.id, id: a.thread.id }, "new", { all: true })),
        ).toEqual([])
        expect(yield* store.listByStatus(b.site.id, ["pending"], null, 100)).toEqual([])
        expect(yield* store.listByAuthor(b.site.id, a.author.id, null, 100)).toEqual([])
        expect(Seed.ids(yield* store.listBySite(b.site.id, null, 100)).includes(a.comment.id)).toBe(
          false,
        )
        const update = store.update(
          b.site.id,
          a.comment.id,
          before.version,
          { body: "hijacked", updatedAt: 1 },
          Seed.noDeltas,
        )
        expect(yield* update).toEqual(Option.none())
        expect(
          yield* store.setRanks(
            b.site.id,
            a.comment.id,
            { upvotes: 0, downvotes: 0 },
            { hot: 99, best: 1 },
          ),
        ).toBe(false)
        expect(yield* Seed.commentNow(a.site.id, a.comment.id)).toEqual(before)
      }),
    ),
    must(
      "CommentStore.listReported – should never list site A's reported comments for site B",
      Effect.gen(function* () {
        const store = yield* CommentStore
        const { a, b } = yield* twoSites
        yield* (yield* ModerationStore).addReport(yield* Fixtures.report(a.comment, a.author.id))
        expect(Seed.ids(yield* store.listReported(a.site.id, null, 100))).toEqual([a.comment.id])
        expect(yield* store.listReported(b.site.id, null, 100)).toEqual([])
      }),
    ),
    must(
      "VoteStore – should never read site A's votes through site B",
      Effect.gen(function* () {
        const store = yield* VoteStore
        const { a, b } = yield* twoSites
        yield* store.swap({
          siteId: a.site.id,
          commentId: a.comment.id,
          voterId: a.author.id,
          authorId: a.author.id,
          expected: null,
          next: "up",
          upDelta: 1,
          downDelta: 0,
          karmaDelta: 1,
          at: a.comment.createdAt + 1,
        })
        expect(yield* store.get(a.site.id, a.comment.id, a.author.id)).toBe("up")
        expect(yield* store.get(b.site.id, a.comment.id, a.author.id)).toBeNull()
        expect((yield* store.forVoter(b.site.id, a.author.id, [a.comment.id])).size).toBe(0)
      }),
    ),
    must(
      "CommenterStore – should never read or change site A's commenters through site B",
      Effect.gen(function* () {
        const store = yield* CommenterStore
        const { a, b } = yield* twoSites
        const sso = yield* Seed.commenter(a.site.id, {
          origin: "sso",
          externalId: yield* Fixtures.token,
          passwordHash: null,
          role: "admin",
        })
        expect(yield* store.get(b.site.id, a.author.id)).toEqual(Option.none())
        expect(yield* store.getMany(b.site.id, [a.author.id, sso.id])).toEqual([])
        expect(yield* store.getByEmail(b.site.id, a.author.email!)).toEqual(Option.none())
        expect(yield* store.getByExternalId(b.site.id, "sso", sso.externalId!)).toEqual(
          Option.none(),
        )
        expect(yield* store.update(b.site.id, sso.id, { role: "user", updatedAt: 1 })).toEqual(
          Option.none(),
        )
        expect(Seed.ids(yield* store.listTop(b.site.id, 100))).toEqual([b.author.id])
        expect(yield* store.listStaff(b.site.id)).toEqual([])
        expect(yield* Seed.commenterNow(a.site.id, sso.id)).toEqual(sso)
      }),
    ),
    must(
      "ModerationStore – should never read or change site A's reports, bans and audit through site B",
      Effect.gen(function* () {
        const store = yield* ModerationStore
        const { a, b } = yield* twoSites
        yield* store.addReport(yield* Fixtures.report(a.comment, a.author.id))
        const ban = yield* Fixtures.ban(a.site.id, a.author.id)
        yield* store.putBan(ban)
        yield* store.appendAudit(yield* Fixtures.auditEntry(a.site.id))
        expect(yield* store.listReports(b.site.id, a.comment.id)).toEqual([])
        yield* store.clearReports(b.site.id, a.comment.id)
        expect((yield* store.listReports(a.site.id, a.comment.id)).length).toBe(1)
        expect((yield* Seed.commentNow(a.site.id, a.comment.id)).reportCount).toBe(1)
        expect(yield* store.getBan(b.site.id, a.author.id)).toEqual(Option.none())
        expect(yield* store.removeBan(b.site.id, a.author.id)).toBe(false)
        expect(yield* store.getBan(a.site.id, a.author.id)).toEqual(Option.some(ban))
        expect(yield* store.listBans(b.site.id)).toEqual([])
        expect(yield* store.listAudit(b.site.id, null, 100)).toEqual([])
      }),
    ),
    must(
      "UsageStore – should never count site A's usage for site B",
      Effect.gen(function* () {
        const store = yield* UsageStore
        const { a, b } = yield* twoSites
        yield* store.increment(a.site.id, "2031-05", "comments", 3)
        yield* store.markActive(a.site.id, "2031-05", a.author.id)
        expect(yield* store.get(b.site.id, "2031-05")).toEqual(Usage.empty(b.site.id, "2031-05"))
        expect(yield* store.markActive(b.site.id, "2031-05", a.author.id)).toBe(1)
        expect(yield* store.increment(b.site.id, "2031-05", "comments", 1)).toBe(1)
      }),
    ),
    given(
      "billing",
      "BillingStore – should never read site A's subscription and invoices through site B",
      Effect.gen(function* () {
        const store = yield* BillingStore
        const { a, b } = yield* twoSites
        yield* store.putSubscription(yield* Fixtures.subscription(a.site.id))
        yield* store.putInvoice(yield* Fixtures.invoice(a.site.id))
        expect(yield* store.getSubscription(b.site.id)).toEqual(Option.none())
        expect(yield* store.listInvoices(b.site.id, 100)).toEqual([])
      }),
    ),
    must(
      "NotificationStore – should never read or change site A's notifications through site B",
      Effect.gen(function* () {
        const store = yield* NotificationStore
        const { a, b } = yield* twoSites
        const notification = yield* Fixtures.notification(a.site.id, a.author.id, {
          commentId: a.comment.id,
          threadId: a.thread.id,
          actorId: a.author.id,
        })
        yield* store.insert(notification)
        expect(yield* store.list(b.site.id, a.author.id, null, 100)).toEqual([])
        expect(yield* store.countUnread(b.site.id, a.author.id)).toBe(0)
        yield* store.markRead(b.site.id, a.author.id, [notification.id])
        yield* store.markRead(b.site.id, a.author.id, null)
        expect(yield* store.countUnread(a.site.id, a.author.id)).toBe(1)
        expect(yield* store.list(a.site.id, a.author.id, null, 100)).toEqual([notification])
      }),
    ),
    must(
      "WebhookStore – should never read or change site A's endpoints and deliveries through site B",
      Effect.gen(function* () {
        const store = yield* WebhookStore
        const { a, b } = yield* twoSites
        const endpoint = yield* Fixtures.webhookEndpoint(a.site.id)
        yield* store.insert(endpoint)
        yield* store.insertDelivery(
          yield* Fixtures.webhookDelivery(endpoint, { status: "delivered" }),
        )
        expect(yield* store.get(b.site.id, endpoint.id)).toEqual(Option.none())
        expect(yield* store.list(b.site.id)).toEqual([])
        expect(yield* store.remove(b.site.id, endpoint.id)).toBe(false)
        expect(yield* store.listDeliveries(b.site.id, endpoint.id, 100)).toEqual([])
        expect(yield* store.get(a.site.id, endpoint.id)).toEqual(Option.some(endpoint))
        expect((yield* store.listDeliveries(a.site.id, endpoint.id, 100)).length).toBe(1)
      }),
    ),
    must(
      "EventLog – should never read site A's events through site B, and number site-wide events per site",
      Effect.gen(function* () {
        const log = yield* EventLog
        const { a, b } = yield* twoSites
        yield* log.append(yield* Fixtures.newEvent(a.site.id, a.thread.id))
        yield* log.append(
          yield* Fixtures.newEvent(a.site.id, siteThread, { type: "commenter.banned" }),
        )
        yield* log.append(
          yield* Fixtures.newEvent(a.site.id, siteThread, { type: "commenter.unbanned" }),
        )
        expect(yield* log.since(b.site.id, a.thread.id, 0, 100)).toEqual([])
        expect(yield* log.lastSeq(b.site.id, a.thread.id)).toBe(0)
        expect(yield* log.lastSeq(b.site.id, siteThread)).toBe(0)
        const first = yield* log.append(
          yield* Fixtures.newEvent(b.site.id, siteThread, { type: "commenter.role" }),
        )
        expect(first.seq).toBe(1)
        expect(yield* log.since(b.site.id, siteThread, 0, 100)).toEqual([first])
        expect(yield* log.lastSeq(a.site.id, siteThread)).toBe(2)
      }),
    ),
  ],
}
