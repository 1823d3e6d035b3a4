/**
 * Property tests of sort orders and paging: for random comments (scores,
 * visibility, authors), walking pages of every sort through the Cursor module
 * and the memory store gives exactly the reference order, once each.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import fc from "fast-check"
import type { Comment } from "../src/domain/Comment.js"
import type { Sort } from "../src/domain/Site.js"
import type { CommenterId } from "../src/Ids.js"
import * as MemoryStore from "../src/memory/MemoryStore.js"
import { CommentStore } from "../src/ports/CommentStore.js"
import * as Cursor from "../src/services/Cursor.js"
import * as Ranking from "../src/services/Ranking.js"
import * as Fixtures from "../src/testing/fixtures.js"
import * as Seed from "../src/testing/cases/seed.js"

const sorts: ReadonlyArray<Sort> = ["new", "old", "top", "hot", "best"]

/** The reference order of the ListQuery contract. */
const reference = (comments: ReadonlyArray<Comment>, sort: Sort): Array<Comment> =>
  [...comments].sort((a, b) => {
    if (sort === "old") return a.id < b.id ? -1 : 1
    const ka = Cursor.keyOf(a, sort)
    const kb = Cursor.keyOf(b, sort)
    if (ka !== kb) return kb - ka
    return a.id < b.id ? 1 : -1
  })

const spec = fc.array(
  fc.record({
    up: fc.nat(6),
    down: fc.nat(6),
    visible: fc.boolean(),
    mine: fc.boolean(),
  }),
  { maxLength: 40 },
)

describe("Sort orders", () => {
  it("list – should page every sort in the reference order, each visible comment once", async () => {
    await fc.assert(
      fc.asyncProperty(spec, fc.integer({ min: 1, max: 7 }), async (rows, limit) => {
        const program = Effect.gen(function* () {
          const store = yield* CommentStore
          const site = yield* Seed.site()
          const thread = yield* Seed.thread(site.id)
          const me = (yield* Seed.commenter(site.id)).id
          const other = (yield* Seed.commenter(site.id)).id
          const comments: Array<Comment> = []
          for (const row of rows) {
            const base = yield* Fixtures.comment(thread, row.mine ? me : other, {
              upvotes: row.up,
              downvotes: row.down,
              status: row.visible ? "approved" : "pending",
              visible: row.visible,
            })
            const ranks = Ranking.ranks(row.up, row.down, base.createdAt)
            const comment = { ...base, hot: ranks.hot, best: ranks.best }
            yield* Seed.insert(comment)
            comments.push(comment)
          }
          for (const sort of sorts)
            for (const viewer of [null, me] as const) {
              const expected = reference(
                comments.filter((c) => c.visible || (viewer !== null && c.authorId === viewer)),
                sort,
              ).map((c) => c.id)
              const seen: Array<string> = []
              let after: string | null = null
              for (let guard = 0; guard < 100; guard++) {
                const position = after === null ? null : yield* Cursor.decode(after, sort)
                const page = yield* store.list({
                  siteId: site.id,
                  threadId: thread.id,
                  parentId: null,
                  sort,
                  after: position,
                  limit,
                  viewer: viewer as CommenterId | null,
                  all: false,
                })
                seen.push(...page.map((c) => c.id))
                const last = page[page.length - 1]
                if (page.length < limit || last === undefined) break
                after = Cursor.after(last, sort)
              }
              expect(seen, `${sort} as ${viewer === null ? "anonymous" : "author"}`).toEqual(
                expected,
              )
            }
        })
        await Effect.runPromise(Effect.provide(program, MemoryStore.layer))
      }),
      { numRuns: 60 },
    )
  })
})
