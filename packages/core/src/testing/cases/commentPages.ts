/**
 * CommentStore cursor cases: pages that stay stable while comments are added,
 * and the site-wide listings (moderation queue, reported, by author, by site).
 */
import { expect } from "@effect/vitest"
import { Effect } from "effect"
import type { Comment } from "../../domain/Comment.js"
import type { Sort } from "../../domain/Site.js"
import { CommentStore } from "../../ports/CommentStore.js"
import { ModerationStore } from "../../ports/ModerationStore.js"
import * as Fixtures from "../fixtures.js"
import { type Case, type Group, must } from "./case.js"
import { query, walk } from "./commentLists.js"
import * as Seed from "./seed.js"

const newestFirst = (items: ReadonlyArray<Comment>) => Seed.ids(Seed.ordered("new", items))
const oldestFirst = (items: ReadonlyArray<Comment>) => Seed.ids(Seed.ordered("old", items))

const stabilityCase = (sort: Sort): Case =>
  must(
    `CommentStore.list – should neither skip nor repeat a comment when "${sort}" pages are read while comments are added`,
    Effect.gen(function* () {
      const { thread, author } = yield* Seed.world
      const original = yield* Seed.times(12, (i) =>
        Seed.comment(thread, author.id, { upvotes: i % 4, hot: i % 3, best: (i % 5) / 10 }),
      )
      let added = 0
      const addTwo = Effect.suspend(() =>
        added >= 10
          ? Effect.void
          : Seed.times(2, () => {
              added++
              return Seed.comment(thread, author.id, {
                upvotes: added % 5,
                downvotes: 1,
                hot: added % 3,
              })
            }),
      )
      const seen = yield* walk(query(thread, sort), 3, addTwo)
      const times = new Map<string, number>()
      for (const c of seen) times.set(c.id, (times.get(c.id) ?? 0) + 1)
      expect([...times.values()].every((n) => n === 1)).toBe(true)
      const originalIds = new Set(Seed.ids(original))
      expect(Seed.ids(seen.filter((c) => originalIds.has(c.id)))).toEqual(
        Seed.ids(Seed.ordered(sort, original)),
      )
    }),
  )

