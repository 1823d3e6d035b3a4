/**
 * Two RedisEventBus instances, each on its own connections as two server
 * processes would be, see each other's events: thread subscribers get their
 * thread's, site subscribers all of the site's, nobody another site's.
 */
import { expect, it } from "@effect/vitest"
import { type Event, EventBus, type Ids } from "@kommies/core"
import { Fixtures } from "@kommies/core/testing"
import { Chunk, Context, Effect, Fiber, Layer, Stream } from "effect"
import { RedisEventBus } from "../src/index.js"
import { withRedis } from "./support/TestRedis.js"

const collect = (
  bus: EventBus.EventBusShape,
  siteId: Ids.SiteId,
  threadId: Ids.ThreadId | null,
  count: number,
) =>
  Effect.gen(function* () {
    const stream = yield* bus.subscribe(siteId, threadId)
    return yield* Stream.runCollect(Stream.take(stream, count)).pipe(
      Effect.map(Chunk.toReadonlyArray),
      Effect.timeoutFail({
        duration: "5 seconds",
        onTimeout: () => new Error(`only part of ${count} events arrived`),
      }),
      Effect.forkScoped,
    )
  })

await withRedis("eventbus", (config) => {
  const busOf = Layer.build(RedisEventBus.layer(config)).pipe(
    Effect.map((ctx) => Context.get(ctx, EventBus.EventBus)),
  )

  it.scoped(
    "EventBus – should deliver each process's events to the other's thread and site subscribers",
    () =>
      Effect.gen(function* () {
        const a = yield* busOf
        const b = yield* busOf
        const siteId = yield* Fixtures.siteId
        const thread = yield* Fixtures.id<Ids.ThreadId>()
        const other = yield* Fixtures.id<Ids.ThreadId>()
        const fromA: Array<Event.DomainEvent> = [
          yield* Fixtures.event(siteId, thread, { seq: 1 }),
          yield* Fixtures.event(siteId, other, { seq: 1 }),
        ]
        const fromB = yield* Fixtures.event(siteId, thread, { seq: 2 })
        const elsewhere = yield* Fixtures.event(yield* Fixtures.siteId, thread)

        const bThread = yield* collect(b, siteId, thread, 2)
        const bSite = yield* collect(b, siteId, null, 3)
        const aThread = yield* collect(a, siteId, thread, 2)
        yield* a.publish(elsewhere)
        yield* a.publish(fromA[0]!)
        yield* a.publish(fromA[1]!)
        yield* b.publish(fromB)

        expect(yield* Fiber.join(bThread)).toEqual([fromA[0], fromB])
        expect(yield* Fiber.join(aThread)).toEqual([fromA[0], fromB])
        const site = yield* Fiber.join(bSite)
        expect(site.filter((e) => e.threadId === thread)).toEqual([fromA[0], fromB])
        expect(site).toContainEqual(fromA[1])
      }),
    20_000,
  )

  it.scoped(
    "EventBus – should keep delivering to one subscriber after another on the same channel leaves",
    () =>
      Effect.gen(function* () {
        const bus = yield* busOf
        const siteId = yield* Fixtures.siteId
        const thread = yield* Fixtures.id<Ids.ThreadId>()
        const staying = yield* collect(bus, siteId, thread, 1)
        yield* Effect.scoped(bus.subscribe(siteId, thread))
        const event = yield* Fixtures.event(siteId, thread)
        yield* bus.publish(event)
        expect(yield* Fiber.join(staying)).toEqual([event])
      }),
    20_000,
  )
})
