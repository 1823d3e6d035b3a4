/**
 * The page cache serves a page until the thread's event sequence moves.
 */
import { expect, layer } from "@effect/vitest"
import { EventLog, type Ids } from "@kommies/core"
import { Fixtures } from "@kommies/core/testing"
import { Effect, Layer } from "effect"
import { RedisConnection, RedisPageCache, RedisStore } from "../src/index.js"
import { withRedis } from "./support/TestRedis.js"

await withRedis("pagecache", (config) => {
  const live = Layer.mergeAll(RedisStore.layerFromConnection, RedisPageCache.layer()).pipe(
    Layer.provide(RedisConnection.layer(config)),
  )
  layer(live, { excludeTestServices: true })("RedisPageCache", (it) => {
    it.effect("get – should compute once per thread sequence and variant", () =>
      Effect.gen(function* () {
        const cache = yield* RedisPageCache.RedisPageCache
        const log = yield* EventLog.EventLog
        const siteId = yield* Fixtures.siteId
        const threadId = yield* Fixtures.id<Ids.ThreadId>()
        let renders = 0
        const render = Effect.sync(() => `page ${++renders}`)
        expect(yield* cache.get(siteId, threadId, "best", render)).toEqual({
          body: "page 1",
          seq: 0,
          hit: false,
        })
        expect(yield* cache.get(siteId, threadId, "best", render)).toEqual({
          body: "page 1",
          seq: 0,
          hit: true,
        })
        expect((yield* cache.get(siteId, threadId, "new", render)).body).toBe("page 2")
        yield* log.append(yield* Fixtures.newEvent(siteId, threadId))
        expect(yield* cache.get(siteId, threadId, "best", render)).toEqual({
          body: "page 3",
          seq: 1,
          hit: false,
        })
        expect(renders).toBe(3)
      }),
    )
  })
})
