/**
 * EventLog and EventBus cases.
 */
import { expect } from "@effect/vitest"
import { Chunk, Effect, Fiber, Stream } from "effect"
import { type DomainEvent, siteThread } from "../../domain/Event.js"
import type { SiteId, ThreadId } from "../../Ids.js"
import { EventBus } from "../../ports/EventBus.js"
import { EventLog } from "../../ports/EventLog.js"
import * as Fixtures from "../fixtures.js"
import { given, type Group, must } from "./case.js"
import * as Seed from "./seed.js"

/** Appends `n` fresh events to the thread, one after another. */
const appendMany = (siteId: SiteId, threadId: ThreadId, n: number) =>
  Effect.gen(function* () {
    const log = yield* EventLog
    return yield* Seed.times(n, (i) =>
      Effect.flatMap(Fixtures.newEvent(siteId, threadId, { data: { step: i } }), log.append),
    )
  })

/** A site with one thread: the log only needs their ids, stored where a store checks references. */
const logWorld = Effect.gen(function* () {
  const { site, thread } = yield* Seed.world
  return { siteId: site.id, threadId: thread.id }
})

/** EventLog: the numbered history of each thread. */
export const eventLog: Group = {
  name: "EventLog",
  cases: [
    must(
      "EventLog.append – should number a thread's events 1, 2, 3 and return them",
      Effect.gen(function* () {
        const log = yield* EventLog
        const { siteId, threadId } = yield* logWorld
        const first = yield* Fixtures.newEvent(siteId, threadId, {
          type: "comment.created",
          data: { a: [1, 2] },
        })
        expect(yield* log.append(first)).toEqual({ ...first, seq: 1 })
        const more = yield* appendMany(siteId, threadId, 2)
        expect(more.map((e) => e.seq)).toEqual([2, 3])
      }),
    ),
    must(
      "EventLog.since – should return events after afterSeq, oldest first, at most limit",
      Effect.gen(function* () {
        const log = yield* EventLog
        const { siteId, threadId } = yield* logWorld
        const events = yield* appendMany(siteId, threadId, 5)
        expect(yield* log.since(siteId, threadId, 0, 100)).toEqual(events)
        expect(yield* log.since(siteId, threadId, 2, 2)).toEqual(events.slice(2, 4))
        expect(yield* log.since(siteId, threadId, 4, 100)).toEqual(events.slice(4))
        expect(yield* log.since(siteId, threadId, 5, 100)).toEqual([])
      }),
    ),
    must(
      "EventLog.lastSeq – should return 0 for a thread without events, then the last sequence",
      Effect.gen(function* () {
        const log = yield* EventLog
        const { siteId, threadId } = yield* logWorld
        expect(yield* log.lastSeq(siteId, threadId)).toBe(0)
        yield* appendMany(siteId, threadId, 3)
        expect(yield* log.lastSeq(siteId, threadId)).toBe(3)
      }),
    ),
    must(
      "EventLog.append – should number each thread on its own",
      Effect.gen(function* () {
        const log = yield* EventLog
        const { siteId, threadId } = yield* logWorld
        const other = (yield* Seed.thread(siteId)).id
        yield* appendMany(siteId, threadId, 3)
        const theirs = yield* appendMany(siteId, other, 2)
        expect(theirs.map((e) => e.seq)).toEqual([1, 2])
        expect(yield* log.since(siteId, other, 0, 100)).toEqual(theirs)
        expect((yield* log.since(siteId, threadId, 0, 100)).map((e) => e.seq)).toEqual([1, 2, 3])
        const siteWide = yield* appendMany(siteId, siteThread, 2)
        expect(siteWide.map((e) => e.seq)).toEqual([1, 2])
        expect(yield* log.lastSeq(siteId, threadId)).toBe(3)
      }),
    ),
    given(
      "races",
      "EventLog.append – should give 50 concurrent appends to one thread the sequences 1..50 exactly",
      Effect.gen(function* () {
        const log = yield* EventLog
        const { siteId, threadId } = yield* logWorld
        const fresh = yield* Seed.times(50, () => Fixtures.newEvent(siteId, threadId))
        const appended = yield* Effect.all(fresh.map(log.append), { concurrency: "unbounded" })
        expect(appended.map((e) => e.seq).sort((a, b) => a - b)).toEqual(
          Array.from({ length: 50 }, (_, i) => i + 1),
        )
        const history = yield* log.since(siteId, threadId, 0, 100)
        expect(history.map((e) => e.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1))
        expect(Seed.idSet(history)).toEqual(Seed.idSet(fresh))
        expect(yield* log.lastSeq(siteId, threadId)).toBe(50)
      }),
    ),
  ],
}

