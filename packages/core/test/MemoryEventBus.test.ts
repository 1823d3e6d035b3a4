import { describe, expect, it } from "@effect/vitest"
import { Chunk, Deferred, Effect, Exit, Fiber, Scope, Stream } from "effect"
import type { DomainEvent } from "../src/domain/Event.js"
import { siteThread } from "../src/domain/Event.js"
import type { ThreadId } from "../src/Ids.js"
import { MemoryEventBus } from "../src/memory.js"
import { EventBus } from "../src/ports/EventBus.js"
import { event, siteA, siteB, threadId } from "./MemoryFixtures.js"

const other = "thread-2" as ThreadId
const domain = (siteId: typeof siteA, thread: ThreadId, n: number): DomainEvent => ({
  ...event(siteId, thread, n),
  seq: n,
})
const ids = (events: Chunk.Chunk<DomainEvent>) => Chunk.toReadonlyArray(events).map((e) => e.id)

describe("MemoryEventBus", () => {
  it.scoped("subscribe – a thread subscriber gets that thread's events only, in order", () =>
    Effect.gen(function* () {
      const bus = yield* EventBus
      const events = yield* bus.subscribe(siteA, threadId)
      yield* bus.publish(domain(siteA, other, 1))
      yield* bus.publish(domain(siteB, threadId, 2))
      yield* bus.publish(domain(siteA, threadId, 3))
      yield* bus.publish(domain(siteA, siteThread, 4))
      yield* bus.publish(domain(siteA, threadId, 5))
      expect(ids(yield* Stream.runCollect(Stream.take(events, 2)))).toEqual(["e3", "e5"])
    }).pipe(Effect.provide(MemoryEventBus.layer)),
  )

  it.scoped("subscribe – a site subscriber gets every thread of its site, and no other site", () =>
    Effect.gen(function* () {
      const bus = yield* EventBus
      const events = yield* bus.subscribe(siteA, null)
      yield* bus.publish(domain(siteA, other, 1))
      yield* bus.publish(domain(siteB, threadId, 2))
      yield* bus.publish(domain(siteA, siteThread, 3))
      yield* bus.publish(domain(siteA, threadId, 4))
      expect(ids(yield* Stream.runCollect(Stream.take(events, 3)))).toEqual(["e1", "e3", "e4"])
    }).pipe(Effect.provide(MemoryEventBus.layer)),
  )

  it.scoped(
    "subscribe – sees only what is published after it subscribed, by any number of subscribers",
    () =>
      Effect.gen(function* () {
        const bus = yield* EventBus
        yield* bus.publish(domain(siteA, threadId, 1))
        const first = yield* bus.subscribe(siteA, threadId)
        const second = yield* bus.subscribe(siteA, threadId)
        const reading = yield* Effect.fork(Stream.runCollect(Stream.take(first, 2)))
        yield* bus.publish(domain(siteA, threadId, 2))
        yield* bus.publish(domain(siteA, threadId, 3))
        expect(ids(yield* Fiber.join(reading))).toEqual(["e2", "e3"])
        expect(ids(yield* Stream.runCollect(Stream.take(second, 2)))).toEqual(["e2", "e3"])
      }).pipe(Effect.provide(MemoryEventBus.layer)),
  )

  it.effect("subscribe – the stream ends when its scope closes; publishing goes on", () =>
    Effect.gen(function* () {
      const bus = yield* EventBus
      const scope = yield* Scope.make()
      const events = yield* bus.subscribe(siteA, threadId).pipe(Scope.extend(scope))
      const received = yield* Deferred.make<void>()
      const reading = yield* Effect.fork(
        Stream.runCollect(Stream.tap(events, () => Deferred.succeed(received, undefined))),
      )
      yield* bus.publish(domain(siteA, threadId, 1))
      yield* Deferred.await(received)
      yield* Scope.close(scope, Exit.void)
      yield* bus.publish(domain(siteA, threadId, 2))
      expect(ids(yield* Fiber.join(reading))).toEqual(["e1"])
    }).pipe(Effect.provide(MemoryEventBus.layer)),
  )

  it.effect("layer – each build is its own bus", () =>
    Effect.gen(function* () {
      const published = yield* Effect.scoped(
        Effect.gen(function* () {
          const bus = yield* EventBus
          yield* bus.publish(domain(siteA, threadId, 1))
          return true
        }),
      ).pipe(Effect.provide(MemoryEventBus.layer))
      expect(published).toBe(true)
    }),
  )
})
