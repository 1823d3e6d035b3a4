/**
 * CommentStore.search cases: whole words in any case with accents folded,
 * every word required, author names, hidden statuses, edits and renames,
 * newest-first pages with a cursor, and the site boundary.
 */
import { expect } from "@effect/vitest"
import { Effect } from "effect"
import type { Comment } from "../../domain/Comment.js"
import * as Search from "../../domain/Search.js"
import type { CommentId, SiteId } from "../../Ids.js"
import { CommenterStore } from "../../ports/CommenterStore.js"
import { CommentStore, type SearchPage } from "../../ports/CommentStore.js"
import { type Group, must } from "./case.js"
import * as Seed from "./seed.js"

/** Every result of a search, following cursors `pageSize` at a time. */
export const searchAll = (siteId: SiteId, query: string, pageSize = 100) =>
  Effect.gen(function* () {
    const store = yield* CommentStore
    const words = Search.words(query)
    const seen: Array<Comment> = []
    let cursor: CommentId | null = null
    for (let call = 0; call < 10_000; call++) {
      const page: SearchPage = yield* store.search(siteId, words, { limit: pageSize, cursor })
      expect(page.comments.length).toBeLessThanOrEqual(pageSize)
      seen.push(...page.comments)
      if (page.cursor === null) return seen
      cursor = page.cursor
    }
    return yield* Effect.dieMessage("CommentStore.search never finished")
  })

/** Ids newest first: the order search promises. */
const newestFirst = (comments: ReadonlyArray<Comment>) =>
  comments.map((c) => c.id).sort((a, b) => (a < b ? 1 : a > b ? -1 : 0))

const ids = (comments: ReadonlyArray<Comment>) => comments.map((c) => c.id)

