/**
 * Port: fan-out of events to every server process (memory, Redis pub/sub, Postgres NOTIFY).
 *
 * @since 0.1.0
 */
import { Context, type Effect, type Scope, type Stream } from "effect"
import type { DomainEvent } from "../domain/Event.js"
import type { StoreError } from "../Errors.js"
import type { SiteId, ThreadId } from "../Ids.js"

/** @since 0.1.0 @category ports */
export interface EventBusShape {
  readonly publish: (event: DomainEvent) => Effect.Effect<void, StoreError>
  /**
   * Events of one thread (or, with null, the whole site) published from now on,
   * by any process. The subscription lives as long as the scope.
   */
  readonly subscribe: (
    siteId: SiteId,
    threadId: ThreadId | null,
  ) => Effect.Effect<Stream.Stream<DomainEvent>, StoreError, Scope.Scope>
}

/** @since 0.1.0 @category ports */
export class EventBus extends Context.Tag("@kommies/core/EventBus")<EventBus, EventBusShape>() {}