/** CommentStore: cursors across pages and the site-wide listings. */
export const commentPages: Group = {
  name: "CommentStore pages",
  cases: [
    ...(["new", "old", "top"] as const).map(stabilityCase),
    must(
      "CommentStore.listByStatus – should list the site's comments with one of the statuses, oldest first, after afterId",
      Effect.gen(function* () {
        const store = yield* CommentStore
        const { site, thread, author } = yield* Seed.world
        const other = yield* Seed.thread(site.id)
        const hidden = { visible: false } as const
        const a = yield* Seed.comment(thread, author.id, { status: "pending", ...hidden })
        yield* Seed.comment(thread, author.id)
        const c = yield* Seed.comment(other, author.id, { status: "spam", ...hidden })
        const d = yield* Seed.comment(other, author.id, { status: "pending", ...hidden })
        yield* Seed.comment(thread, author.id, { status: "rejected", ...hidden })
        const f = yield* Seed.reply(a, author.id, { status: "pending", ...hidden })
        const pending = oldestFirst([a, d, f])
        expect(Seed.ids(yield* store.listByStatus(site.id, ["pending"], null, 10))).toEqual(pending)
        expect(Seed.ids(yield* store.listByStatus(site.id, ["pending", "spam"], null, 10))).toEqual(
          oldestFirst([a, c, d, f]),
        )
        expect(Seed.ids(yield* store.listByStatus(site.id, ["pending"], pending[0]!, 10))).toEqual(
          pending.slice(1),
        )
        expect(Seed.ids(yield* store.listByStatus(site.id, ["pending"], null, 2))).toEqual(
          pending.slice(0, 2),
        )
        expect(yield* store.listByStatus(site.id, ["pending"], pending[2]!, 10)).toEqual([])
      }),
    ),
    must(
      "CommentStore.listReported – should list approved comments with open reports, oldest first, after afterId",
      Effect.gen(function* () {
        const store = yield* CommentStore
        const moderation = yield* ModerationStore
        const { site, thread, author } = yield* Seed.world
        const reporter = yield* Seed.commenter(site.id)
        const second = yield* Seed.commenter(site.id)
        const reportBy = (c: Comment, who = reporter) =>
          Effect.flatMap(Fixtures.report(c, who.id), (r) => moderation.addReport(r))
        const a = yield* Seed.comment(thread, author.id)
        yield* Seed.comment(thread, author.id)
        const c = yield* Seed.comment(thread, author.id, { status: "pending", visible: false })
        const d = yield* Seed.comment(thread, author.id)
        const e = yield* Seed.comment(thread, author.id)
        yield* reportBy(a)
        yield* reportBy(c)
        yield* reportBy(d)
        yield* reportBy(d, second)
        yield* reportBy(e)
        yield* moderation.clearReports(site.id, e.id)
        const reported = oldestFirst([a, d])
        expect(Seed.ids(yield* store.listReported(site.id, null, 10))).toEqual(reported)
        expect(Seed.ids(yield* store.listReported(site.id, reported[0]!, 10))).toEqual(
          reported.slice(1),
        )
        expect(Seed.ids(yield* store.listReported(site.id, null, 1))).toEqual(reported.slice(0, 1))
        expect(
          (yield* store.listReported(site.id, null, 10)).map((x) => x.reportCount).sort(),
        ).toEqual([1, 2])
      }),
    ),
    must(
      "CommentStore.listByAuthor – should list the commenter's comments on the site, newest first, before beforeId",
      Effect.gen(function* () {
        const store = yield* CommentStore
        const { site, thread, author } = yield* Seed.world
        const someoneElse = yield* Seed.commenter(site.id)
        const other = yield* Seed.thread(site.id)
        const a = yield* Seed.comment(thread, author.id)
        yield* Seed.comment(thread, someoneElse.id)
        const b = yield* Seed.comment(other, author.id)
        const c = yield* Seed.reply(a, author.id)
        yield* Seed.reply(a, someoneElse.id)
        const d = yield* Seed.comment(other, author.id, { status: "pending", visible: false })
        const mine = newestFirst([a, b, c, d])
        expect(Seed.ids(yield* store.listByAuthor(site.id, author.id, null, 10))).toEqual(mine)
        expect(Seed.ids(yield* store.listByAuthor(site.id, author.id, mine[0]!, 10))).toEqual(
          mine.slice(1),
        )
        expect(Seed.ids(yield* store.listByAuthor(site.id, author.id, mine[1]!, 2))).toEqual(
          mine.slice(2, 4),
        )
        expect(yield* store.listByAuthor(site.id, author.id, mine[3]!, 10)).toEqual([])
        expect(Seed.ids(yield* store.listByAuthor(site.id, someoneElse.id, null, 10)).length).toBe(
          2,
        )
      }),
    ),
    must(
      "CommentStore.listBySite – should list every comment of the site, newest first, before beforeId",
      Effect.gen(function* () {
        const store = yield* CommentStore
        const { site, thread, author } = yield* Seed.world
        const other = yield* Seed.thread(site.id)
        const a = yield* Seed.comment(thread, author.id)
        const b = yield* Seed.comment(other, author.id, { status: "spam", visible: false })
        const c = yield* Seed.reply(a, author.id)
        const d = yield* Seed.comment(thread, author.id, {
          status: "deleted",
          visible: false,
          body: "",
          html: "",
        })
        const e = yield* Seed.comment(other, author.id)
        const elsewhere = yield* Seed.world
        yield* Seed.comment(elsewhere.thread, elsewhere.author.id)
        const all = newestFirst([a, b, c, d, e])
        expect(Seed.ids(yield* store.listBySite(site.id, null, 10))).toEqual(all)
        expect(Seed.ids(yield* store.listBySite(site.id, null, 2))).toEqual(all.slice(0, 2))
        expect(Seed.ids(yield* store.listBySite(site.id, all[1]!, 2))).toEqual(all.slice(2, 4))
        expect(Seed.ids(yield* store.listBySite(site.id, all[3]!, 10))).toEqual(all.slice(4))
      }),
    ),
  ],
}
