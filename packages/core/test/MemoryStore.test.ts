import { describe, expect, it } from "@effect/vitest"
import { Context, Effect, Option } from "effect"
import type { Account } from "../src/domain/Account.js"
import type { Notification, OutboxEmail } from "../src/domain/Notification.js"
import type { Session } from "../src/domain/Session.js"
import type { WebhookDelivery } from "../src/domain/Webhook.js"
import type {
  AccountId,
  AuditId,
  CommenterId,
  NotificationId,
  SessionId,
  ThreadId,
  WebhookId,
} from "../src/Ids.js"
import { MemoryStore } from "../src/memory.js"
import { AccountStore } from "../src/ports/AccountStore.js"
import { BillingStore } from "../src/ports/BillingStore.js"
import { CommenterStore } from "../src/ports/CommenterStore.js"
import { CommentStore } from "../src/ports/CommentStore.js"
import { EventLog } from "../src/ports/EventLog.js"
import { ModerationStore } from "../src/ports/ModerationStore.js"
import { NotificationStore } from "../src/ports/NotificationStore.js"
import { SessionStore } from "../src/ports/SessionStore.js"
import { SiteStore } from "../src/ports/SiteStore.js"
import { TeamStore } from "../src/ports/TeamStore.js"
import { ThreadStore } from "../src/ports/ThreadStore.js"
import { UsageStore } from "../src/ports/UsageStore.js"
import { VoteStore } from "../src/ports/VoteStore.js"
import { WebhookStore } from "../src/ports/WebhookStore.js"
import {
  alice,
  bob,
  carol,
  cid,
  comment,
  commenter,
  deltasOf,
  event,
  seqs,
  site,
  siteA,
  siteB,
  thread,
  threadId,
} from "./MemoryFixtures.js"

const conflictCode = (error: unknown): string | null =>
  typeof error === "object" &&
  error !== null &&
  "_tag" in error &&
  error._tag === "Conflict" &&
  "code" in error
    ? String(error.code)
    : null

describe("MemoryStore", () => {
  it.effect("layer – should provide every store tag", () =>
    Effect.gen(function* () {
      const context = yield* MemoryStore.make
      for (const tag of [
        SiteStore,
        AccountStore,
        ThreadStore,
        CommentStore,
        VoteStore,
        CommenterStore,
        SessionStore,
        ModerationStore,
        UsageStore,
        BillingStore,
        NotificationStore,
        WebhookStore,
        TeamStore,
        EventLog,
      ] as const) {
        expect(
          Option.isSome(Context.getOption(context, tag as Context.Tag<unknown, unknown>)),
        ).toBe(true)
      }
    }),
  )

  it.effect("layer – should start empty on every build", () =>
    Effect.gen(function* () {
      const write = Effect.flatMap(SiteStore, (s) => s.insert(site(siteA)))
      const read = Effect.flatMap(SiteStore, (s) => s.get(siteA))
      yield* write.pipe(Effect.provide(MemoryStore.layer))
      expect(yield* read.pipe(Effect.provide(MemoryStore.layer))).toEqual(Option.none())
      // Within one build, every port shares the state.
      yield* Effect.gen(function* () {
        yield* write
        expect(Option.isSome(yield* read)).toBe(true)
      }).pipe(Effect.provide(MemoryStore.layer))
    }),
  )

  it.effect("records – should be copies the caller cannot change, on the way in or out", () =>
    Effect.gen(function* () {
      const sites = yield* SiteStore
      const input = { ...site(siteA), allowedOrigins: ["https://a.test"] }
      yield* sites.insert(input)
      input.allowedOrigins.push("https://evil.test")
      const out = Option.getOrThrow(yield* sites.get(siteA))
      expect(out.allowedOrigins).toEqual(["https://a.test"])
      expect(() => (out.allowedOrigins as Array<string>).push("x")).toThrow(TypeError)
      expect(() => {
        ;(out.settings as { moderation: string }).moderation = "pre"
      }).toThrow(TypeError)
      expect(Option.getOrThrow(yield* sites.get(siteA)).settings.moderation).toBe("none")
    }).pipe(Effect.provide(MemoryStore.layer)),
  )
})

