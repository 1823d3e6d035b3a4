/**
 * Emitting domain events: append to the EventLog (which numbers them per
 * thread), then publish on the EventBus for realtime in every process.
 *
 * @since 0.1.0
 */
import { Clock, Effect, Option } from "effect"
import type { DomainEvent, EventType } from "../domain/Event.js"
import type { StoreError } from "../Errors.js"
import type { SiteId, ThreadId } from "../Ids.js"
import { uuidv7 } from "../Ids.js"
import { EventBus } from "../ports/EventBus.js"
import { EventLog } from "../ports/EventLog.js"
import { WebhookStore } from "../ports/WebhookStore.js"
import { enqueue } from "./Webhooks.js"

/**
 * Records an event and fans it out. The log append is the durable part and
 * its failure fails the call; a failed publish is only logged, since clients
 * catch up from the log with `Last-Event-ID`.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * yield* Events.emit(site.id, thread.id, "thread.locked", { locked: true })
 */
export const emit = (
  siteId: SiteId,
  threadId: ThreadId,
  type: EventType,
  data: Record<string, unknown>,
): Effect.Effect<DomainEvent, StoreError, EventLog | EventBus> =>
  Effect.gen(function* () {
    const log = yield* EventLog
    const bus = yield* EventBus
    const event = yield* log.append({
      id: yield* uuidv7,
      siteId,
      threadId,
      type,
      data,
      createdAt: yield* Clock.currentTimeMillis,
    })
    // Webhooks come with the stores; a composition without a WebhookStore has none.
    const webhooks = yield* Effect.serviceOption(WebhookStore)
    if (Option.isSome(webhooks))
      yield* enqueue(event).pipe(
        Effect.provideService(WebhookStore, webhooks.value),
        Effect.catchAll((error) => Effect.logWarning("webhook enqueue failed", error)),
      )
    yield* bus
      .publish(event)
      .pipe(
        Effect.catchAll((error) =>
          Effect.logWarning("event publish failed; clients resume from the log", error),
        ),
      )
    return event
  })
