/**
 * CommentStore.list cases: every sort with its tie-break, `after` positions,
 * `limit`, the visibility filters, replies and the thread boundary.
 */
import { expect } from "@effect/vitest"
import { Effect } from "effect"
import type { Comment } from "../../domain/Comment.js"
import type { Sort } from "../../domain/Site.js"
import type { Thread } from "../../domain/Thread.js"
import type { CommenterId } from "../../Ids.js"
import { CommentStore, type ListQuery } from "../../ports/CommentStore.js"
import { type Case, type Group, must, type Services } from "./case.js"
import * as Seed from "./seed.js"

/** Every sort `CommentStore.list` knows. */
export const sorts: ReadonlyArray<Sort> = ["new", "old", "top", "hot", "best"]

/** A query for the thread's top level, visible comments only, in one long page. */
export const query = (
  thread: Pick<Thread, "siteId" | "id">,
  sort: Sort,
  overrides: Partial<ListQuery> = {},
): ListQuery => ({
  siteId: thread.siteId,
  threadId: thread.id,
  parentId: null,
  sort,
  after: null,
  limit: 1_000,
  viewer: null,
  all: false,
  ...overrides,
})

/** Reads every page of `q`, `pageSize` at a time, following `after`; `between` runs after each page. */
export const walk = (
  q: ListQuery,
  pageSize: number,
  between: Effect.Effect<unknown, unknown, Services> = Effect.void,
) =>
  Effect.gen(function* () {
    const store = yield* CommentStore
    const seen: Array<Comment> = []
    let after = q.after
    for (let page = 0; page < 1_000; page++) {
      const items = yield* store.list({ ...q, after, limit: pageSize })
      expect(items.length).toBeLessThanOrEqual(pageSize)
      seen.push(...items)
      const last = items[items.length - 1]
      if (last === undefined) return seen
      after = Seed.positionOf(q.sort, last)
      yield* between
    }
    return yield* Effect.dieMessage("CommentStore.list never returned an empty page")
  })

/** Score, hot and best chosen so that every sort has ties to break by id. */
const ranked = [
  { upvotes: 3, downvotes: 1, hot: 2, best: 0.5 },
  { upvotes: 2, downvotes: 0, hot: 2, best: 0.5 },
  { upvotes: 0, downvotes: 0, hot: 1, best: 0 },
  { upvotes: 5, downvotes: 0, hot: 3.5, best: 0.8 },
  { upvotes: 0, downvotes: 1, hot: 2, best: 0 },
  { upvotes: 4, downvotes: 2, hot: 1, best: 0.5 },
  { upvotes: 0, downvotes: 0, hot: 3.5, best: 0 },
  { upvotes: 6, downvotes: 1, hot: -0.5, best: 0.8 },
  { upvotes: 1, downvotes: 0, hot: 2, best: 0.25 },
] as const

/** A thread with nine visible top-level comments, hidden ones, a reply and a neighbour thread. */
const rankedThread = Effect.gen(function* () {
  const { site, thread, author } = yield* Seed.world
  const visible = yield* Effect.forEach(ranked, (r) => Seed.comment(thread, author.id, r))
  yield* Seed.comment(thread, author.id, {
    upvotes: 9,
    hot: 9,
    best: 0.9,
    status: "pending",
    visible: false,
  })
  yield* Seed.comment(thread, author.id, {
    upvotes: 9,
    hot: 9,
    best: 0.9,
    status: "spam",
    visible: false,
  })
  yield* Seed.reply(visible[0]!, author.id, { upvotes: 9, hot: 9, best: 0.9 })
  const neighbour = yield* Seed.thread(site.id)
  yield* Seed.comment(neighbour, author.id, { upvotes: 9, hot: 9, best: 0.9 })
  return { thread, visible }
})