describe("MemoryStore tenant isolation", () => {
  it.effect("every site-scoped read – should see only its own site", () =>
    Effect.gen(function* () {
      const threads = yield* ThreadStore
      const comments = yield* CommentStore
      const commenters = yield* CommenterStore
      const votes = yield* VoteStore
      const moderation = yield* ModerationStore
      const events = yield* EventLog
      const usage = yield* UsageStore
      const notifications = yield* NotificationStore
      const webhooks = yield* WebhookStore
      yield* threads.getOrInsert(thread(siteA))
      yield* commenters.insert(commenter(siteA, alice, { origin: "password", email: "a@x.test" }))
      const c = comment(siteA, 1, alice)
      yield* comments.insert(c, deltasOf(c))
      yield* votes.swap({
        siteId: siteA,
        commentId: c.id,
        voterId: bob,
        authorId: alice,
        expected: null,
        next: "up",
        upDelta: 1,
        downDelta: 0,
        karmaDelta: 1,
        at: 1,
      })
      yield* moderation.putBan({
        siteId: siteA,
        commenterId: bob,
        kind: "shadow",
        reason: null,
        expiresAt: null,
        createdBy: "system",
        createdAt: 1,
      })
      yield* events.append(event(siteA, threadId, 1))
      yield* usage.increment(siteA, "2025-01", "comments", 3)
      yield* notifications.insert({
        id: "n1" as NotificationId,
        siteId: siteA,
        recipientId: alice,
        kind: "reply",
        commentId: c.id,
        threadId,
        actorId: bob,
        read: false,
        createdAt: 1,
      })
      yield* webhooks.insert({
        id: "w1" as WebhookId,
        siteId: siteA,
        url: "https://hook.test",
        secret: "s",
        events: ["*"],
        active: true,
        createdAt: 1,
      })

      expect(yield* threads.get(siteB, threadId)).toEqual(Option.none())
      expect(yield* threads.getByKey(siteB, "/post/1")).toEqual(Option.none())
      expect(yield* threads.getByKeys(siteB, ["/post/1"])).toEqual([])
      expect(yield* comments.get(siteB, c.id)).toEqual(Option.none())
      expect(yield* comments.getMany(siteB, [c.id])).toEqual([])
      expect(
        yield* comments.list({
          siteId: siteB,
          threadId,
          parentId: null,
          sort: "new",
          after: null,
          limit: 10,
          viewer: null,
          all: true,
        }),
      ).toEqual([])
      expect(yield* comments.listBySite(siteB, null, 10)).toEqual([])
      expect(yield* comments.listByAuthor(siteB, alice, null, 10)).toEqual([])
      expect(
        yield* comments.update(
          siteB,
          c.id,
          1,
          { status: "spam", updatedAt: 2 },
          { threadComments: -1, parentReplies: 0 },
        ),
      ).toEqual(Option.none())
      expect(yield* commenters.get(siteB, alice)).toEqual(Option.none())
      expect(yield* commenters.getByEmail(siteB, "a@x.test")).toEqual(Option.none())
      expect(yield* commenters.update(siteB, alice, { role: "owner", updatedAt: 2 })).toEqual(
        Option.none(),
      )
      expect(yield* votes.get(siteB, c.id, bob)).toBe(null)
      expect(yield* moderation.getBan(siteB, bob)).toEqual(Option.none())
      expect(yield* moderation.removeBan(siteB, bob)).toBe(false)
      expect(yield* events.lastSeq(siteB, threadId)).toBe(0)
      expect(yield* events.since(siteB, threadId, 0, 10)).toEqual([])
      expect((yield* usage.get(siteB, "2025-01")).comments).toBe(0)
      expect(yield* notifications.countUnread(siteB, alice)).toBe(0)
      expect(yield* webhooks.get(siteB, "w1" as WebhookId)).toEqual(Option.none())
      expect(yield* webhooks.remove(siteB, "w1" as WebhookId)).toBe(false)

      // And site A still has all of it, untouched.
      expect(Option.map(yield* comments.get(siteA, c.id), (x) => [x.status, x.upvotes])).toEqual(
        Option.some(["approved", 1]),
      )
      expect(Option.map(yield* commenters.get(siteA, alice), (x) => [x.role, x.karma])).toEqual(
        Option.some(["user", 1]),
      )
      expect(Option.map(yield* threads.get(siteA, threadId), (t) => t.commentCount)).toEqual(
        Option.some(1),
      )
    }).pipe(Effect.provide(MemoryStore.layer)),
  )

  it.effect("the same ids in two sites – should be two records", () =>
    Effect.gen(function* () {
      const threads = yield* ThreadStore
      const comments = yield* CommentStore
      yield* threads.getOrInsert(thread(siteA))
      yield* threads.getOrInsert(thread(siteB, { title: "B" }))
      const a = comment(siteA, 1, alice)
      const b = comment(siteB, 1, bob)
      yield* comments.insert(a, deltasOf(a))
      yield* comments.insert(b, deltasOf(b))
      expect(yield* comments.get(siteA, cid(1))).toEqual(Option.some(a))
      expect(yield* comments.get(siteB, cid(1))).toEqual(Option.some(b))
      expect(
        Option.map(yield* threads.get(siteB, threadId), (t) => [t.title, t.commentCount]),
      ).toEqual(Option.some(["B", 1]))
    }).pipe(Effect.provide(MemoryStore.layer)),
  )
})

