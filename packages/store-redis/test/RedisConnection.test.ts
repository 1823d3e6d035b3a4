/**
 * Connection behaviour and key layout: an unreachable Redis is a clear
 * StoreError `Unavailable` (this case needs no Redis); every key of a site
 * carries the site's hash tag; no script scans.
 */
import { describe, expect, it, layer } from "@effect/vitest"
import { EventLog, NotificationStore, UsageStore, VoteStore } from "@kommies/core"
import { Fixtures } from "@kommies/core/testing"
import { Effect, Layer } from "effect"
import { Redis } from "ioredis"
import { scripts } from "../src/internal/scripts/index.js"
import { RedisConnection, RedisStore } from "../src/index.js"
import * as Seed from "./support/Seed.js"
import { redisUrl, withRedis } from "./support/TestRedis.js"

describe("RedisConnection", () => {
  it.live(
    "layer – should fail with StoreError Unavailable naming the server when Redis is unreachable",
    () =>
      Effect.gen(function* () {
        const error = yield* Effect.flip(
          Layer.build(
            RedisStore.layer({ url: "redis://:secret@127.0.0.1:1/0", connectTimeoutMs: 2_000 }),
          ).pipe(Effect.scoped),
        )
        expect(error._tag).toBe("StoreError")
        expect(error.reason).toBe("Unavailable")
        expect(error.code).toBe("store_unavailable")
        expect(error.message).toContain("cannot reach Redis at redis://:***@127.0.0.1:1/0")
        expect(error.message).toContain("ECONNREFUSED")
        expect(error.message).not.toContain("secret")
      }),
    10_000,
  )

  it("layer – should refuse a prefix that would change the hash tag", () => {
    expect(() =>
      Effect.runSync(Effect.scoped(RedisConnection.make({ url: "redis://x", prefix: "a{b}:" }))),
    ).toThrow(/must not contain/)
  })

  it("scripts – should never scan: no KEYS, SCAN or FLUSH in any Lua script", () => {
    for (const [name, def] of Object.entries(scripts)) {
      expect(def.lua, name).not.toMatch(
        /"(KEYS|SCAN|FLUSHDB|FLUSHALL|HGETALL|SMEMBERS|ZRANGE)", KEYS\[1\]\)$/m,
      )
      expect(def.lua, name).not.toMatch(/redis\.call\("(KEYS|SCAN|FLUSHDB|FLUSHALL)"/)
    }
  })
})

await withRedis("layout", (config) => {
  const stores = RedisStore.layerFromConnection.pipe(
    Layer.provideMerge(RedisConnection.layer(config)),
  )
  layer(stores, { excludeTestServices: true })("key layout", (it) => {
    it.effect("should put every key of a site under the site's hash tag", () =>
      Effect.gen(function* () {
        const { site, thread, author } = yield* Seed.world
        const parent = yield* Seed.comment(thread, author.id)
        yield* Seed.comment(thread, author.id, { parentId: parent.id, depth: 1 })
        yield* Seed.comment(thread, author.id, { status: "pending", visible: false })
        yield* (yield* VoteStore.VoteStore).swap({
          siteId: site.id,
          commentId: parent.id,
          voterId: author.id,
          authorId: author.id,
          expected: null,
          next: "up",
          upDelta: 1,
          downDelta: 0,
          karmaDelta: 1,
          at: 1,
        })
        yield* (yield* EventLog.EventLog).append(yield* Fixtures.newEvent(site.id, thread.id))
        yield* (yield* UsageStore.UsageStore).markActive(site.id, "2031-01", author.id)
        yield* (yield* NotificationStore.NotificationStore).insert(
          yield* Fixtures.notification(site.id, author.id),
        )
        const keys = yield* Effect.promise(async () => {
          // SCAN (not KEYS) of this run's own prefix: the server is shared.
          const client = new Redis(redisUrl)
          const found: Array<string> = []
          let cursor = "0"
          do {
            const [next, keys] = await client.scan(
              cursor,
              "MATCH",
              `${config.prefix}*${site.id}*`,
              "COUNT",
              1_000,
            )
            cursor = next
            found.push(...keys)
          } while (cursor !== "0")
          await client.quit()
          return found
        })
        expect(keys.length).toBeGreaterThan(10)
        const registry = keys.filter((key) => key.includes("{registry}:"))
        // The site's own record lives in the registry, beside its unique keys.
        expect(registry).toEqual([`${config.prefix}{registry}:s:${site.id}`])
        for (const key of keys.filter((k) => !registry.includes(k))) {
          // The hash tag is the first {…}: it must be the site id.
          expect(/\{([^}]*)\}/.exec(key)?.[1], key).toBe(site.id)
        }
      }),
    )
  })
})
