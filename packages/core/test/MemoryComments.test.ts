import { describe, expect, it } from "@effect/vitest"
import { Effect, Option } from "effect"
import type { Comment } from "../src/domain/Comment.js"
import type { Sort } from "../src/domain/Site.js"
import type { CommenterId, CommentId } from "../src/Ids.js"
import { MemoryStore } from "../src/memory.js"
import { CommenterStore } from "../src/ports/CommenterStore.js"
import { CommentStore, type ListQuery, type Position } from "../src/ports/CommentStore.js"
import { ModerationStore } from "../src/ports/ModerationStore.js"
import { ThreadStore } from "../src/ports/ThreadStore.js"
import { VoteStore } from "../src/ports/VoteStore.js"
import {
  alice,
  bob,
  carol,
  cid,
  comment,
  commenter,
  deltasOf,
  noDeltas,
  random,
  siteA,
  siteB,
  thread,
  threadId,
} from "./MemoryFixtures.js"

const ids = (cs: ReadonlyArray<Comment>): ReadonlyArray<CommentId> => cs.map((c) => c.id)

/** Inserts with the deltas core would write. */
const insert = (c: Comment) => Effect.flatMap(CommentStore, (s) => s.insert(c, deltasOf(c)))

const seedThread = Effect.gen(function* () {
  const threads = yield* ThreadStore
  yield* threads.getOrInsert(thread(siteA))
  const commenters = yield* CommenterStore
  for (const id of [alice, bob, carol]) yield* commenters.insert(commenter(siteA, id))
})

const query = (overrides: Partial<ListQuery> = {}): ListQuery => ({
  siteId: siteA,
  threadId,
  parentId: null,
  sort: "new",
  after: null,
  limit: 50,
  viewer: null,
  all: false,
  ...overrides,
})

const commentCount = Effect.flatMap(ThreadStore, (t) => t.get(siteA, threadId)).pipe(
  Effect.map(Option.match({ onNone: () => -1, onSome: (t) => t.commentCount })),
)

const stored = (id: CommentId) =>
  Effect.flatMap(CommentStore, (s) => s.get(siteA, id)).pipe(Effect.map(Option.getOrThrow))