describe("MemoryStore unique constraints", () => {
  it.effect("SiteStore – should answer site_exists for a taken id or key, and on update", () =>
    Effect.gen(function* () {
      const sites = yield* SiteStore
      yield* sites.insert(site(siteA, { ownerAccountId: "acc" as AccountId }))
      expect(
        conflictCode(
          yield* Effect.flip(sites.insert(site(siteA, { publicKey: "kp_new", secretKeyId: "x" }))),
        ),
      ).toBe("site_exists")
      expect(
        conflictCode(yield* Effect.flip(sites.insert(site(siteB, { publicKey: "kp_site-a" })))),
      ).toBe("site_exists")
      expect(
        conflictCode(yield* Effect.flip(sites.insert(site(siteB, { secretKeyId: "sk_site-a" })))),
      ).toBe("site_exists")
      yield* sites.insert(site(siteB, { ownerAccountId: "acc" as AccountId, createdAt: 0 }))
      expect(
        conflictCode(yield* Effect.flip(sites.update(site(siteB, { publicKey: "kp_site-a" })))),
      ).toBe("site_exists")
      yield* sites.update(
        site(siteA, { publicKey: "kp_rotated", ownerAccountId: "acc" as AccountId }),
      )
      expect(yield* sites.getByPublicKey("kp_site-a")).toEqual(Option.none())
      expect(Option.map(yield* sites.getByPublicKey("kp_rotated"), (s) => s.id)).toEqual(
        Option.some(siteA),
      )
      expect((yield* sites.listByOwner("acc" as AccountId)).map((s) => s.id)).toEqual([
        siteB,
        siteA,
      ])
      yield* sites.update(site("ghost" as never))
      expect(yield* sites.get("ghost" as never)).toEqual(Option.none())
    }).pipe(Effect.provide(MemoryStore.layer)),
  )

  it.effect(
    "AccountStore – should answer account_exists for a taken email, whatever its case",
    () =>
      Effect.gen(function* () {
        const accounts = yield* AccountStore
        const ada: Account = {
          id: "a1" as AccountId,
          email: "ada@x.test",
          name: "Ada",
          passwordHash: null,
          verified: false,
          createdAt: 1,
          updatedAt: 1,
        }
        yield* accounts.insert(ada)
        const error = yield* Effect.flip(
          accounts.insert({ ...ada, id: "a2" as AccountId, email: "ADA@x.test" }),
        )
        expect(conflictCode(error)).toBe("account_exists")
        expect(yield* accounts.getByEmail("Ada@X.test")).toEqual(Option.some(ada))
        yield* accounts.update({ ...ada, email: "lovelace@x.test" })
        expect(yield* accounts.getByEmail("ada@x.test")).toEqual(Option.none())
        yield* accounts.insert({ ...ada, id: "a2" as AccountId })
      }).pipe(Effect.provide(MemoryStore.layer)),
  )

  it.effect("CommenterStore – should keep password emails and external ids unique per site", () =>
    Effect.gen(function* () {
      const commenters = yield* CommenterStore
      yield* commenters.insert(commenter(siteA, alice, { origin: "password", email: "a@x.test" }))
      const taken = yield* Effect.flip(
        commenters.insert(commenter(siteA, bob, { origin: "password", email: "a@x.test" })),
      )
      expect(conflictCode(taken)).toBe("commenter_exists")
      // Guests may reuse an address, and are never found by it.
      yield* commenters.insert(commenter(siteA, bob, { origin: "guest", email: "a@x.test" }))
      expect(Option.map(yield* commenters.getByEmail(siteA, "a@x.test"), (c) => c.id)).toEqual(
        Option.some(alice),
      )
      // Another site is another namespace.
      yield* commenters.insert(commenter(siteB, alice, { origin: "password", email: "a@x.test" }))

      yield* commenters.insert(
        commenter(siteA, carol, { origin: "oauth:github", externalId: "42" }),
      )
      const external = yield* Effect.flip(
        commenters.insert(
          commenter(siteA, "dave" as CommenterId, { origin: "oauth:github", externalId: "42" }),
        ),
      )
      expect(conflictCode(external)).toBe("commenter_exists")
      yield* commenters.insert(
        commenter(siteA, "erin" as CommenterId, { origin: "oauth:google", externalId: "42" }),
      )
      expect(
        Option.map(yield* commenters.getByExternalId(siteA, "oauth:github", "42"), (c) => c.id),
      ).toEqual(Option.some(carol))
      expect(yield* commenters.getByExternalId(siteA, "sso", "42")).toEqual(Option.none())
    }).pipe(Effect.provide(MemoryStore.layer)),
  )

  it.effect("CommenterStore.update – should move the email index and refuse a taken email", () =>
    Effect.gen(function* () {
      const commenters = yield* CommenterStore
      yield* commenters.insert(commenter(siteA, alice, { origin: "password", email: "a@x.test" }))
      yield* commenters.insert(commenter(siteA, bob, { origin: "password", email: "b@x.test" }))
      const moved = yield* commenters.update(siteA, alice, {
        email: "new@x.test",
        role: "moderator",
        updatedAt: 2,
      })
      expect(Option.map(moved, (c) => [c.email, c.role, c.updatedAt, c.karma])).toEqual(
        Option.some(["new@x.test", "moderator", 2, 0]),
      )
      expect(yield* commenters.getByEmail(siteA, "a@x.test")).toEqual(Option.none())
      expect(Option.map(yield* commenters.getByEmail(siteA, "new@x.test"), (c) => c.id)).toEqual(
        Option.some(alice),
      )
      const error = yield* Effect.flip(
        commenters.update(siteA, bob, { email: "new@x.test", updatedAt: 3 }),
      )
      expect(error._tag).toBe("StoreError")
      expect(Option.map(yield* commenters.get(siteA, bob), (c) => c.email)).toEqual(
        Option.some("b@x.test"),
      )
      expect((yield* commenters.listStaff(siteA)).map((c) => c.id)).toEqual([alice])
    }).pipe(Effect.provide(MemoryStore.layer)),
  )
})

