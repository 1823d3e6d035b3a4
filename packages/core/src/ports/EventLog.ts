/**
 * Port: the event log, numbered per thread. SSE resumes from it with `Last-Event-ID`.
 *
 * @since 0.1.0
 */
import { Context, type Effect } from "effect"
import type { DomainEvent, NewEvent } from "../domain/Event.js"
import type { StoreError } from "../Errors.js"
import type { SiteId, ThreadId } from "../Ids.js"

/** @since 0.1.0 @category ports */
export interface EventLogShape {
  /** Appends with the thread's next sequence (1, 2, 3… without gaps) and returns the event. */
  readonly append: (event: NewEvent) => Effect.Effect<DomainEvent, StoreError>
  /** Events of the thread with `seq > afterSeq`, oldest first, at most `limit`. */
  readonly since: (
    siteId: SiteId,
    threadId: ThreadId,
    afterSeq: number,
    limit: number,
  ) => Effect.Effect<ReadonlyArray<DomainEvent>, StoreError>
  /** The thread's last sequence, 0 when it has none. */
  readonly lastSeq: (siteId: SiteId, threadId: ThreadId) => Effect.Effect<number, StoreError>
}

/** @since 0.1.0 @category ports */
export class EventLog extends Context.Tag("@kommies/core/EventLog")<EventLog, EventLogShape>() {}
