/**
 * A Redis that goes away and comes back, on a server this file starts: calls
 * fail with StoreError `Unavailable` naming the server and the cause while it is
 * down, and work again once it is back, without rebuilding the layer.
 */
import { afterAll, expect, it } from "@effect/vitest"
import { UsageStore } from "@kommies/core"
import { Fixtures } from "@kommies/core/testing"
import { Context, Effect, Layer, Schedule } from "effect"
import { RedisStore } from "../src/index.js"
import * as TestServer from "./support/TestServer.js"
import { servicesRequired } from "./support/TestRedis.js"

const server = await TestServer.start()

if (typeof server === "string") {
  if (servicesRequired) {
    it("a local redis-server is required (KOMMIES_REQUIRE_SERVICES=1)", () => {
      throw new Error(`could not start redis-server: ${server}`)
    })
  } else {
    it.skip(`skipped: no local redis-server (${server})`, () => {})
  }
} else {
  afterAll(() => server.remove())

  it.live(
    "RedisStore – should fail with Unavailable while Redis is down and recover once it is back",
    () =>
      Effect.scoped(
        Effect.gen(function* () {
          const context = yield* Layer.build(
            RedisStore.layer({ url: server.url, commandTimeoutMs: 2_000 }),
          )
          const usage = Context.get(context, UsageStore.UsageStore)
          const site = yield* Fixtures.siteId
          expect(yield* usage.increment(site, "2031-02", "comments", 1)).toBe(1)

          yield* Effect.promise(() => server.kill())
          const down = yield* Effect.flip(usage.increment(site, "2031-02", "comments", 1))
          expect(down.reason).toBe("Unavailable")
          expect(down.message).toContain(server.url)
          expect(down.message).toContain("ECONNREFUSED")

          yield* Effect.promise(() => server.start())
          // ioredis reconnects on its own; the first calls may still see it reconnecting.
          const back = yield* usage.increment(site, "2031-02", "comments", 1).pipe(
            Effect.retry({
              times: 100,
              schedule: Schedule.spaced("200 millis"),
              while: (e) => e.reason === "Unavailable",
            }),
            Effect.either,
          )
          expect(back._tag).toBe("Right")
        }),
      ),
    60_000,
  )
}