describe("MemoryStore CommentStore", () => {
  it.effect("insert – should apply deltas to the thread and the parent", () =>
    Effect.gen(function* () {
      yield* seedThread
      const parent = comment(siteA, 1, alice)
      yield* insert(parent)
      yield* insert(comment(siteA, 2, bob, { parentId: parent.id, depth: 1 }))
      yield* insert(
        comment(siteA, 3, bob, {
          parentId: parent.id,
          depth: 1,
          status: "pending",
          visible: false,
        }),
      )
      expect(yield* commentCount).toBe(2)
      const p = yield* stored(parent.id)
      expect(p.replyCount).toBe(1)
      // Counters are store-owned: they do not bump the parent's version.
      expect(p.version).toBe(1)
    }).pipe(Effect.provide(MemoryStore.layer)),
  )

  it.effect(
    "insert – should refuse a duplicate id with StoreError Conflict and change nothing",
    () =>
      Effect.gen(function* () {
        yield* seedThread
        yield* insert(comment(siteA, 1, alice))
        const error = yield* Effect.flip(insert(comment(siteA, 1, bob)))
        expect(error).toMatchObject({ _tag: "StoreError", reason: "Conflict" })
        expect((yield* stored(cid(1))).authorId).toBe(alice)
        expect(yield* commentCount).toBe(1)
      }).pipe(Effect.provide(MemoryStore.layer)),
  )

  it.effect("update – should refuse a stale version and apply nothing, deltas included", () =>
    Effect.gen(function* () {
      yield* seedThread
      const store = yield* CommentStore
      const parent = comment(siteA, 1, alice)
      const child = comment(siteA, 2, bob, { parentId: parent.id, depth: 1 })
      yield* insert(parent)
      yield* insert(child)
      const stale = yield* store.update(
        siteA,
        child.id,
        7,
        { status: "rejected", visible: false, updatedAt: 9 },
        {
          threadComments: -1,
          parentReplies: -1,
        },
      )
      expect(stale).toEqual(Option.none())
      expect(yield* stored(child.id)).toEqual(child)
      expect(yield* commentCount).toBe(2)
      expect((yield* stored(parent.id)).replyCount).toBe(1)
      expect(yield* store.update(siteA, cid(99), 1, { updatedAt: 9 }, noDeltas)).toEqual(
        Option.none(),
      )
    }).pipe(Effect.provide(MemoryStore.layer)),
  )

  it.effect("update – should patch, bump the version and apply deltas together", () =>
    Effect.gen(function* () {
      yield* seedThread
      const store = yield* CommentStore
      const parent = comment(siteA, 1, alice)
      const child = comment(siteA, 2, bob, { parentId: parent.id, depth: 1 })
      yield* insert(parent)
      yield* insert(child)
      const edited = yield* store.update(
        siteA,
        child.id,
        1,
        { body: "new", html: "<p>new</p>", editedAt: 5, updatedAt: 5 },
        noDeltas,
      )
      expect(edited).toEqual(
        Option.some({
          ...child,
          body: "new",
          html: "<p>new</p>",
          editedAt: 5,
          updatedAt: 5,
          version: 2,
        }),
      )
      const rejected = yield* store.update(
        siteA,
        child.id,
        2,
        { status: "rejected", visible: false, editedAt: null, updatedAt: 6 },
        {
          threadComments: -1,
          parentReplies: -1,
        },
      )
      expect(Option.map(rejected, (c) => [c.status, c.visible, c.editedAt, c.version])).toEqual(
        Option.some(["rejected", false, null, 3]),
      )
      expect(yield* commentCount).toBe(1)
      expect((yield* stored(parent.id)).replyCount).toBe(0)
      // The old version is now stale.
      expect(yield* store.update(siteA, child.id, 2, { updatedAt: 7 }, noDeltas)).toEqual(
        Option.none(),
      )
    }).pipe(Effect.provide(MemoryStore.layer)),
  )

  it.effect("update – of two racing writers with one version, exactly one wins", () =>
    Effect.gen(function* () {
      yield* seedThread
      const store = yield* CommentStore
      yield* insert(comment(siteA, 1, alice))
      const results = yield* Effect.all(
        Array.from({ length: 20 }, (_, i) =>
          store.update(siteA, cid(1), 1, { body: `w${i}`, updatedAt: 10 + i }, noDeltas),
        ),
        { concurrency: "unbounded" },
      )
      expect(results.filter(Option.isSome)).toHaveLength(1)
      expect((yield* stored(cid(1))).version).toBe(2)
    }).pipe(Effect.provide(MemoryStore.layer)),
  )

  it.effect(
    "setRanks – should write only while the vote counts match, without bumping the version",
    () =>
      Effect.gen(function* () {
        yield* seedThread
        const store = yield* CommentStore
        yield* insert(comment(siteA, 1, alice, { upvotes: 2, downvotes: 1, score: 1 }))
        expect(
          yield* store.setRanks(siteA, cid(1), { upvotes: 1, downvotes: 1 }, { hot: 9, best: 9 }),
        ).toBe(false)
        expect(
          yield* store.setRanks(siteB, cid(1), { upvotes: 2, downvotes: 1 }, { hot: 9, best: 9 }),
        ).toBe(false)
        expect(
          yield* store.setRanks(
            siteA,
            cid(1),
            { upvotes: 2, downvotes: 1 },
            { hot: 3.5, best: 0.25 },
          ),
        ).toBe(true)
        const c = yield* stored(cid(1))
        expect([c.hot, c.best, c.version]).toEqual([3.5, 0.25, 1])
      }).pipe(Effect.provide(MemoryStore.layer)),
  )

  it.effect("list – should filter by visibility, viewer and moderator view", () =>
    Effect.gen(function* () {
      yield* seedThread
      const store = yield* CommentStore
      yield* insert(comment(siteA, 1, alice)) // visible
      yield* insert(comment(siteA, 2, bob, { status: "pending", visible: false }))
      yield* insert(comment(siteA, 3, bob, { shadowed: true, visible: false }))
      yield* insert(comment(siteA, 4, bob, { status: "deleted", visible: false, body: "" }))
      yield* insert(comment(siteA, 5, bob, { status: "deleted", visible: true, body: "" })) // tombstone
      yield* insert(comment(siteA, 6, carol, { status: "spam", visible: false }))
      yield* insert(comment(siteA, 7, alice, { parentId: cid(1), depth: 1 })) // not top level
      expect(ids(yield* store.list(query({ sort: "old" })))).toEqual([cid(1), cid(5)])
      expect(ids(yield* store.list(query({ sort: "old", viewer: bob })))).toEqual([
        cid(1),
        cid(2),
        cid(3),
        cid(5),
      ])
      expect(ids(yield* store.list(query({ sort: "old", viewer: carol })))).toEqual([
        cid(1),
        cid(5),
        cid(6),
      ])
      expect(ids(yield* store.list(query({ sort: "old", all: true })))).toEqual([
        cid(1),
        cid(2),
        cid(3),
        cid(5),
        cid(6),
      ])
      expect(ids(yield* store.list(query({ parentId: cid(1) })))).toEqual([cid(7)])
      expect(yield* store.list(query({ parentId: cid(2) }))).toEqual([])
      expect(yield* store.list(query({ limit: 0 }))).toEqual([])
    }).pipe(Effect.provide(MemoryStore.layer)),
  )

  it.effect("list – should break rank ties by id, newest first, across pages", () =>
    Effect.gen(function* () {
      yield* seedThread
      const store = yield* CommentStore
      const scores = [3, 5, 3, 3, 5, 1]
      for (const [i, score] of scores.entries()) {
        yield* insert(
          comment(siteA, i + 1, alice, { upvotes: score, score, hot: score / 2, best: score / 10 }),
        )
      }
      const expected = [cid(5), cid(2), cid(4), cid(3), cid(1), cid(6)]
      for (const sort of ["top", "hot", "best"] as const) {
        expect(ids(yield* store.list(query({ sort })))).toEqual(expected)
        const first = yield* store.list(query({ sort, limit: 3 }))
        const last = first[2] as Comment
        const key = sort === "top" ? last.score : sort === "hot" ? last.hot : last.best
        const rest = yield* store.list(query({ sort, limit: 3, after: { key, id: last.id } }))
        expect([...ids(first), ...ids(rest)]).toEqual(expected)
      }
      // A position need not be a stored comment: everything strictly after it.
      expect(ids(yield* store.list(query({ sort: "top", after: { key: 3, id: cid(4) } })))).toEqual(
        [cid(3), cid(1), cid(6)],
      )
      expect(ids(yield* store.list(query({ sort: "new", after: { key: 0, id: cid(4) } })))).toEqual(
        [cid(3), cid(2), cid(1)],
      )
    }).pipe(Effect.provide(MemoryStore.layer)),
  )

  it.effect("list – paging through every sort and view matches the documented order", () =>
    Effect.gen(function* () {
      yield* seedThread
      const store = yield* CommentStore
      const rng = random(42)
      const authors: ReadonlyArray<CommenterId> = [alice, bob, carol]
      const all: Array<Comment> = []
      for (let n = 1; n <= 150; n++) {
        const status = rng.pick([
          "approved",
          "approved",
          "approved",
          "pending",
          "rejected",
          "spam",
          "deleted",
        ] as const)
        const shadowed = status === "approved" && rng.next() < 0.15
        const visible =
          (status === "approved" && !shadowed) || (status === "deleted" && rng.next() < 0.5)
        const upvotes = rng.int(0, 4)
        const downvotes = rng.int(0, 2)
        const parentId = n > 10 && rng.next() < 0.3 ? cid(rng.int(1, 10)) : null
        const c = comment(siteA, n, rng.pick(authors), {
          status,
          shadowed,
          visible,
          upvotes,
          downvotes,
          score: upvotes - downvotes,
          hot: rng.int(0, 3) / 4,
          best: rng.int(0, 2) / 3,
          parentId,
          depth: parentId === null ? 0 : 1,
        })
        all.push(c)
        yield* insert(c)
      }
      const keyOf = (sort: Sort, c: Comment): number =>
        sort === "top" ? c.score : sort === "hot" ? c.hot : sort === "best" ? c.best : 0
      const reference = (sort: Sort, q: ListQuery): ReadonlyArray<CommentId> =>
        all
          .filter((c) => c.parentId === q.parentId)
          .filter(
            (c) =>
              c.visible ||
              (q.all && c.status !== "deleted") ||
              (q.viewer !== null && c.authorId === q.viewer && c.status !== "deleted"),
          )
          .sort((a, b) => {
            if (sort === "old") return a.id < b.id ? -1 : 1
            const diff = keyOf(sort, b) - keyOf(sort, a)
            return diff !== 0 ? diff : a.id < b.id ? 1 : -1
          })
          .map((c) => c.id)
      for (const sort of ["new", "old", "top", "hot", "best"] as const) {
        for (const view of [{}, { viewer: bob }, { all: true }] as const) {
          for (const parentId of [null, cid(3)]) {
            for (const limit of [1, 7, 200]) {
              const seen: Array<CommentId> = []
              let after: Position | null = null
              for (;;) {
                const page: ReadonlyArray<Comment> = yield* store.list(
                  query({ ...view, sort, parentId, limit, after }),
                )
                expect(page.length).toBeLessThanOrEqual(limit)
                if (page.length === 0) break
                seen.push(...ids(page))
                const last = page[page.length - 1] as Comment
                after = { key: keyOf(sort, last), id: last.id }
              }
              expect(seen).toEqual(reference(sort, query({ ...view, parentId })))
            }
          }
        }
      }
    }).pipe(Effect.provide(MemoryStore.layer)),
  )

  it.effect(
    "list – ranked orders stay exact through many vote and rank moves in a large thread",
    () =>
      Effect.gen(function* () {
        yield* seedThread
        const store = yield* CommentStore
        const votes = yield* VoteStore
        const rng = random(7)
        const n = 1_300
        for (let i = 1; i <= n; i++) {
          const score = rng.int(0, 20)
          yield* insert(
            comment(siteA, i, alice, {
              upvotes: score,
              score,
              hot: rng.int(0, 50),
              best: rng.int(0, 30) / 30,
            }),
          )
        }
        for (let i = 0; i < 600; i++) {
          const id = cid(rng.int(1, n))
          const down = rng.next() < 0.5
          yield* votes.swap({
            siteId: siteA,
            commentId: id,
            voterId: `v${i}` as CommenterId,
            authorId: alice,
            expected: null,
            next: down ? "down" : "up",
            upDelta: down ? 0 : 1,
            downDelta: down ? 1 : 0,
            karmaDelta: down ? -1 : 1,
            at: i,
          })
          const now = yield* stored(id)
          yield* store.setRanks(
            siteA,
            id,
            { upvotes: now.upvotes, downvotes: now.downvotes },
            { hot: rng.int(0, 50), best: rng.int(0, 30) / 30 },
          )
        }
        const everything = yield* store.getMany(
          siteA,
          Array.from({ length: n }, (_, i) => cid(i + 1)),
        )
        for (const sort of ["top", "hot", "best"] as const) {
          const key = (c: Comment) => (sort === "top" ? c.score : sort === "hot" ? c.hot : c.best)
          const expected = [...everything]
            .sort((a, b) => key(b) - key(a) || (a.id < b.id ? 1 : -1))
            .map((c) => c.id)
          const seen: Array<CommentId> = []
          let after: Position | null = null
          for (;;) {
            const page: ReadonlyArray<Comment> = yield* store.list(
              query({ sort, limit: 97, after }),
            )
            if (page.length === 0) break
            seen.push(...ids(page))
            const last = page[page.length - 1] as Comment
            after = { key: key(last), id: last.id }
          }
          expect(seen).toEqual(expected)
        }
      }).pipe(Effect.provide(MemoryStore.layer)),
  )

  it.effect(
    "listByStatus – should merge statuses oldest first after the cursor, and follow status changes",
    () =>
      Effect.gen(function* () {
        yield* seedThread
        const store = yield* CommentStore
        yield* insert(comment(siteA, 1, alice, { status: "pending", visible: false }))
        yield* insert(comment(siteA, 2, alice))
        yield* insert(comment(siteA, 3, bob, { status: "spam", visible: false }))
        yield* insert(comment(siteA, 4, bob, { status: "pending", visible: false }))
        yield* insert(comment(siteA, 5, bob, { status: "spam", visible: false }))
        expect(ids(yield* store.listByStatus(siteA, ["pending", "spam"], null, 10))).toEqual([
          cid(1),
          cid(3),
          cid(4),
          cid(5),
        ])
        expect(
          ids(yield* store.listByStatus(siteA, ["pending", "spam", "pending"], cid(1), 2)),
        ).toEqual([cid(3), cid(4)])
        yield* store.update(
          siteA,
          cid(4),
          1,
          { status: "approved", visible: true, updatedAt: 9 },
          {
            threadComments: 1,
            parentReplies: 0,
          },
        )
        expect(ids(yield* store.listByStatus(siteA, ["pending"], null, 10))).toEqual([cid(1)])
        expect(ids(yield* store.listByStatus(siteA, ["approved"], null, 10))).toEqual([
          cid(2),
          cid(4),
        ])
        expect(yield* store.listByStatus(siteA, [], null, 10)).toEqual([])
        expect(yield* store.listByStatus(siteB, ["pending"], null, 10)).toEqual([])
      }).pipe(Effect.provide(MemoryStore.layer)),
  )

  it.effect("listReported – should hold approved comments with open reports, oldest first", () =>
    Effect.gen(function* () {
      yield* seedThread
      const store = yield* CommentStore
      const moderation = yield* ModerationStore
      for (const n of [1, 2, 3]) yield* insert(comment(siteA, n, alice))
      yield* insert(comment(siteA, 4, alice, { status: "pending", visible: false }))
      const report = (n: number, reporterId: CommenterId) =>
        moderation.addReport({
          id: `r${n}${reporterId}` as never,
          siteId: siteA,
          commentId: cid(n),
          reporterId,
          reason: "spam",
          note: null,
          createdAt: n,
        })
      expect(yield* report(3, bob)).toEqual({ added: true, count: 1 })
      expect(yield* report(3, bob)).toEqual({ added: false, count: 1 })
      expect(yield* report(3, carol)).toEqual({ added: true, count: 2 })
      yield* report(1, bob)
      yield* report(4, bob)
      expect(ids(yield* store.listReported(siteA, null, 10))).toEqual([cid(1), cid(3)])
      expect(ids(yield* store.listReported(siteA, cid(1), 10))).toEqual([cid(3)])
      // Back to the queue: no longer in the reported list, and back once approved.
      yield* store.update(
        siteA,
        cid(3),
        1,
        { status: "pending", visible: false, updatedAt: 9 },
        {
          threadComments: -1,
          parentReplies: 0,
        },
      )
      expect(ids(yield* store.listReported(siteA, null, 10))).toEqual([cid(1)])
      yield* store.update(
        siteA,
        cid(3),
        2,
        { status: "approved", visible: true, updatedAt: 10 },
        {
          threadComments: 1,
          parentReplies: 0,
        },
      )
      expect(ids(yield* store.listReported(siteA, null, 10))).toEqual([cid(1), cid(3)])
      yield* moderation.clearReports(siteA, cid(3))
      expect(ids(yield* store.listReported(siteA, null, 10))).toEqual([cid(1)])
      expect((yield* stored(cid(3))).reportCount).toBe(0)
      expect(yield* moderation.listReports(siteA, cid(3))).toEqual([])
      expect((yield* moderation.listReports(siteA, cid(1))).map((r) => r.reporterId)).toEqual([bob])
    }).pipe(Effect.provide(MemoryStore.layer)),
  )

  it.effect(
    "listByAuthor and listBySite – should page newest first before the cursor, every status",
    () =>
      Effect.gen(function* () {
        yield* seedThread
        const store = yield* CommentStore
        yield* insert(comment(siteA, 1, alice))
        yield* insert(comment(siteA, 2, bob))
        yield* insert(comment(siteA, 3, alice, { status: "deleted", visible: false }))
        yield* insert(comment(siteA, 4, alice, { parentId: cid(2), depth: 1 }))
        yield* insert(comment(siteB, 5, alice))
        expect(ids(yield* store.listByAuthor(siteA, alice, null, 10))).toEqual([
          cid(4),
          cid(3),
          cid(1),
        ])
        expect(ids(yield* store.listByAuthor(siteA, alice, cid(4), 1))).toEqual([cid(3)])
        expect(ids(yield* store.listBySite(siteA, null, 10))).toEqual([
          cid(4),
          cid(3),
          cid(2),
          cid(1),
        ])
        expect(ids(yield* store.listBySite(siteA, cid(3), 10))).toEqual([cid(2), cid(1)])
        expect(ids(yield* store.listBySite(siteB, null, 10))).toEqual([cid(5)])
      }).pipe(Effect.provide(MemoryStore.layer)),
  )
})

