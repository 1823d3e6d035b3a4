/**
 * EventLog on PostgreSQL. An append is one statement: it bumps the thread's
 * counter row (upserted) and inserts the event under the new number. The
 * counter row's lock queues concurrent appends, so numbers have no gaps and
 * commit in order: a reader never sees event n + 1 without event n.
 */
import type { SqlClient } from "@effect/sql/SqlClient"
import type { Row } from "@effect/sql/SqlConnection"
import type { Event, EventLog, Ids } from "@kommies/core"
import { Effect } from "effect"
import { attempt } from "./errors.js"
import { json, num, pageSize, parsed } from "./sql.js"

const toEvent = (row: Row): Event.DomainEvent => ({
  id: String(row.id),
  siteId: row.site_id as Ids.SiteId,
  threadId: row.thread_id as Ids.ThreadId,
  type: row.type as Event.EventType,
  data: parsed<Record<string, unknown>>(row.data),
  createdAt: num(row.created_at),
  seq: num(row.seq),
})

/** EventLog over `sql`. */
export const make = (sql: SqlClient): EventLog.EventLogShape => ({
  append: (event) =>
    sql`WITH head AS (
      INSERT INTO event_heads (site_id, thread_id, last_seq)
      VALUES (${event.siteId}, ${event.threadId}, 1)
      ON CONFLICT (site_id, thread_id) DO UPDATE SET last_seq = event_heads.last_seq + 1
      RETURNING last_seq
    )
    INSERT INTO events (site_id, thread_id, seq, id, type, data, created_at)
    SELECT ${event.siteId}, ${event.threadId}, head.last_seq, ${event.id}, ${event.type},
      ${json(event.data)}::jsonb, ${event.createdAt}
    FROM head
    RETURNING seq`.pipe(
      Effect.map((rows): Event.DomainEvent => ({ ...event, seq: num(rows[0]?.seq) })),
      attempt("EventLog.append"),
    ),

  since: (siteId, threadId, afterSeq, limit) =>
    pageSize(limit) === 0
      ? Effect.succeed([])
      : sql`SELECT id, site_id, thread_id, type, data, created_at, seq FROM events
          WHERE site_id = ${siteId} AND thread_id = ${threadId}
            AND seq > ${afterSeq > 0 ? Math.min(Math.floor(afterSeq), Number.MAX_SAFE_INTEGER) : 0}
          ORDER BY seq LIMIT ${pageSize(limit)}`.pipe(
          Effect.map((rows) => rows.map(toEvent)),
          attempt("EventLog.since"),
        ),

  lastSeq: (siteId, threadId) =>
    sql`SELECT last_seq FROM event_heads WHERE site_id = ${siteId} AND thread_id = ${threadId}`.pipe(
      Effect.map((rows) => (rows[0] === undefined ? 0 : num(rows[0].last_seq))),
      attempt("EventLog.lastSeq"),
    ),
})
