/**
 * What the Redis search adds to the conformance cases: the work of one call is
 * capped (a rare match under many others is reached through cursors, not by
 * one call reading everything), and the comment import pipeline fills the
 * word index too.
 */
import { expect, layer } from "@effect/vitest"
import { type Comment, CommentStore, Search } from "@kommies/core"
import { Fixtures } from "@kommies/core/testing"
import { Effect, Layer } from "effect"
import { RedisConnection, RedisStore } from "../src/index.js"
import { maxExamined } from "../src/internal/stores/Search.js"
import * as Seed from "./support/Seed.js"
import { withRedis } from "./support/TestRedis.js"

await withRedis("search", (config) => {
  const live = RedisStore.layerFromConnection.pipe(
    Layer.provideMerge(RedisConnection.layer(config)),
  )
  layer(live, { excludeTestServices: true })("Redis search", (it) => {
    it.effect("search – should cap the ids one call examines and go on from its cursor", () =>
      Effect.gen(function* () {
        const store = yield* CommentStore.CommentStore
        const { site, thread, author } = yield* Seed.world
        // The one match is the oldest: newest first, it comes after every other id of both sets.
        const both = yield* Fixtures.comment(thread, author.id, { body: "alpha beta" })
        const many = maxExamined + 100
        const alpha: Array<Comment.Comment> = yield* Effect.forEach(
          Array.from({ length: many }, (_, i) => i),
          () => Fixtures.comment(thread, author.id, { body: "alpha only" }),
        )
        const beta: Array<Comment.Comment> = yield* Effect.forEach(
          Array.from({ length: many }, (_, i) => i),
          () => Fixtures.comment(thread, author.id, { body: "beta only" }),
        )
        const items = [both, ...alpha, ...beta].map((comment) => ({
          comment,
          deltas: { threadComments: 1, parentReplies: 0 },
        }))
        expect(yield* RedisStore.importComments(items, { batchSize: 500 })).toBe(items.length)

        const words = Search.words("alpha beta")
        const first = yield* store.search(site.id, words, { limit: 10, cursor: null })
        expect(first.comments, "the first call stops after maxExamined ids").toEqual([])
        expect(first.cursor).not.toBeNull()
        const second = yield* store.search(site.id, words, { limit: 10, cursor: first.cursor })
        expect(second.comments.map((c) => c.id)).toEqual([both.id])
        expect(second.cursor).toBeNull()

        const page = yield* store.search(site.id, ["beta"], { limit: 25, cursor: null })
        expect(page.comments.map((c) => c.id)).toEqual(
          beta
            .slice(-25)
            .map((c) => c.id)
            .reverse(),
        )
        expect(page.cursor).toBe(page.comments[24]?.id)
      }),
    )
  })
})
