/**
 * EventBus over Redis pub/sub: fan-out of events to every server process.
 * Each event is published once, on its thread's channel
 * (`<prefix>ev:<siteId>:<threadId>`); a thread subscriber SUBSCRIBEs that
 * channel, a site subscriber PSUBSCRIBEs `<prefix>ev:<siteId>:*`. Each bus
 * keeps one subscriber connection and shares each channel between its local
 * subscribers. On a cluster, PUBLISH runs in a script keyed by the site, so a
 * process's events of one site always leave from the same node and arrive in
 * the order they were published. Pub/sub delivers at most once: a process that was disconnected
 * misses what was published meanwhile, which is why SSE resumes from the
 * EventLog with `Last-Event-ID`.
 *
 * @since 0.1.0
 */
import { type Event as EventModule, EventBus, type Errors } from "@kommies/core"
import { Effect, Layer, Queue, type Scope, Stream } from "effect"
import { toStoreError } from "./internal/errors.js"
import { channel, site, siteBase } from "./internal/keys.js"
import { script } from "./internal/run.js"
import * as RedisConnection from "./RedisConnection.js"

type DomainEvent = EventModule.DomainEvent

interface Channel {
  readonly queues: Set<Queue.Queue<DomainEvent>>
  readonly ready: Promise<unknown>
}

/**
 * An EventBus over the RedisConnection in context, with a subscriber
 * connection of its own that closes with the scope. `subscribe` returns once
 * Redis has confirmed the subscription, so nothing published after it returns
 * is missed.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<
  EventBus.EventBusShape,
  Errors.StoreError,
  RedisConnection.RedisConnection | Scope.Scope
> = Effect.gen(function* () {
  const conn = yield* RedisConnection.RedisConnection
  const subscriber = yield* conn.duplicate
  const channels = new Map<string, Channel>()
  const patterns = new Map<string, Channel>()

  const deliver = (entry: Channel | undefined, message: string) => {
    if (entry === undefined) return
    let event: DomainEvent
    try {
      event = JSON.parse(message) as DomainEvent
    } catch {
      return
    }
    for (const queue of entry.queues) Queue.unsafeOffer(queue, event)
  }
  subscriber.on("message", (name: string, message: string) => deliver(channels.get(name), message))
  subscriber.on("pmessage", (pattern: string, _name: string, message: string) =>
    deliver(patterns.get(pattern), message),
  )

  const join = (byPattern: boolean, name: string, queue: Queue.Queue<DomainEvent>) =>
    Effect.suspend(() => {
      const map = byPattern ? patterns : channels
      let entry = map.get(name)
      if (entry === undefined) {
        entry = {
          queues: new Set(),
          ready: byPattern ? subscriber.psubscribe(name) : subscriber.subscribe(name),
        }
        map.set(name, entry)
      }
      entry.queues.add(queue)
      const joined = entry
      return Effect.tryPromise({
        try: () => joined.ready,
        catch: toStoreError(conn.where, "EventBus.subscribe"),
      }).pipe(Effect.tapError(() => leave(byPattern, name, queue)))
    })

  const leave = (byPattern: boolean, name: string, queue: Queue.Queue<DomainEvent>) =>
    Effect.suspend(() => {
      const map = byPattern ? patterns : channels
      const entry = map.get(name)
      entry?.queues.delete(queue)
      if (entry !== undefined && entry.queues.size === 0) {
        map.delete(name)
        const stop = byPattern ? subscriber.punsubscribe(name) : subscriber.unsubscribe(name)
        stop.catch(() => undefined)
      }
      return Queue.shutdown(queue)
    })

  return {
    publish: (event) =>
      script(conn, "EventBus.publish", "kmPublish", [
        siteBase(conn.prefix, event.siteId) + site.events(event.threadId),
        channel.thread(conn.prefix, event.siteId, event.threadId),
        JSON.stringify(event),
      ]).pipe(Effect.asVoid),

    subscribe: (siteId, threadId) =>
      Effect.gen(function* () {
        const byPattern = threadId === null
        const name = byPattern
          ? channel.sitePattern(conn.prefix, siteId)
          : channel.thread(conn.prefix, siteId, threadId)
        const queue = yield* Queue.unbounded<DomainEvent>()
        yield* Effect.acquireRelease(join(byPattern, name, queue), () =>
          leave(byPattern, name, queue),
        )
        return Stream.fromQueue(queue).pipe(
          Stream.filter(
            (event) =>
              event.siteId === siteId && (threadId === null || event.threadId === threadId),
          ),
        )
      }),
  }
})

/**
 * EventBus over the RedisConnection you provide.
 *
 * @since 0.1.0
 * @category layers
 * @example
 * import { Layer } from "effect"
 * import { RedisConnection, RedisEventBus } from "@kommies/store-redis"
 *
 * const bus = RedisEventBus.layerFromConnection.pipe(
 *   Layer.provide(RedisConnection.layer({ url: "redis://127.0.0.1:6379" })),
 * )
 */
export const layerFromConnection: Layer.Layer<
  EventBus.EventBus,
  Errors.StoreError,
  RedisConnection.RedisConnection
> = Layer.scoped(EventBus.EventBus, make)

/**
 * EventBus over Redis pub/sub, on its own connection: use it beside any store
 * (Postgres for data, Redis for fan-out) so every server process sees every
 * event.
 *
 * @since 0.1.0
 * @category layers
 * @example
 * import { Effect, Stream } from "effect"
 * import { EventBus } from "@kommies/core"
 * import { RedisEventBus } from "@kommies/store-redis"
 *
 * const program = Effect.scoped(
 *   Effect.gen(function* () {
 *     const bus = yield* EventBus.EventBus
 *     const events = yield* bus.subscribe(siteId, threadId)
 *     return yield* Stream.runHead(events)
 *   }),
 * ).pipe(Effect.provide(RedisEventBus.layer({ url: "redis://127.0.0.1:6379" })))
 */
export const layer = (
  config: RedisConnection.Config,
): Layer.Layer<EventBus.EventBus, Errors.StoreError> =>
  Layer.provide(layerFromConnection, RedisConnection.layer(config))
