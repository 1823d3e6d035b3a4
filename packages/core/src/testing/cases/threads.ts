/**
 * ThreadStore cases.
 */
import { expect } from "@effect/vitest"
import { Effect, Option } from "effect"
import type { ThreadId } from "../../Ids.js"
import { ThreadStore } from "../../ports/ThreadStore.js"
import * as Fixtures from "../fixtures.js"
import { given, type Group, must } from "./case.js"
import * as Seed from "./seed.js"

/** ThreadStore: pages and their counts. */
export const threads: Group = {
  name: "ThreadStore",
  cases: [
    must(
      "ThreadStore.getOrInsert – should insert a new thread and return it as stored",
      Effect.gen(function* () {
        const store = yield* ThreadStore
        const site = yield* Seed.site()
        const thread = yield* Fixtures.thread(site.id)
        expect(yield* store.getOrInsert(thread)).toEqual(thread)
        expect(yield* store.get(site.id, thread.id)).toEqual(Option.some(thread))
      }),
    ),
    must(
      "ThreadStore.getOrInsert – should return the stored thread when the site already has the key",
      Effect.gen(function* () {
        const store = yield* ThreadStore
        const site = yield* Seed.site()
        const first = yield* Seed.thread(site.id)
        const second = yield* Fixtures.thread(site.id, { key: first.key, title: "Another title" })
        expect(yield* store.getOrInsert(second)).toEqual(first)
        expect(yield* store.get(site.id, second.id)).toEqual(Option.none())
      }),
    ),
    given(
      "races",
      "ThreadStore.getOrInsert – should yield one thread to 20 concurrent calls with the same key",
      Effect.gen(function* () {
        const store = yield* ThreadStore
        const site = yield* Seed.site()
        const key = `/race/${yield* Fixtures.token}`
        const candidates = yield* Seed.times(20, () => Fixtures.thread(site.id, { key }))
        const results = yield* Effect.all(
          candidates.map((t) => store.getOrInsert(t)),
          { concurrency: "unbounded" },
        )
        const winners = new Set(results.map((t) => t.id))
        expect(winners.size).toBe(1)
        const stored = yield* Seed.must(store.getByKey(site.id, key))
        expect(winners.has(stored.id)).toBe(true)
        expect(candidates.map((t) => t.id)).toContain(stored.id)
      }),
    ),
    must(
      "ThreadStore.getByKey – should find a thread by its key and None for an unknown key or id",
      Effect.gen(function* () {
        const store = yield* ThreadStore
        const site = yield* Seed.site()
        const thread = yield* Seed.thread(site.id)
        yield* Seed.thread(site.id)
        expect(yield* store.getByKey(site.id, thread.key)).toEqual(Option.some(thread))
        expect(yield* store.getByKey(site.id, `/missing/${yield* Fixtures.token}`)).toEqual(
          Option.none(),
        )
        expect(yield* store.get(site.id, yield* Fixtures.id<ThreadId>())).toEqual(Option.none())
      }),
    ),
    must(
      "ThreadStore.getByKeys – should return the threads of known keys and leave missing keys out",
      Effect.gen(function* () {
        const store = yield* ThreadStore
        const site = yield* Seed.site()
        const a = yield* Seed.thread(site.id)
        const b = yield* Seed.thread(site.id)
        yield* Seed.thread(site.id)
        const found = yield* store.getByKeys(site.id, [
          a.key,
          `/missing/${yield* Fixtures.token}`,
          b.key,
        ])
        expect(Seed.idSet(found)).toEqual(Seed.idSet([a, b]))
        expect(yield* store.getByKeys(site.id, [])).toEqual([])
      }),
    ),
    must(
      "ThreadStore.update – should change title, url and locked and leave the counts alone",
      Effect.gen(function* () {
        const store = yield* ThreadStore
        const { site, thread, author } = yield* Seed.world
        yield* Seed.comment(thread, author.id)
        yield* Seed.comment(thread, author.id)
        const locked = yield* Seed.must(
          store.update(site.id, thread.id, {
            locked: true,
            title: null,
            updatedAt: thread.updatedAt + 1,
          }),
        )
        expect(locked).toEqual({
          ...thread,
          locked: true,
          title: null,
          commentCount: 2,
          updatedAt: thread.updatedAt + 1,
        })
        const moved = yield* Seed.must(
          store.update(site.id, thread.id, {
            url: "https://example.test/moved",
            updatedAt: thread.updatedAt + 2,
          }),
        )
        expect(moved).toEqual({
          ...locked,
          url: "https://example.test/moved",
          updatedAt: thread.updatedAt + 2,
        })
        expect(yield* store.get(site.id, thread.id)).toEqual(Option.some(moved))
      }),
    ),
    must(
      "ThreadStore.update – should return None for an unknown thread",
      Effect.gen(function* () {
        const store = yield* ThreadStore
        const site = yield* Seed.site()
        const ghost = yield* Fixtures.id<ThreadId>()
        expect(yield* store.update(site.id, ghost, { locked: true, updatedAt: 1 })).toEqual(
          Option.none(),
        )
        expect(yield* store.get(site.id, ghost)).toEqual(Option.none())
      }),
    ),
    must(
      "ThreadStore.listTop – should order by visible comments, most first, ties newest thread first",
      Effect.gen(function* () {
        const store = yield* ThreadStore
        const site = yield* Seed.site()
        const author = yield* Seed.commenter(site.id)
        const ids = yield* Seed.orderedIds<ThreadId>(4)
        const [oldest, older, newer, newest] = yield* Effect.forEach(ids, (id, i) =>
          Seed.thread(site.id, {
            id,
            createdAt: 1_700_000_000_000 + i,
            updatedAt: 1_700_000_000_000 + i,
          }),
        )
        for (const [t, n] of [
          [oldest!, 3],
          [older!, 1],
          [newer!, 1],
        ] as const) {
          yield* Seed.times(n, () => Seed.comment(t, author.id))
        }
        yield* Seed.comment(newest!, author.id, { status: "pending", visible: false })
        expect(Seed.ids(yield* store.listTop(site.id, 10))).toEqual(
          Seed.ids([oldest!, newer!, older!, newest!]),
        )
        const top = yield* store.listTop(site.id, 2)
        expect(Seed.ids(top)).toEqual(Seed.ids([oldest!, newer!]))
        expect(top.map((t) => t.commentCount)).toEqual([3, 1])
      }),
    ),
  ],
}
