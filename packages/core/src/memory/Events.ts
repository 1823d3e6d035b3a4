/**
 * EventLog in memory: per (site, thread) arrays, where the event with sequence
 * `n` sits at index `n - 1`.
 *
 * @since 0.1.0
 */
import { Effect } from "effect"
import type { DomainEvent } from "../domain/Event.js"
import type { EventLogShape } from "../ports/EventLog.js"
import { pageSize } from "./SortedIds.js"
import { getOrCreate, peek, type State, site, snapshot } from "./State.js"

/**
 * The memory EventLog over shared state.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (state: State): EventLogShape => ({
  append: (event) =>
    Effect.sync(() => {
      const log = getOrCreate(
        site(state, event.siteId).events,
        event.threadId,
        () => [] as DomainEvent[],
      )
      const stored: DomainEvent = snapshot({ ...event, seq: log.length + 1 })
      log.push(stored)
      return stored
    }),

  since: (siteId, threadId, afterSeq, limit) =>
    Effect.sync(() => {
      const log = peek(state, siteId)?.events.get(threadId)
      if (log === undefined) return []
      const start = afterSeq > 0 ? Math.floor(afterSeq) : 0
      return log.slice(start, start + pageSize(limit))
    }),

  lastSeq: (siteId, threadId) =>
    Effect.sync(() => peek(state, siteId)?.events.get(threadId)?.length ?? 0),
})
