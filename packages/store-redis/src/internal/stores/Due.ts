/**
 * The two global due queues (outbox emails, webhook deliveries): a sorted set
 * of ids by next attempt time beside the records. A page reads the earliest
 * due ids (ZRANGEBYSCORE … LIMIT: bounded), fetches their records, repairs
 * entries that disagree with their record (a crash between the record write
 * and the queue write leaves one behind), and returns the page oldest first by
 * creation time.
 *
 * @since 0.1.0
 */
import type { Errors } from "@kommies/core"
import { Effect } from "effect"
import { compareIds, pageSize, run } from "../run.js"
import type { RedisConnectionShape } from "../../RedisConnection.js"

/** What a due page needs to know about a record. @since 0.1.0 */
export interface Due<A> {
  readonly fetch: (id: string) => Effect.Effect<A | undefined, Errors.StoreError>
  /** Still waiting to be sent. */
  readonly pending: (record: A) => boolean
  readonly nextAttemptAt: (record: A) => number
  readonly createdAt: (record: A) => number
}

/**
 * Up to `limit` records of `queue` due at `now`, oldest first.
 *
 * @since 0.1.0
 */
export const page = <A extends { readonly id: string }>(
  conn: RedisConnectionShape,
  what: string,
  queue: string,
  now: number,
  limit: number,
  due: Due<A>,
): Effect.Effect<ReadonlyArray<A>, Errors.StoreError> => {
  const size = pageSize(limit)
  if (size === 0) return Effect.succeed([])
  return Effect.gen(function* () {
    const ids = yield* run(conn, what, (c) => c.zrangebyscore(queue, "-inf", now, "LIMIT", 0, size))
    const records = yield* Effect.forEach(ids, due.fetch, { concurrency: 16 })
    const live: Array<A> = []
    for (const [i, record] of records.entries()) {
      const id = ids[i] as string
      if (record === undefined || !due.pending(record)) {
        yield* run(conn, what, (c) => c.zrem(queue, id))
      } else if (due.nextAttemptAt(record) > now) {
        yield* run(conn, what, (c) => c.zadd(queue, due.nextAttemptAt(record), id))
      } else {
        live.push(record)
      }
    }
    return live.sort((a, b) => due.createdAt(a) - due.createdAt(b) || compareIds(a.id, b.id))
  })
}
