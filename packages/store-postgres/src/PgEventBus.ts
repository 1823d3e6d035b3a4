/**
 * EventBus on PostgreSQL `LISTEN`/`NOTIFY`: every process sharing a database
 * sees every event published by any of them. On PGlite (embedded mode) the same
 * code runs in-process, through PGlite's own notifications.
 *
 * Each bus keeps one listening connection and fans events out to local
 * subscribers through a PubSub, filtered by site and thread. Events too large
 * for a notification (8000 bytes) travel through the `bus_payloads` table, and
 * the notification carries their id. A bus checks every `heartbeat` that it
 * still hears itself, and replaces a listening connection that failed or went
 * deaf. Delivery is at most once: an event published while a process's
 * listening connection is down is not replayed to it (SSE clients resume from
 * the EventLog with `Last-Event-ID`).
 *
 * @since 0.1.0
 */
import type { SqlClient } from "@effect/sql/SqlClient"
import { Errors, Event, EventBus } from "@kommies/core"
import {
  Cause,
  Deferred,
  Duration,
  Effect,
  Exit,
  Fiber,
  Layer,
  Option,
  PubSub,
  type Scope,
  Schema,
  Stream,
} from "effect"
import { attempt } from "./internal/errors.js"
import { PgDatabase } from "./PgDatabase.js"

/**
 * Options of {@link make}.
 *
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /** The notification channel. Default `kommies_events`; buses on one channel see each other. */
  readonly channel?: string | undefined
  /** How long to wait for the listening connection on start. Default 10 seconds. */
  readonly readyTimeout?: Duration.DurationInput | undefined
  /**
   * How often the bus checks that its listening connection still hears it (a
   * notification to itself, answered within 15 seconds); a connection that does
   * not is replaced. Default 30 seconds.
   */
  readonly heartbeat?: Duration.DurationInput | undefined
}

/** Largest notification payload sent inline; PostgreSQL's limit is 8000 bytes. */
const inlineLimit = 7_900

const Envelope = Schema.Union(
  Schema.Struct({ e: Event.DomainEvent }),
  Schema.Struct({ r: Schema.String }),
  Schema.Struct({ p: Schema.String }),
)
const decodeEnvelope = Schema.decodeUnknownOption(Schema.parseJson(Envelope))
const encoder = new TextEncoder()

const randomId = (): string => globalThis.crypto.randomUUID()

/** One line on why a listening session ended, for the log. */
const whyStopped = (exit: Exit.Exit<unknown, unknown>): string => {
  if (Exit.isSuccess(exit)) return "it ended"
  const error = Cause.squash(exit.cause)
  if (error === "deaf") return "it stopped hearing its own notifications"
  const cause =
    typeof error === "object" && error !== null && "cause" in error ? error.cause : undefined
  const detail = cause instanceof Error ? `: ${cause.message}` : ""
  return `${error instanceof Error ? error.message : String(error)}${detail}`
}

const publishVia = (sql: SqlClient, channel: string) => (event: Event.DomainEvent) =>
  Effect.gen(function* () {
    const inline = JSON.stringify({ e: event })
    if (encoder.encode(inline).length <= inlineLimit) {
      yield* sql`SELECT pg_notify(${channel}, ${inline})`
      return
    }
    const id = randomId()
    yield* sql`INSERT INTO bus_payloads (id, payload) VALUES (${id}, ${inline})`
    yield* sql`SELECT pg_notify(${channel}, ${JSON.stringify({ r: id })})`
    yield* sql`DELETE FROM bus_payloads WHERE created_at < now() - interval '10 minutes'`
  }).pipe(attempt("EventBus.publish"))

/**
 * An EventBus on the PgDatabase in context, listening until the scope closes.
 * It is ready (listening) when the effect completes: events published after
 * that, by any process on the database, reach its subscribers.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import { Effect, Stream } from "effect"
 * import { PgDatabase, PgEventBus } from "@kommies/store-postgres"
 *
 * const firstEvent = Effect.scoped(
 *   Effect.gen(function* () {
 *     const bus = yield* PgEventBus.make({ channel: "kommies_events" })
 *     const events = yield* bus.subscribe(siteId, null)
 *     return yield* Stream.runHead(events)
 *   }),
 * ).pipe(Effect.provide(PgDatabase.layer({ url: process.env.DATABASE_URL })))
 */