const sortCase = (sort: Sort): Case =>
  must(
    `CommentStore.list – should order "${sort}" as the contract says, ties by id, and page through it with after`,
    Effect.gen(function* () {
      const store = yield* CommentStore
      const { thread, visible } = yield* rankedThread
      const expected = Seed.ids(Seed.ordered(sort, visible))
      expect(Seed.ids(yield* store.list(query(thread, sort)))).toEqual(expected)
      for (const pageSize of [1, 2, 4]) {
        expect(Seed.ids(yield* walk(query(thread, sort), pageSize))).toEqual(expected)
      }
    }),
  )

/** The visibility matrix: who wrote it, its status, shadowed, visible. */
const matrix = [
  ["other", "approved", false, true],
  ["other", "pending", false, false],
  ["other", "approved", true, false],
  ["other", "rejected", false, false],
  ["other", "spam", false, false],
  ["other", "deleted", false, true],
  ["other", "deleted", false, false],
  ["viewer", "pending", false, false],
  ["viewer", "approved", true, false],
  ["viewer", "rejected", false, false],
  ["viewer", "spam", false, false],
  ["viewer", "deleted", false, false],
  ["viewer", "approved", false, true],
] as const

const visibilityThread = Effect.gen(function* () {
  const { site, thread, author: other } = yield* Seed.world
  const viewer = yield* Seed.commenter(site.id)
  const rows = yield* Effect.forEach(matrix, ([who, status, shadowed, visible]) =>
    Seed.comment(thread, who === "viewer" ? viewer.id : other.id, {
      status,
      shadowed,
      visible,
      ...(status === "deleted" ? { body: "", html: "" } : {}),
    }),
  )
  return { thread, viewer: viewer.id, other: other.id, rows }
})

const expectListed = (
  listed: ReadonlyArray<Comment>,
  rows: ReadonlyArray<Comment>,
  keep: (c: Comment) => boolean,
) => expect(Seed.ids(listed)).toEqual(Seed.ids(Seed.ordered("old", rows.filter(keep))))

const visibleOrOwn = (viewer: CommenterId) => (c: Comment) =>
  c.visible || (c.authorId === viewer && c.status !== "deleted")

