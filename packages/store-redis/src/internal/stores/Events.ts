/**
 * EventLog on Redis Streams: one stream per (site, thread), entry ids
 * `0-<seq>`. `XADD … 0-*` makes Redis pick the next sequence of the stream
 * atomically (1, 2, 3… without gaps, even under concurrent appends), so the
 * entry id is the SSE `id`; `since` reads with an exclusive XRANGE. Retention
 * is bounded with `MAXLEN ~ eventRetention`: older events are trimmed, and a
 * client that resumes from before the oldest kept event gets what is left.
 *
 * @since 0.1.0
 */
import type { Event as EventModule, EventLog } from "@kommies/core"
import { Effect } from "effect"
import { site, siteBase } from "../keys.js"
import { parseRecord } from "../rows.js"
import { decoding, pageSize, run } from "../run.js"
import type { RedisConnectionShape } from "../../RedisConnection.js"

type DomainEvent = EventModule.DomainEvent
type Stored = Pick<DomainEvent, "id" | "type" | "data" | "createdAt">

const seqOf = (entryId: string): number => Number(entryId.slice(entryId.indexOf("-") + 1))

/**
 * The Redis EventLog over a connection.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (conn: RedisConnectionShape): EventLog.EventLogShape => {
  const keyOf = (siteId: string, threadId: string) =>
    siteBase(conn.prefix, siteId) + site.events(threadId)
  return {
    append: (event) => {
      const stored: Stored = {
        id: event.id,
        type: event.type,
        data: event.data,
        createdAt: event.createdAt,
      }
      return run(conn, "EventLog.append", (c) =>
        c.xadd(
          keyOf(event.siteId, event.threadId),
          "MAXLEN",
          "~",
          conn.eventRetention,
          "0-*",
          "e",
          JSON.stringify(stored),
        ),
      ).pipe(Effect.map((entryId): DomainEvent => ({ ...event, seq: seqOf(entryId ?? "0-0") })))
    },

    since: (siteId, threadId, afterSeq, limit) => {
      const size = pageSize(limit)
      if (size === 0) return Effect.succeed([])
      const after = afterSeq > 0 ? Math.floor(afterSeq) : 0
      return run(conn, "EventLog.since", (c) =>
        c.xrange(keyOf(siteId, threadId), `(0-${after}`, "+", "COUNT", size),
      ).pipe(
        Effect.flatMap((entries) =>
          decoding(conn, "EventLog.since", () =>
            entries.map(([entryId, fields]): DomainEvent => {
              const stored = parseRecord<Stored>(fields[1] ?? "", `event ${entryId}`)
              return {
                id: stored.id,
                siteId,
                threadId,
                type: stored.type,
                data: stored.data,
                createdAt: stored.createdAt,
                seq: seqOf(entryId),
              } as DomainEvent
            }),
          ),
        ),
      )
    },

    lastSeq: (siteId, threadId) =>
      run(conn, "EventLog.lastSeq", (c) =>
        c.xrevrange(keyOf(siteId, threadId), "+", "-", "COUNT", 1),
      ).pipe(Effect.map((entries) => (entries[0] === undefined ? 0 : seqOf(entries[0][0])))),
  }
}
