/**
 * PgEventBus across processes: two buses, each with its own connection pool,
 * on one PostgreSQL database see each other's events; on PGlite the bus works
 * in-process. Events too large for a notification travel too.
 */
import { describe, expect, it } from "@effect/vitest"
import { EventBus, type Ids } from "@kommies/core"
import { Fixtures } from "@kommies/core/testing"
import { Chunk, Context, Effect, Fiber, Layer, Schedule, Stream } from "effect"
import { PgDatabase, PgEventBus } from "../src/index.js"
import * as TestDatabase from "./support/TestDatabase.js"

/** A bus on its own build of `database` (its own pool: another process, as far as PostgreSQL knows). */
const busOn = (
  database: Layer.Layer<PgDatabase.PgDatabase, unknown>,
  bus: Layer.Layer<EventBus.EventBus, unknown, PgDatabase.PgDatabase> = PgEventBus.layer,
) =>
  Effect.map(Layer.build(Layer.provide(bus, database)), (context) =>
    Context.get(context, EventBus.EventBus),
  )

/** Subscribes on `to`, publishes `events` on `from`, and returns what `to` received. */
const relay = (
  from: EventBus.EventBusShape,
  to: EventBus.EventBusShape,
  siteId: Ids.SiteId,
  events: ReadonlyArray<Parameters<EventBus.EventBusShape["publish"]>[0]>,
) =>
  Effect.gen(function* () {
    const stream = yield* to.subscribe(siteId, null)
    const received = yield* Stream.runCollect(Stream.take(stream, events.length)).pipe(
      Effect.timeout("10 seconds"),
      Effect.forkScoped,
    )
    yield* Effect.forEach(events, from.publish, { discard: true })
    return Chunk.toReadonlyArray(yield* Fiber.join(received))
  })

const someEvents = Effect.gen(function* () {
  const siteId = yield* Fixtures.siteId
  const threadId = yield* Fixtures.id<Ids.ThreadId>()
  const small = yield* Fixtures.event(siteId, threadId, { seq: 1 })
  // Far above NOTIFY's 8000-byte payload limit.
  const large = yield* Fixtures.event(siteId, threadId, {
    seq: 2,
    data: { html: `<p>${"x".repeat(20_000)}</p>` },
  })
  const last = yield* Fixtures.event(siteId, threadId, { seq: 3 })
  return { siteId, events: [small, large, last] }
})

const database = await TestDatabase.fresh("bus")

describe("PgEventBus on PostgreSQL", () => {
  if (!database.ok) {
    TestDatabase.reportMissing(database)
    return
  }
  const server = PgDatabase.layer({ url: database.url, poolSize: 2 })

  it.scopedLive("publish – should reach a subscriber of another bus on the same database", () =>
    Effect.gen(function* () {
      const a = yield* busOn(server)
      const b = yield* busOn(server)
      const { siteId, events } = yield* someEvents
      expect(yield* relay(a, b, siteId, events)).toEqual(events)
      const back = yield* someEvents
      expect(yield* relay(b, a, back.siteId, back.events)).toEqual(back.events)
    }),
  )

  it.scopedLive(
    "listen – should listen again after its connection is killed, and hear the others",
    () =>
      Effect.gen(function* () {
        const admin = yield* PgDatabase.make({ url: database.url, poolSize: 1 })
        const listener = (name: string) =>
          admin`SELECT pid FROM pg_stat_activity WHERE application_name = ${name}`.pipe(
            Effect.map((rows) => rows.map((row) => Number(row.pid))),
          )
        const a = yield* busOn(
          PgDatabase.layer({ url: database.url, poolSize: 2, applicationName: "kommies-a" }),
          PgEventBus.layerWith({ heartbeat: "1 second" }),
        )
        const b = yield* busOn(server)
        const [first] = yield* listener("kommies-a-listen")
        expect(first).toBeTypeOf("number")
        yield* admin`SELECT pg_terminate_backend(${first})`
        const again = yield* listener("kommies-a-listen").pipe(
          Effect.filterOrFail((pids) => pids.length === 1 && pids[0] !== first),
          Effect.retry({ schedule: Schedule.spaced("100 millis"), times: 100 }),
        )
        expect(again[0]).not.toBe(first)
        const { siteId, events } = yield* someEvents
        expect(yield* relay(b, a, siteId, events)).toEqual(events)
      }),
  )

  it.scopedLive("subscribe – should not see buses on another channel", () =>
    Effect.gen(function* () {
      const a = yield* busOn(server)
      const other = yield* busOn(server, PgEventBus.layerWith({ channel: "kommies_other" }))
      const { siteId, events } = yield* someEvents
      const stream = yield* other.subscribe(siteId, null)
      const nothing = yield* Stream.runCollect(Stream.take(stream, 1)).pipe(
        Effect.timeoutOption("500 millis"),
        Effect.forkScoped,
      )
      yield* Effect.forEach(events, a.publish, { discard: true })
      expect((yield* Fiber.join(nothing))._tag).toBe("None")
    }),
  )
})

describe("PgEventBus on PGlite", () => {
  it.scopedLive(
    "publish – should reach subscribers in the same process, large events included",
    () =>
      Effect.gen(function* () {
        const bus = yield* busOn(PgDatabase.embedded())
        const { siteId, events } = yield* someEvents
        expect(yield* relay(bus, bus, siteId, events)).toEqual(events)
      }),
  )
})