describe("MemoryStore VoteStore", () => {
  it.effect("swap – should move the vote, counts, score and the author's karma together", () =>
    Effect.gen(function* () {
      yield* seedThread
      const votes = yield* VoteStore
      yield* insert(comment(siteA, 1, alice))
      const base = { siteId: siteA, commentId: cid(1), voterId: bob, authorId: alice, at: 5 }
      expect(
        yield* votes.swap({
          ...base,
          expected: null,
          next: "up",
          upDelta: 1,
          downDelta: 0,
          karmaDelta: 1,
        }),
      ).toEqual({ _tag: "Swapped", upvotes: 1, downvotes: 0 })
      expect(yield* votes.get(siteA, cid(1), bob)).toBe("up")
      expect(
        yield* votes.swap({
          ...base,
          expected: "up",
          next: "down",
          upDelta: -1,
          downDelta: 1,
          karmaDelta: -2,
        }),
      ).toEqual({ _tag: "Swapped", upvotes: 0, downvotes: 1 })
      let c = yield* stored(cid(1))
      expect([c.upvotes, c.downvotes, c.score, c.version]).toEqual([0, 1, -1, 1])
      const author = yield* Effect.flatMap(CommenterStore, (s) => s.get(siteA, alice))
      expect(Option.map(author, (a) => a.karma)).toEqual(Option.some(-1))
      expect(
        yield* votes.swap({
          ...base,
          expected: "down",
          next: null,
          upDelta: 0,
          downDelta: -1,
          karmaDelta: 1,
        }),
      ).toEqual({ _tag: "Swapped", upvotes: 0, downvotes: 0 })
      expect(yield* votes.get(siteA, cid(1), bob)).toBe(null)
      c = yield* stored(cid(1))
      expect(c.score).toBe(0)
    }).pipe(Effect.provide(MemoryStore.layer)),
  )

  it.effect("swap – should answer Stale with the current vote and change nothing", () =>
    Effect.gen(function* () {
      yield* seedThread
      const votes = yield* VoteStore
      yield* insert(comment(siteA, 1, alice))
      const base = { siteId: siteA, commentId: cid(1), voterId: bob, authorId: alice, at: 5 }
      yield* votes.swap({
        ...base,
        expected: null,
        next: "up",
        upDelta: 1,
        downDelta: 0,
        karmaDelta: 1,
      })
      expect(
        yield* votes.swap({
          ...base,
          expected: null,
          next: "up",
          upDelta: 1,
          downDelta: 0,
          karmaDelta: 1,
        }),
      ).toEqual({ _tag: "Stale", current: "up" })
      expect(
        yield* votes.swap({
          ...base,
          expected: "down",
          next: null,
          upDelta: 0,
          downDelta: -1,
          karmaDelta: 1,
        }),
      ).toEqual({ _tag: "Stale", current: "up" })
      expect((yield* stored(cid(1))).upvotes).toBe(1)
      const error = yield* Effect.flip(
        votes.swap({
          ...base,
          commentId: cid(9),
          expected: null,
          next: "up",
          upDelta: 1,
          downDelta: 0,
          karmaDelta: 1,
        }),
      )
      expect(error).toMatchObject({ _tag: "StoreError", reason: "Conflict" })
      expect(yield* votes.get(siteA, cid(9), bob)).toBe(null)
    }).pipe(Effect.provide(MemoryStore.layer)),
  )

  it.effect("swap – 200 racing voters leave exact counts and karma", () =>
    Effect.gen(function* () {
      yield* seedThread
      const votes = yield* VoteStore
      yield* insert(comment(siteA, 1, alice))
      yield* Effect.all(
        Array.from({ length: 200 }, (_, i) =>
          votes.swap({
            siteId: siteA,
            commentId: cid(1),
            voterId: `v${i}` as CommenterId,
            authorId: alice,
            expected: null,
            next: i % 4 === 0 ? "down" : "up",
            upDelta: i % 4 === 0 ? 0 : 1,
            downDelta: i % 4 === 0 ? 1 : 0,
            karmaDelta: i % 4 === 0 ? -1 : 1,
            at: i,
          }),
        ),
        { concurrency: "unbounded" },
      )
      const c = yield* stored(cid(1))
      expect([c.upvotes, c.downvotes, c.score]).toEqual([150, 50, 100])
      const author = yield* Effect.flatMap(CommenterStore, (s) => s.get(siteA, alice))
      expect(Option.map(author, (a) => a.karma)).toEqual(Option.some(100))
      const mine = yield* votes.forVoter(siteA, "v0" as CommenterId, [cid(1), cid(2)])
      expect([...mine]).toEqual([[cid(1), "down"]])
      expect((yield* votes.forVoter(siteB, "v0" as CommenterId, [cid(1)])).size).toBe(0)
    }).pipe(Effect.provide(MemoryStore.layer)),
  )
})