export const make = (
  options: Options = {},
): Effect.Effect<EventBus.EventBusShape, Errors.StoreError, PgDatabase | Scope.Scope> =>
  Effect.gen(function* () {
    const channel = options.channel ?? "kommies_events"
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel)) {
      return yield* new Errors.StoreError({
        reason: "Unknown",
        message: `PostgreSQL: "${channel}" is not a usable channel name (lower-case letters, digits, _)`,
      })
    }
    const db = yield* PgDatabase
    const pubsub = yield* Effect.acquireRelease(
      PubSub.unbounded<Event.DomainEvent>(),
      PubSub.shutdown,
    )
    const probes = new Map<string, Deferred.Deferred<void>>()
    const ready = yield* Deferred.make<void>()

    const received = (payload: string) =>
      Option.match(decodeEnvelope(payload), {
        onNone: () => Effect.void,
        onSome: (envelope) => {
          if ("e" in envelope) return PubSub.publish(pubsub, envelope.e)
          if ("p" in envelope) {
            const answered = probes.get(envelope.p)
            return answered === undefined ? Effect.void : Deferred.succeed(answered, undefined)
          }
          return db`SELECT payload FROM bus_payloads WHERE id = ${envelope.r}`.pipe(
            Effect.flatMap(([row]) => {
              const inner = row === undefined ? Option.none() : decodeEnvelope(String(row.payload))
              return Option.isSome(inner) && "e" in inner.value
                ? PubSub.publish(pubsub, inner.value.e)
                : Effect.void
            }),
            Effect.ignore,
          )
        },
      })

    /** Notifies ourselves until we hear it (every 100 ms), or fails after `within`. */
    const hearsItself = (within: Duration.Duration) =>
      Effect.gen(function* () {
        const id = randomId()
        const answered = yield* Deferred.make<void>()
        probes.set(id, answered)
        const knock = db`SELECT pg_notify(${channel}, ${JSON.stringify({ p: id })})`.pipe(
          Effect.ignore,
          Effect.zipRight(Deferred.await(answered).pipe(Effect.timeoutOption("100 millis"))),
        )
        return yield* knock.pipe(
          Effect.repeat({ until: Option.isSome }),
          Effect.timeoutFail({ duration: within, onTimeout: () => "deaf" as const }),
          Effect.ensuring(Effect.sync(() => probes.delete(id))),
        )
      })

    const timeout = Duration.decode(options.readyTimeout ?? "10 seconds")
    const heartbeat = Duration.decode(options.heartbeat ?? "30 seconds")
    // One listening session: ready once it hears itself, then checked every
    // heartbeat. It ends when its connection fails or goes deaf.
    const session = Effect.scoped(
      Effect.gen(function* () {
        const listening = yield* Effect.forkScoped(Stream.runForEach(db.listen(channel), received))
        const watch = Effect.gen(function* () {
          yield* hearsItself(timeout)
          yield* Deferred.succeed(ready, undefined)
          return yield* Effect.forever(
            Effect.zipRight(Effect.sleep(heartbeat), hearsItself(Duration.seconds(15))),
          )
        })
        return yield* Effect.raceFirst(Fiber.join(listening), watch)
      }),
    )
    yield* session.pipe(
      Effect.exit,
      Effect.tap((exit) =>
        Effect.logWarning(
          `EventBus: listening on "${channel}" stopped (${whyStopped(exit)}); listening again`,
        ),
      ),
      Effect.zipRight(Effect.sleep("1 second")),
      Effect.forever,
      Effect.forkScoped,
    )

    yield* Deferred.await(ready).pipe(
      Effect.timeoutFail({
        duration: timeout,
        onTimeout: () =>
          new Errors.StoreError({
            reason: "Unavailable",
            message: `PostgreSQL: LISTEN on channel "${channel}" did not start within ${Duration.format(timeout)}`,
          }),
      }),
    )

    return {
      publish: publishVia(db, channel),
      subscribe: (siteId, threadId) =>
        Effect.map(PubSub.subscribe(pubsub), (queue) =>
          Stream.fromQueue(queue).pipe(
            Stream.filter(
              (event) =>
                event.siteId === siteId && (threadId === null || event.threadId === threadId),
            ),
          ),
        ),
    }
  })

/**
 * Provides EventBus on the PgDatabase in context: `LISTEN`/`NOTIFY` on a
 * server, in-process notifications on PGlite.
 *
 * @since 0.1.0
 * @category layers
 * @example
 * import { Layer } from "effect"
 * import { PgEventBus, PgStore } from "@kommies/store-postgres"
 *
 * // stores and bus on one database (a server here; PgStore.embedded() works the same)
 * const Live = Layer.provideMerge(PgEventBus.layer, PgStore.layer({ url: process.env.DATABASE_URL }))
 */
export const layer: Layer.Layer<EventBus.EventBus, Errors.StoreError, PgDatabase> = Layer.scoped(
  EventBus.EventBus,
  make(),
)

/**
 * {@link layer} with options (another channel, a longer start timeout).
 *
 * @since 0.1.0
 * @category layers
 * @example
 * import { PgEventBus } from "@kommies/store-postgres"
 *
 * const Bus = PgEventBus.layerWith({ channel: "kommies_staging" })
 */
export const layerWith = (
  options: Options,
): Layer.Layer<EventBus.EventBus, Errors.StoreError, PgDatabase> =>
  Layer.scoped(EventBus.EventBus, make(options))
