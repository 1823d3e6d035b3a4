/**
 * What RedisStore adds to the ports: importComments pipelines the insert
 * script in batches, with the same counters as one insert at a time; and the
 * site claim's compare-and-set, which goes round again over a changed row.
 */
import { expect, layer } from "@effect/vitest"
import { type Comment, CommentStore, type Ids, SiteStore, ThreadStore } from "@kommies/core"
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

    it.effect(
      "SiteStore.claimOwner – should go round again when a write lands between its read and its script, and keep that write",
      () =>
        Effect.gen(function* () {
          const sites = yield* SiteStore.SiteStore
          const site = yield* Fixtures.site()
          yield* sites.insert(site)
          const owner = yield* Fixtures.id<Ids.AccountId>()
          const renamed = { ...site, name: "Renamed", updatedAt: site.updatedAt + 1 }
          // One connection keeps order: the claim's read goes out first, the
          // rename's script next, then the claim's script finds the row changed.
          const [won] = yield* Effect.all(
            [sites.claimOwner(site.id, owner, site.updatedAt + 2), sites.update(renamed)],
            { concurrency: "unbounded" },
          )
          expect(won).toBe(true)
          const claimed = { ...renamed, ownerAccountId: owner, updatedAt: site.updatedAt + 2 }
          expect(yield* sites.get(site.id)).toEqual(Option.some(claimed))
          expect(yield* sites.listByOwner(owner)).toEqual([claimed])
        }),
    )
  })
})