describe("MemoryStore ThreadStore", () => {
  it.effect("getOrInsert – racing calls with one key get one thread", () =>
    Effect.gen(function* () {
      const threads = yield* ThreadStore
      const results = yield* Effect.all(
        Array.from({ length: 20 }, (_, i) =>
          threads.getOrInsert(thread(siteA, { id: `t${i}` as ThreadId })),
        ),
        { concurrency: "unbounded" },
      )
      expect(new Set(results.map((t) => t.id)).size).toBe(1)
    }).pipe(Effect.provide(MemoryStore.layer)),
  )

  it.effect(
    "listTop and update – most comments first, ties newest first; update never touches counts",
    () =>
      Effect.gen(function* () {
        const threads = yield* ThreadStore
        const comments = yield* CommentStore
        const t1 = yield* threads.getOrInsert(
          thread(siteA, { id: "t1" as ThreadId, key: "/1", createdAt: 1 }),
        )
        yield* threads.getOrInsert(thread(siteA, { id: "t2" as ThreadId, key: "/2", createdAt: 2 }))
        yield* threads.getOrInsert(thread(siteA, { id: "t3" as ThreadId, key: "/3", createdAt: 3 }))
        const c = comment(siteA, 1, alice, { threadId: t1.id })
        yield* comments.insert(c, deltasOf(c))
        expect((yield* threads.listTop(siteA, 10)).map((t) => t.id)).toEqual(["t1", "t3", "t2"])
        expect((yield* threads.listTop(siteA, 2)).map((t) => t.id)).toEqual(["t1", "t3"])
        const locked = yield* threads.update(siteA, t1.id, {
          locked: true,
          title: null,
          updatedAt: 9,
        })
        expect(locked).toEqual(Option.some({ ...t1, locked: true, commentCount: 1, updatedAt: 9 }))
      }).pipe(Effect.provide(MemoryStore.layer)),
  )
})

