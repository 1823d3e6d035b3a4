/**
 * ModerationStore cases: reports, bans and the audit log.
 */
import { expect } from "@effect/vitest"
import { Effect, Option } from "effect"
import type { Comment } from "../../domain/Comment.js"
import type { CommenterId } from "../../Ids.js"
import { ModerationStore } from "../../ports/ModerationStore.js"
import * as Fixtures from "../fixtures.js"
import { given, type Group, must } from "./case.js"
import * as Seed from "./seed.js"

const reportBy = (comment: Comment, reporterId: CommenterId) =>
  Effect.gen(function* () {
    const store = yield* ModerationStore
    const report = yield* Fixtures.report(comment, reporterId)
    return { report, result: yield* store.addReport(report) }
  })

const reportedWorld = Effect.gen(function* () {
  const { site, thread, author } = yield* Seed.world
  const comment = yield* Seed.comment(thread, author.id)
  const reporters = yield* Seed.times(3, () => Seed.commenter(site.id))
  return { site, thread, author, comment, reporters: reporters.map((r) => r.id) }
})

const reportCountOf = (comment: Comment) =>
  Effect.map(Seed.commentNow(comment.siteId, comment.id), (c) => c.reportCount)

/** ModerationStore: reports, bans, audit. */
export const moderation: Group = {
  name: "ModerationStore",
  cases: [
    must(
      "ModerationStore.addReport – should add a new report and keep the count on the comment",
      Effect.gen(function* () {
        const { comment, reporters } = yield* reportedWorld
        expect((yield* reportBy(comment, reporters[0]!)).result).toEqual({ added: true, count: 1 })
        expect(yield* reportCountOf(comment)).toBe(1)
        expect((yield* reportBy(comment, reporters[1]!)).result).toEqual({ added: true, count: 2 })
        expect(yield* reportCountOf(comment)).toBe(2)
      }),
    ),
    must(
      "ModerationStore.addReport – should not add a second report by the same reporter",
      Effect.gen(function* () {
        const store = yield* ModerationStore
        const { site, comment, reporters } = yield* reportedWorld
        const { report } = yield* reportBy(comment, reporters[0]!)
        expect((yield* reportBy(comment, reporters[0]!)).result).toEqual({ added: false, count: 1 })
        expect(yield* reportCountOf(comment)).toBe(1)
        expect(yield* store.listReports(site.id, comment.id)).toEqual([report])
      }),
    ),
    given(
      "races",
      "ModerationStore.addReport – should count 20 concurrent reporters exactly and a racing duplicate once",
      Effect.gen(function* () {
        const { site, comment } = yield* reportedWorld
        const reporters = yield* Effect.all(
          Array.from({ length: 20 }, () => Seed.commenter(site.id)),
          { concurrency: 8 },
        )
        const results = yield* Effect.all(
          reporters.map((r) => reportBy(comment, r.id)),
          { concurrency: "unbounded" },
        )
        expect(results.every((r) => r.result.added)).toBe(true)
        expect(results.map((r) => r.result.count).sort((a, b) => a - b)).toEqual(
          Array.from({ length: 20 }, (_, i) => i + 1),
        )
        const duplicates = yield* Effect.all(
          Array.from({ length: 5 }, () => reportBy(comment, reporters[0]!.id)),
          { concurrency: "unbounded" },
        )
        expect(duplicates.filter((d) => d.result.added)).toEqual([])
        expect(yield* reportCountOf(comment)).toBe(20)
      }),
    ),
    must(
      "ModerationStore.listReports – should list the comment's reports as written and no other",
      Effect.gen(function* () {
        const store = yield* ModerationStore
        const { site, thread, author, comment, reporters } = yield* reportedWorld
        const other = yield* Seed.comment(thread, author.id)
        const a = yield* reportBy(comment, reporters[0]!)
        const b = yield* reportBy(comment, reporters[1]!)
        yield* reportBy(other, reporters[2]!)
        const listed = yield* store.listReports(site.id, comment.id)
        expect(Seed.idSet(listed)).toEqual(Seed.idSet([a.report, b.report]))
        expect(listed.find((r) => r.id === a.report.id)).toEqual(a.report)
        expect(
          yield* store.listReports(site.id, (yield* Seed.comment(thread, author.id)).id),
        ).toEqual([])
      }),
    ),
    must(
      "ModerationStore.clearReports – should remove the comment's reports and set its reportCount to 0",
      Effect.gen(function* () {
        const store = yield* ModerationStore
        const { site, thread, author, comment, reporters } = yield* reportedWorld
        const other = yield* Seed.comment(thread, author.id)
        yield* reportBy(comment, reporters[0]!)
        yield* reportBy(comment, reporters[1]!)
        yield* reportBy(other, reporters[0]!)
        yield* store.clearReports(site.id, comment.id)
        expect(yield* store.listReports(site.id, comment.id)).toEqual([])
        expect(yield* reportCountOf(comment)).toBe(0)
        expect(yield* reportCountOf(other)).toBe(1)
        expect((yield* reportBy(comment, reporters[0]!)).result).toEqual({ added: true, count: 1 })
        expect(yield* reportCountOf(comment)).toBe(1)
      }),
    ),
    must(
      "ModerationStore.putBan – should store a ban that getBan returns as written",
      Effect.gen(function* () {
        const store = yield* ModerationStore
        const site = yield* Seed.site()
        const banned = yield* Seed.commenter(site.id)
        const free = yield* Seed.commenter(site.id)
        const ban = yield* Fixtures.ban(site.id, banned.id, {
          kind: "shadow",
          expiresAt: 4_102_444_800_000,
        })
        yield* store.putBan(ban)
        expect(yield* store.getBan(site.id, banned.id)).toEqual(Option.some(ban))
        expect(yield* store.getBan(site.id, free.id)).toEqual(Option.none())
      }),
    ),
    must(
      "ModerationStore.putBan – should replace the commenter's earlier ban",
      Effect.gen(function* () {
        const store = yield* ModerationStore
        const site = yield* Seed.site()
        const banned = yield* Seed.commenter(site.id)
        const first = yield* Fixtures.ban(site.id, banned.id)
        yield* store.putBan(first)
        const second = {
          ...first,
          kind: "shadow" as const,
          reason: null,
          expiresAt: first.createdAt + 3_600_000,
        }
        yield* store.putBan(second)
        expect(yield* store.getBan(site.id, banned.id)).toEqual(Option.some(second))
        expect(yield* store.listBans(site.id)).toEqual([second])
      }),
    ),
    must(
      "ModerationStore.removeBan – should lift the ban once and say whether there was one",
      Effect.gen(function* () {
        const store = yield* ModerationStore
        const site = yield* Seed.site()
        const banned = yield* Seed.commenter(site.id)
        yield* store.putBan(yield* Fixtures.ban(site.id, banned.id))
        expect(yield* store.removeBan(site.id, banned.id)).toBe(true)
        expect(yield* store.getBan(site.id, banned.id)).toEqual(Option.none())
        expect(yield* store.removeBan(site.id, banned.id)).toBe(false)
        expect(yield* store.listBans(site.id)).toEqual([])
      }),
    ),
    must(
      "ModerationStore.listBans – should list every ban of the site, expired ones included",
      Effect.gen(function* () {
        const store = yield* ModerationStore
        const site = yield* Seed.site()
        const people = yield* Seed.times(3, () => Seed.commenter(site.id))
        const bans = [
          yield* Fixtures.ban(site.id, people[0]!.id),
          yield* Fixtures.ban(site.id, people[1]!.id, { kind: "shadow" }),
          yield* Fixtures.ban(site.id, people[2]!.id, { expiresAt: 1 }),
        ]
        for (const ban of bans) yield* store.putBan(ban)
        const listed = yield* store.listBans(site.id)
        const byCommenter = (b: { readonly commenterId: string }) => b.commenterId
        expect([...listed].sort((a, b) => byCommenter(a).localeCompare(byCommenter(b)))).toEqual(
          [...bans].sort((a, b) => byCommenter(a).localeCompare(byCommenter(b))),
        )
      }),
    ),
    must(
      "ModerationStore.listAudit – should list the site's entries newest first, before beforeId, at most limit",
      Effect.gen(function* () {
        const store = yield* ModerationStore
        const site = yield* Seed.site()
        const entries = yield* Seed.times(5, (i) =>
          Fixtures.auditEntry(site.id, {
            action: `test.step${i}`,
            details: { step: i, nested: { ok: true } },
          }),
        )
        for (const entry of entries) yield* store.appendAudit(entry)
        const newest = [...entries].sort((a, b) => (a.id < b.id ? 1 : -1))
        expect(yield* store.listAudit(site.id, null, 10)).toEqual(newest)
        expect(yield* store.listAudit(site.id, null, 2)).toEqual(newest.slice(0, 2))
        expect(yield* store.listAudit(site.id, newest[1]!.id, 2)).toEqual(newest.slice(2, 4))
        expect(yield* store.listAudit(site.id, newest[4]!.id, 10)).toEqual([])
      }),
    ),
  ],
}
