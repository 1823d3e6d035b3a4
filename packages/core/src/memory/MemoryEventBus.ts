/**
 * EventBus in one process, over an Effect PubSub: what the memory setup and tests
 * use, and what a single server process needs without Redis or Postgres.
 *
 * @since 0.1.0
 */
import { Effect, Layer, PubSub, type Scope, Stream } from "effect"
import type { DomainEvent } from "../domain/Event.js"
import { EventBus, type EventBusShape } from "../ports/EventBus.js"

/**
 * An EventBus over a fresh unbounded PubSub that is shut down with `Scope`.
 * `subscribe` joins the PubSub when its effect runs, so nothing published after
 * that is missed, even before the stream is pulled; the subscription ends with
 * the caller's scope.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<EventBusShape, never, Scope.Scope> = Effect.gen(function* () {
  const pubsub = yield* Effect.acquireRelease(PubSub.unbounded<DomainEvent>(), PubSub.shutdown)
  return {
    publish: (event) => PubSub.publish(pubsub, event).pipe(Effect.asVoid),
    subscribe: (siteId, threadId) =>
      PubSub.subscribe(pubsub).pipe(
        Effect.map((queue) =>
          Stream.fromQueue(queue).pipe(
            Stream.filter(
              (event) =>
                event.siteId === siteId && (threadId === null || event.threadId === threadId),
            ),
          ),
        ),
      ),
  }
})

/**
 * Provides EventBus in memory. Each build gets its own PubSub.
 *
 * @since 0.1.0
 * @category layers
 * @example
 * import { Effect, Stream } from "effect"
 * import { EventBus } from "@kommies/core"
 * import { MemoryEventBus } from "@kommies/core/memory"
 *
 * const program = Effect.scoped(
 *   Effect.gen(function* () {
 *     const bus = yield* EventBus.EventBus
 *     const events = yield* bus.subscribe(siteId, threadId)
 *     yield* bus.publish(event)
 *     return yield* Stream.runHead(events)
 *   }),
 * ).pipe(Effect.provide(MemoryEventBus.layer))
 */
export const layer: Layer.Layer<EventBus> = Layer.scoped(EventBus, make)