describe("MemoryStore EventLog", () => {
  it.effect("append – should number each thread 1, 2, 3… on its own, also under concurrency", () =>
    Effect.gen(function* () {
      const log = yield* EventLog
      const other = "thread-2" as ThreadId
      const appended = yield* Effect.all(
        Array.from({ length: 50 }, (_, i) => log.append(event(siteA, threadId, i))),
        { concurrency: "unbounded" },
      )
      expect([...seqs(appended)].sort((a, b) => a - b)).toEqual(
        Array.from({ length: 50 }, (_, i) => i + 1),
      )
      expect((yield* log.append(event(siteA, other, 1))).seq).toBe(1)
      expect((yield* log.append(event(siteB, threadId, 1))).seq).toBe(1)
      expect(yield* log.lastSeq(siteA, threadId)).toBe(50)
      expect(yield* log.lastSeq(siteA, other)).toBe(1)
      expect(seqs(yield* log.since(siteA, threadId, 47, 10))).toEqual([48, 49, 50])
      expect(seqs(yield* log.since(siteA, threadId, 0, 3))).toEqual([1, 2, 3])
      expect(yield* log.since(siteA, threadId, 50, 10)).toEqual([])
      const [first] = yield* log.since(siteA, threadId, 0, 1)
      expect(first).toMatchObject({ siteId: siteA, threadId, type: "comment.created", seq: 1 })
    }).pipe(Effect.provide(MemoryStore.layer)),
  )
})