export const search: Group = {
  name: "CommentStore.search",
  cases: [
    must(
      "CommentStore.search – should match whole words in any case, with accents folded",
      Effect.gen(function* () {
        const { thread, author } = yield* Seed.world
        const a = yield* Seed.comment(thread, author.id, { body: "The Café is open" })
        yield* Seed.comment(thread, author.id, { body: "cafeteria menu" })
        const c = yield* Seed.comment(thread, author.id, { body: "CAFE society, *cafe*!" })
        expect(ids(yield* searchAll(thread.siteId, "café"))).toEqual(newestFirst([a, c]))
        expect(ids(yield* searchAll(thread.siteId, "CAFE"))).toEqual(newestFirst([a, c]))
        expect(ids(yield* searchAll(thread.siteId, "caf"))).toEqual([])
      }),
    ),
    must(
      "CommentStore.search – should require every word of the query",
      Effect.gen(function* () {
        const { thread, author } = yield* Seed.world
        const a = yield* Seed.comment(thread, author.id, { body: "refund policy explained" })
        yield* Seed.comment(thread, author.id, { body: "our policy on returns" })
        yield* Seed.comment(thread, author.id, { body: "a refund please" })
        expect(ids(yield* searchAll(thread.siteId, "policy refund"))).toEqual([a.id])
        expect(ids(yield* searchAll(thread.siteId, "refund nothing"))).toEqual([])
        const none = yield* (yield* CommentStore).search(thread.siteId, [], {
          limit: 10,
          cursor: null,
        })
        expect(none.comments, "no words match nothing").toEqual([])
      }),
    ),
    must(
      "CommentStore.search – should find comments by their author's display name",
      Effect.gen(function* () {
        const { thread, author } = yield* Seed.world
        const zoe = yield* Seed.commenter(thread.siteId, { displayName: "Zoë Quigley-Hart" })
        const a = yield* Seed.comment(thread, zoe.id, { body: "first" })
        const b = yield* Seed.comment(thread, zoe.id, { body: "second" })
        yield* Seed.comment(thread, author.id, { body: "Quigley was here" })
        const byName = yield* searchAll(thread.siteId, "zoe quigley")
        expect(ids(byName)).toEqual(newestFirst([a, b]))
        expect(ids(yield* searchAll(thread.siteId, "hart"))).toEqual(newestFirst([a, b]))
      }),
    ),
    must(
      "CommentStore.search – should find hidden comments with their status",
      Effect.gen(function* () {
        const { thread, author } = yield* Seed.world
        const pending = yield* Seed.comment(thread, author.id, {
          body: "needle pending",
          status: "pending",
          visible: false,
        })
        const spam = yield* Seed.comment(thread, author.id, {
          body: "needle spam",
          status: "spam",
          visible: false,
        })
        const found = yield* searchAll(thread.siteId, "needle")
        expect(ids(found)).toEqual(newestFirst([pending, spam]))
        expect(found.map((c) => c.status).sort()).toEqual(["pending", "spam"])
      }),
    ),
    must(
      "CommentStore.search – should follow edits of the body",
      Effect.gen(function* () {
        const { thread, author } = yield* Seed.world
        const c = yield* Seed.comment(thread, author.id, { body: "original wording" })
        const store = yield* CommentStore
        const updated = yield* store.update(
          thread.siteId,
          c.id,
          c.version,
          { body: "revised text", html: "<p>revised text</p>", updatedAt: c.updatedAt + 1 },
          Seed.noDeltas,
        )
        expect(updated._tag).toEqual("Some")
        expect(ids(yield* searchAll(thread.siteId, "original"))).toEqual([])
        expect(ids(yield* searchAll(thread.siteId, "revised"))).toEqual([c.id])
        // A patch without a body leaves the words alone.
        const again = yield* store.update(
          thread.siteId,
          c.id,
          c.version + 1,
          { status: "rejected", visible: false, updatedAt: c.updatedAt + 2 },
          { threadComments: -1, parentReplies: 0 },
        )
        expect(again._tag).toEqual("Some")
        const found = yield* searchAll(thread.siteId, "revised")
        expect(found.map((x) => [x.id, x.status])).toEqual([[c.id, "rejected"]])
      }),
    ),
    must(
      "CommentStore.search – should follow a display name change",
      Effect.gen(function* () {
        const { thread } = yield* Seed.world
        const who = yield* Seed.commenter(thread.siteId, { displayName: "Oldname Person" })
        const c = yield* Seed.comment(thread, who.id, { body: "hello" })
        yield* (yield* CommenterStore).update(thread.siteId, who.id, {
          displayName: "Newname Person",
          updatedAt: who.updatedAt + 1,
        })
        expect(ids(yield* searchAll(thread.siteId, "oldname"))).toEqual([])
        expect(ids(yield* searchAll(thread.siteId, "newname"))).toEqual([c.id])
      }),
    ),
    must(
      "CommentStore.search – should page newest first with a cursor, each match once",
      Effect.gen(function* () {
        const { thread, author } = yield* Seed.world
        const matches = yield* Seed.times(7, (i) =>
          Seed.comment(thread, author.id, { body: `page word ${i}` }),
        )
        yield* Seed.times(3, (i) => Seed.comment(thread, author.id, { body: `other ${i}` }))
        const store = yield* CommentStore
        const first = yield* store.search(thread.siteId, ["page"], { limit: 3, cursor: null })
        expect(first.comments.length).toBeLessThanOrEqual(3)
        expect(first.cursor).not.toBeNull()
        expect(ids(yield* searchAll(thread.siteId, "page", 3))).toEqual(newestFirst(matches))
        expect(ids(yield* searchAll(thread.siteId, "page", 1))).toEqual(newestFirst(matches))
      }),
    ),
    must(
      "CommentStore.search – should never find another site's comments",
      Effect.gen(function* () {
        const one = yield* Seed.world
        const two = yield* Seed.world
        const mine = yield* Seed.comment(one.thread, one.author.id, { body: "shared secretword" })
        yield* Seed.comment(two.thread, two.author.id, { body: "shared secretword" })
        expect(ids(yield* searchAll(one.site.id, "secretword"))).toEqual([mine.id])
      }),
    ),
  ],
}
