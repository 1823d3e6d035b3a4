/**
 * What RedisStore adds to the ports: importComments pipelines the insert
 * script in batches, with the same counters as one insert at a time.
 */
import { expect, layer } from "@effect/vitest"
import { type Comment, CommentStore, ThreadStore } from "@kommies/core"
import { Fixtures } from "@kommies/core/testing"
import { Effect, Layer, Option } from "effect"
import { RedisConnection, RedisStore } from "../src/index.js"
import * as Seed from "./support/Seed.js"
import { withRedis } from "./support/TestRedis.js"

await withRedis("store", (config) => {
  const live = RedisStore.layerFromConnection.pipe(
    Layer.provideMerge(RedisConnection.layer(config)),
  )
  layer(live, { excludeTestServices: true })("RedisStore", (it) => {
    it.effect(
      "importComments – should write every comment and counter in batches, and fail on a duplicate",
      () =>
        Effect.gen(function* () {
          const comments = yield* CommentStore.CommentStore
          const { site, thread, author } = yield* Seed.world
          const parents: Array<Comment.Comment> = yield* Effect.forEach(
            Array.from({ length: 50 }, (_, i) => i),
            () => Fixtures.comment(thread, author.id),
          )
          const replies = yield* Effect.forEach(
            Array.from({ length: 200 }, (_, i) => i),
            (i) => Fixtures.reply(parents[i % 50]!, author.id),
          )
          const items = [...parents, ...replies].map((comment) => ({
            comment,
            deltas: { threadComments: 1, parentReplies: comment.parentId === null ? 0 : 1 },
          }))
          const written = yield* RedisStore.importComments(items, { batchSize: 64 })
          expect(written).toBe(250)
          const stored = Option.getOrThrow(
            yield* (yield* ThreadStore.ThreadStore).get(site.id, thread.id),
          )
          expect(stored.commentCount).toBe(250)
          const top = yield* comments.list({
            siteId: site.id,
            threadId: thread.id,
            parentId: null,
            sort: "old",
            after: null,
            limit: 100,
            viewer: null,
            all: false,
          })
          expect(top.map((c) => c.id)).toEqual(parents.map((c) => c.id))
          expect(top.every((c) => c.replyCount === 4)).toBe(true)
          const again = yield* Effect.flip(RedisStore.importComments([items[0]!]))
          expect(again.reason).toBe("Conflict")
          expect(again.message).toContain("already exists")
        }),
    )
  })
})