describe("MemoryStore sanity sweep", () => {
  it.layer(MemoryStore.layer)("one shared layer", (it) => {
    it.effect("SessionStore – rotation wins once; family and subject revocation", () =>
      Effect.gen(function* () {
        const sessions = yield* SessionStore
        const s = (id: string, familyId: string, subject: `commenter:${string}`): Session => ({
          id: id as SessionId,
          familyId,
          siteId: siteA,
          subject,
          tokenHash: id,
          createdAt: 1,
          expiresAt: 100,
          rotatedAt: null,
          revokedAt: null,
        })
        yield* sessions.insert(s("s1", "f1", "commenter:alice"))
        yield* sessions.insert(s("s2", "f1", "commenter:alice"))
        yield* sessions.insert(s("s3", "f2", "commenter:alice"))
        yield* sessions.insert(s("s4", "f3", "commenter:bob"))
        const wins = yield* Effect.all(
          Array.from({ length: 10 }, () => sessions.markRotated("s1" as SessionId, 5)),
          { concurrency: "unbounded" },
        )
        expect(wins.filter(Boolean)).toHaveLength(1)
        yield* sessions.revokeFamily("f1", 6)
        expect(yield* sessions.markRotated("s2" as SessionId, 7)).toBe(false)
        yield* sessions.revokeSubject("commenter:alice", 8)
        const revoked = yield* Effect.forEach(["s1", "s2", "s3", "s4"], (id) =>
          sessions.get(id as SessionId),
        )
        expect(revoked.map(Option.map((x) => x.revokedAt))).toEqual([
          Option.some(6),
          Option.some(6),
          Option.some(8),
          Option.some(null),
        ])

        yield* sessions.insertChallenge({
          id: "ch1",
          siteId: null,
          email: "a@x.test",
          purpose: "verify-email",
          codeHash: "h",
          attempts: 0,
          createdAt: 1,
          expiresAt: 10,
          consumedAt: null,
        })
        expect(yield* sessions.addChallengeAttempt("ch1")).toBe(1)
        expect(yield* sessions.addChallengeAttempt("ch1")).toBe(2)
        expect(yield* sessions.consumeChallenge("ch1", 3)).toBe(true)
        expect(yield* sessions.consumeChallenge("ch1", 4)).toBe(false)
        expect(
          Option.map(yield* sessions.getChallenge("ch1"), (c) => [c.attempts, c.consumedAt]),
        ).toEqual(Option.some([2, 3]))
      }),
    )

    it.effect("ModerationStore – bans replace, audit pages newest first", () =>
      Effect.gen(function* () {
        const moderation = yield* ModerationStore
        const ban = {
          siteId: siteA,
          commenterId: carol,
          kind: "normal" as const,
          reason: null,
          expiresAt: null,
          createdBy: "system",
          createdAt: 1,
        }
        yield* moderation.putBan(ban)
        yield* moderation.putBan({ ...ban, kind: "shadow", createdAt: 2 })
        expect(Option.map(yield* moderation.getBan(siteA, carol), (b) => b.kind)).toEqual(
          Option.some("shadow"),
        )
        expect((yield* moderation.listBans(siteA)).length).toBe(1)
        expect(yield* moderation.removeBan(siteA, carol)).toBe(true)
        expect(yield* moderation.removeBan(siteA, carol)).toBe(false)
        for (const n of [1, 2, 3, 4]) {
          yield* moderation.appendAudit({
            id: `a${n}` as AuditId,
            siteId: siteA,
            actor: "system",
            action: "comment.approve",
            target: `comment:${n}`,
            details: { n },
            createdAt: n,
          })
        }
        expect((yield* moderation.listAudit(siteA, null, 2)).map((a) => a.id)).toEqual(["a4", "a3"])
        expect((yield* moderation.listAudit(siteA, "a3" as AuditId, 5)).map((a) => a.id)).toEqual([
          "a2",
          "a1",
        ])
      }),
    )

    it.effect("UsageStore – increments and counts each active commenter once", () =>
      Effect.gen(function* () {
        const usage = yield* UsageStore
        expect(yield* usage.get(siteA, "2025-02")).toEqual({
          siteId: siteA,
          month: "2025-02",
          comments: 0,
          threadLoads: 0,
          activeCommenters: 0,
          apiCalls: 0,
        })
        yield* Effect.all(
          Array.from({ length: 100 }, () => usage.increment(siteA, "2025-02", "apiCalls", 1)),
          { concurrency: "unbounded" },
        )
        expect(yield* usage.increment(siteA, "2025-02", "threadLoads", 5)).toBe(5)
        expect(yield* usage.markActive(siteA, "2025-02", alice)).toBe(1)
        expect(yield* usage.markActive(siteA, "2025-02", alice)).toBe(1)
        expect(yield* usage.markActive(siteA, "2025-02", bob)).toBe(2)
        expect(yield* usage.markActive(siteA, "2025-03", bob)).toBe(1)
        expect(yield* usage.get(siteA, "2025-02")).toMatchObject({
          apiCalls: 100,
          threadLoads: 5,
          activeCommenters: 2,
        })
      }),
    )

    it.effect("BillingStore – replays are refused; invoices newest first", () =>
      Effect.gen(function* () {
        const billing = yield* BillingStore
        expect(yield* billing.markEventProcessed("evt_1", 1)).toBe(true)
        expect(yield* billing.markEventProcessed("evt_1", 2)).toBe(false)
        const invoice = (id: string, createdAt: number) => ({
          id,
          siteId: siteA,
          amountCents: 900,
          currency: "usd",
          status: "open" as const,
          hostedUrl: null,
          periodStart: null,
          periodEnd: null,
          createdAt,
        })
        yield* billing.putInvoice(invoice("in_1", 1))
        yield* billing.putInvoice(invoice("in_2", 2))
        yield* billing.putInvoice({ ...invoice("in_1", 1), status: "paid" })
        const listed = yield* billing.listInvoices(siteA, 10)
        expect(listed.map((i) => [i.id, i.status])).toEqual([
          ["in_2", "open"],
          ["in_1", "paid"],
        ])
        expect(yield* billing.getSubscription(siteA)).toEqual(Option.none())
      }),
    )

    it.effect("NotificationStore – newest first, unread counts, outbox due order", () =>
      Effect.gen(function* () {
        const notifications = yield* NotificationStore
        const n = (i: number, read = false): Notification => ({
          id: `n${i}` as NotificationId,
          siteId: siteA,
          recipientId: bob,
          kind: "reply",
          commentId: cid(i),
          threadId,
          actorId: alice,
          read,
          createdAt: i,
        })
        for (const i of [1, 2, 3]) yield* notifications.insert(n(i))
        yield* notifications.insert(n(4, true))
        expect(yield* notifications.countUnread(siteA, bob)).toBe(3)
        expect((yield* notifications.list(siteA, bob, null, 2)).map((x) => x.id)).toEqual([
          "n4",
          "n3",
        ])
        expect(
          (yield* notifications.list(siteA, bob, "n3" as NotificationId, 5)).map((x) => x.id),
        ).toEqual(["n2", "n1"])
        yield* notifications.markRead(siteA, bob, ["n1" as NotificationId, "n4" as NotificationId])
        expect(yield* notifications.countUnread(siteA, bob)).toBe(2)
        yield* notifications.markRead(siteA, bob, null)
        expect(yield* notifications.countUnread(siteA, bob)).toBe(0)

        const email = (id: string, createdAt: number, nextAttemptAt: number): OutboxEmail => ({
          id,
          to: "b@x.test",
          subject: "s",
          text: "t",
          attempts: 0,
          nextAttemptAt,
          sentAt: null,
          createdAt,
        })
        yield* notifications.enqueueEmail(email("m2", 2, 2))
        yield* notifications.enqueueEmail(email("m1", 1, 1))
        yield* notifications.enqueueEmail(email("m3", 3, 50))
        expect((yield* notifications.dueEmails(10, 10)).map((e) => e.id)).toEqual(["m1", "m2"])
        yield* notifications.markEmailSent("m1", 10)
        yield* notifications.markEmailFailed("m2", 60)
        expect(yield* notifications.dueEmails(10, 10)).toEqual([])
        expect((yield* notifications.dueEmails(60, 10)).map((e) => [e.id, e.attempts])).toEqual([
          ["m2", 1],
          ["m3", 0],
        ])
      }),
    )

    it.effect("WebhookStore – due deliveries across sites, oldest first; remove cascades", () =>
      Effect.gen(function* () {
        const webhooks = yield* WebhookStore
        const endpoint = (id: string, siteId: typeof siteA) => ({
          id: id as WebhookId,
          siteId,
          url: "https://hook.test",
          secret: "s",
          events: ["*"],
          active: true,
          createdAt: 1,
        })
        yield* webhooks.insert(endpoint("wa", siteA))
        yield* webhooks.insert(endpoint("wb", siteB))
        yield* webhooks.update({ ...endpoint("wa", siteA), active: false })
        expect((yield* webhooks.list(siteA)).map((w) => [w.id, w.active])).toEqual([["wa", false]])
        const delivery = (
          id: string,
          endpointId: string,
          siteId: typeof siteA,
          createdAt: number,
        ): WebhookDelivery => ({
          id,
          siteId,
          endpointId: endpointId as WebhookId,
          eventId: `e-${id}`,
          eventType: "comment.created",
          payload: "{}",
          status: "pending",
          attempts: 0,
          nextAttemptAt: createdAt,
          lastError: null,
          createdAt,
        })
        yield* webhooks.insertDelivery(delivery("d2", "wb", siteB, 2))
        yield* webhooks.insertDelivery(delivery("d1", "wa", siteA, 1))
        yield* webhooks.insertDelivery(delivery("d3", "wa", siteA, 3))
        expect((yield* webhooks.dueDeliveries(2, 10)).map((d) => d.id)).toEqual(["d1", "d2"])
        yield* webhooks.updateDelivery({
          ...delivery("d1", "wa", siteA, 1),
          status: "delivered",
          attempts: 1,
        })
        expect((yield* webhooks.dueDeliveries(5, 10)).map((d) => d.id)).toEqual(["d2", "d3"])
        expect(
          (yield* webhooks.listDeliveries(siteA, "wa" as WebhookId, 10)).map((d) => d.id),
        ).toEqual(["d3", "d1"])
        expect(yield* webhooks.listDeliveries(siteB, "wa" as WebhookId, 10)).toEqual([])
        expect(yield* webhooks.remove(siteA, "wa" as WebhookId)).toBe(true)
        expect((yield* webhooks.dueDeliveries(5, 10)).map((d) => d.id)).toEqual(["d2"])
        expect(yield* webhooks.listDeliveries(siteA, "wa" as WebhookId, 10)).toEqual([])
      }),
    )

    it.effect("CommenterStore – listTop by karma, ties newest first", () =>
      Effect.gen(function* () {
        const commenters = yield* CommenterStore
        yield* commenters.insert(commenter(siteB, "k1" as CommenterId, { karma: 5 }))
        yield* commenters.insert(commenter(siteB, "k2" as CommenterId, { karma: 9 }))
        yield* commenters.insert(commenter(siteB, "k3" as CommenterId, { karma: 5 }))
        expect((yield* commenters.listTop(siteB, 10)).map((c) => c.id)).toEqual(["k2", "k3", "k1"])
        expect(
          (yield* commenters.getMany(siteB, ["k3" as CommenterId, "zz" as CommenterId])).map(
            (c) => c.id,
          ),
        ).toEqual(["k3"])
      }),
    )
  })
})