/**
 * Subscribes, then collects what arrives until an event with the id `last` does
 * (or fails after five seconds). Returns the fiber so the caller can publish first.
 */
const collectUntil = (siteId: SiteId, threadId: ThreadId | null, last: string) =>
  Effect.gen(function* () {
    const bus = yield* EventBus
    const stream = yield* bus.subscribe(siteId, threadId)
    return yield* Stream.runCollect(Stream.takeUntil(stream, (e) => e.id === last)).pipe(
      Effect.map(Chunk.toReadonlyArray),
      Effect.timeoutFail({
        duration: "5 seconds",
        onTimeout: () => new Error(`EventBus: event ${last} never arrived`),
      }),
      Effect.forkScoped,
    )
  })

const publishAll = (events: ReadonlyArray<DomainEvent>) =>
  Effect.flatMap(EventBus, (bus) => Effect.forEach(events, bus.publish, { discard: true }))

/** EventBus: fan-out with thread and site filters. */
export const eventBus: Group = {
  name: "EventBus",
  cases: [
    given(
      "eventBus",
      "EventBus.subscribe – should deliver events published after subscribing, in order",
      Effect.gen(function* () {
        const siteId = yield* Fixtures.siteId
        const threadId = yield* Fixtures.id<ThreadId>()
        const events = yield* Seed.times(3, (i) => Fixtures.event(siteId, threadId, { seq: i + 1 }))
        const received = yield* collectUntil(siteId, threadId, events[2]!.id)
        yield* publishAll(events)
        expect(yield* Fiber.join(received)).toEqual(events)
      }),
    ),
    given(
      "eventBus",
      "EventBus.subscribe – should deliver each event to every subscriber",
      Effect.gen(function* () {
        const siteId = yield* Fixtures.siteId
        const threadId = yield* Fixtures.id<ThreadId>()
        const event = yield* Fixtures.event(siteId, threadId)
        const first = yield* collectUntil(siteId, threadId, event.id)
        const second = yield* collectUntil(siteId, null, event.id)
        yield* publishAll([event])
        expect(yield* Fiber.join(first)).toEqual([event])
        expect(yield* Fiber.join(second)).toEqual([event])
      }),
    ),
    given(
      "eventBus",
      "EventBus.subscribe – should deliver only the subscribed thread's events",
      Effect.gen(function* () {
        const siteId = yield* Fixtures.siteId
        const threadId = yield* Fixtures.id<ThreadId>()
        const otherThread = yield* Fixtures.event(siteId, yield* Fixtures.id<ThreadId>())
        const siteWide = yield* Fixtures.event(siteId, siteThread, { type: "commenter.banned" })
        const wanted = yield* Fixtures.event(siteId, threadId)
        const received = yield* collectUntil(siteId, threadId, wanted.id)
        yield* publishAll([otherThread, siteWide, wanted])
        expect(yield* Fiber.join(received)).toEqual([wanted])
      }),
    ),
    given(
      "eventBus",
      "EventBus.subscribe – should deliver only the subscribed site's events",
      Effect.gen(function* () {
        const siteId = yield* Fixtures.siteId
        const threadId = yield* Fixtures.id<ThreadId>()
        const otherSite = yield* Fixtures.siteId
        const foreign = [
          yield* Fixtures.event(otherSite, threadId),
          yield* Fixtures.event(otherSite, siteThread),
        ]
        const wanted = yield* Fixtures.event(siteId, siteThread, { type: "commenter.role" })
        const received = yield* collectUntil(siteId, null, wanted.id)
        yield* publishAll([...foreign, wanted])
        expect(yield* Fiber.join(received)).toEqual([wanted])
      }),
    ),
    given(
      "eventBus",
      "EventBus.subscribe – should deliver every thread's events of the site when the thread is null",
      Effect.gen(function* () {
        const siteId = yield* Fixtures.siteId
        const events = [
          yield* Fixtures.event(siteId, yield* Fixtures.id<ThreadId>()),
          yield* Fixtures.event(siteId, yield* Fixtures.id<ThreadId>(), {
            type: "vote.changed",
            seq: 7,
          }),
          yield* Fixtures.event(siteId, siteThread, { type: "commenter.banned" }),
        ]
        const received = yield* collectUntil(siteId, null, events[2]!.id)
        yield* publishAll(events)
        expect(yield* Fiber.join(received)).toEqual(events)
      }),
    ),
  ],
}