/** CommentStore.list: sorts, positions, filters. */
export const commentLists: Group = {
  name: "CommentStore.list",
  cases: [
    ...sorts.map(sortCase),
    must(
      "CommentStore.list – should return at most limit comments, the first ones of the order",
      Effect.gen(function* () {
        const store = yield* CommentStore
        const { thread, visible } = yield* rankedThread
        for (const sort of sorts) {
          const expected = Seed.ids(Seed.ordered(sort, visible))
          for (const limit of [1, 3, visible.length, visible.length + 5]) {
            expect(Seed.ids(yield* store.list(query(thread, sort, { limit })))).toEqual(
              expected.slice(0, limit),
            )
          }
        }
      }),
    ),
    must(
      "CommentStore.list – should continue after a position whose comment is no longer listed",
      Effect.gen(function* () {
        const store = yield* CommentStore
        const { thread, visible } = yield* rankedThread
        for (const sort of sorts) {
          const order = Seed.ordered(sort, visible)
          const pivot = order[3]!
          const current = yield* Seed.commentNow(thread.siteId, pivot.id)
          yield* Seed.must(
            store.update(
              thread.siteId,
              pivot.id,
              current.version,
              { visible: false, updatedAt: current.updatedAt + 1 },
              Seed.noDeltas,
            ),
          )
          const rest = yield* store.list(
            query(thread, sort, { after: Seed.positionOf(sort, pivot) }),
          )
          expect(Seed.ids(rest)).toEqual(Seed.ids(order.slice(4)))
          yield* Seed.must(
            store.update(
              thread.siteId,
              pivot.id,
              current.version + 1,
              { visible: true, updatedAt: current.updatedAt + 2 },
              Seed.noDeltas,
            ),
          )
        }
      }),
    ),
    must(
      "CommentStore.list – should list only visible comments when there is no viewer",
      Effect.gen(function* () {
        const store = yield* CommentStore
        const { thread, viewer, rows } = yield* visibilityThread
        expectListed(yield* store.list(query(thread, "old")), rows, (c) => c.visible)
        expectListed(
          yield* store.list(query(thread, "old", { viewer: null })),
          rows,
          (c) => c.visible,
        )
        expect(rows.filter((c) => c.visible && c.authorId === viewer).length).toBe(1)
      }),
    ),
    must(
      "CommentStore.list – should add the viewer's own comments of any status except deleted",
      Effect.gen(function* () {
        const store = yield* CommentStore
        const { thread, viewer, other, rows } = yield* visibilityThread
        expectListed(
          yield* store.list(query(thread, "old", { viewer })),
          rows,
          visibleOrOwn(viewer),
        )
        expectListed(
          yield* store.list(query(thread, "old", { viewer: other })),
          rows,
          visibleOrOwn(other),
        )
        expect(Seed.ids(yield* walk(query(thread, "new", { viewer }), 2))).toEqual(
          Seed.ids(Seed.ordered("new", rows.filter(visibleOrOwn(viewer)))),
        )
      }),
    ),
    must(
      "CommentStore.list – should list everything except deleted-and-invisible comments when all is set",
      Effect.gen(function* () {
        const store = yield* CommentStore
        const { thread, viewer, rows } = yield* visibilityThread
        const keep = (c: Comment) => c.visible || c.status !== "deleted"
        expectListed(yield* store.list(query(thread, "old", { all: true })), rows, keep)
        expectListed(yield* store.list(query(thread, "old", { all: true, viewer })), rows, keep)
        expect(Seed.ids(yield* walk(query(thread, "top", { all: true }), 3))).toEqual(
          Seed.ids(Seed.ordered("top", rows.filter(keep))),
        )
      }),
    ),
    must(
      "CommentStore.list – should list the replies under a parent and only them",
      Effect.gen(function* () {
        const store = yield* CommentStore
        const { thread, author } = yield* Seed.world
        const p = yield* Seed.comment(thread, author.id)
        const q = yield* Seed.comment(thread, author.id)
        const r1 = yield* Seed.reply(p, author.id, { upvotes: 1 })
        yield* Seed.reply(p, author.id, { status: "pending", visible: false })
        const r3 = yield* Seed.reply(p, author.id, { upvotes: 2 })
        yield* Seed.reply(r1, author.id)
        const qr = yield* Seed.reply(q, author.id)
        expect(Seed.ids(yield* store.list(query(thread, "old", { parentId: p.id })))).toEqual(
          Seed.ids(Seed.ordered("old", [r1, r3])),
        )
        expect(Seed.ids(yield* store.list(query(thread, "top", { parentId: p.id })))).toEqual(
          Seed.ids([r3, r1]),
        )
        expect(Seed.ids(yield* store.list(query(thread, "old", { parentId: q.id })))).toEqual([
          qr.id,
        ])
        expect(Seed.ids(yield* store.list(query(thread, "old")))).toEqual(
          Seed.ids(Seed.ordered("old", [p, q])),
        )
      }),
    ),
    must(
      "CommentStore.list – should list only the thread's comments",
      Effect.gen(function* () {
        const store = yield* CommentStore
        const { site, thread, author } = yield* Seed.world
        const other = yield* Seed.thread(site.id)
        const mine = yield* Seed.comment(thread, author.id)
        const theirs = yield* Seed.comment(other, author.id)
        expect(Seed.ids(yield* store.list(query(thread, "new", { all: true })))).toEqual([mine.id])
        expect(Seed.ids(yield* store.list(query(other, "new", { all: true })))).toEqual([theirs.id])
        const empty = yield* Seed.thread(site.id)
        expect(yield* store.list(query(empty, "top", { all: true }))).toEqual([])
      }),
    ),
  ],
}
