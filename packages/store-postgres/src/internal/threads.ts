/**
 * ThreadStore on PostgreSQL: threads unique by (site, key). Counts move only
 * with comment writes (see comments.ts), in the same statement.
 */
import type { SqlClient } from "@effect/sql/SqlClient"
import type { Row } from "@effect/sql/SqlConnection"
import type { Ids, Thread, ThreadStore } from "@kommies/core"
import { Effect } from "effect"
import { attempt } from "./errors.js"
import { bySiteId } from "./paging.js"
import { num, oneOrNone, pageSize, strOrNull, textArray, unique } from "./sql.js"

/** The columns `toThread` reads. */
export const threadColumns = `id, site_id, key, url, title, locked, comment_count, created_at, updated_at`

/** A threads row as a Thread. */
export const toThread = (row: Row): Thread.Thread => ({
  id: row.id as Ids.ThreadId,
  siteId: row.site_id as Ids.SiteId,
  key: String(row.key),
  url: strOrNull(row.url),
  title: strOrNull(row.title),
  locked: row.locked === true,
  commentCount: num(row.comment_count),
  createdAt: num(row.created_at),
  updatedAt: num(row.updated_at),
})

/** ThreadStore over `sql`. */
export const make = (sql: SqlClient): ThreadStore.ThreadStoreShape => {
  const columns = sql.literal(threadColumns)
  const byKey = (siteId: Ids.SiteId, key: string) =>
    sql`SELECT ${columns} FROM threads WHERE site_id = ${siteId} AND key = ${key}`

  return {
    // The insert waits for a racing insert of the same key to commit, then does
    // nothing; the read that follows (a new snapshot) sees the winner.
    getOrInsert: (thread) =>
      Effect.gen(function* () {
        const inserted = yield* sql`INSERT INTO threads (${columns}) VALUES (
          ${thread.id}, ${thread.siteId}, ${thread.key}, ${thread.url}, ${thread.title},
          ${thread.locked}, ${thread.commentCount}, ${thread.createdAt}, ${thread.updatedAt}
        ) ON CONFLICT (site_id, key) DO NOTHING RETURNING ${columns}`
        const row = inserted[0] ?? (yield* byKey(thread.siteId, thread.key))[0]
        return row === undefined ? thread : toThread(row)
      }).pipe(attempt("ThreadStore.getOrInsert")),

    get: (siteId, id) =>
      sql`SELECT ${columns} FROM threads WHERE id = ${id} AND site_id = ${siteId}`.pipe(
        Effect.map((rows) => oneOrNone(rows, toThread)),
        attempt("ThreadStore.get"),
      ),

    getByKey: (siteId, key) =>
      byKey(siteId, key).pipe(
        Effect.map((rows) => oneOrNone(rows, toThread)),
        attempt("ThreadStore.getByKey"),
      ),

    getByKeys: (siteId, keys) =>
      keys.length === 0
        ? Effect.succeed([])
        : sql`SELECT ${columns} FROM threads
            WHERE site_id = ${siteId} AND key = ANY(${textArray(unique(keys))}::text[])`.pipe(
            Effect.map((rows) => rows.map(toThread)),
            attempt("ThreadStore.getByKeys"),
          ),

    update: (siteId, id, patch) => {
      const sets = [sql`updated_at = ${patch.updatedAt}`]
      if (patch.title !== undefined) sets.push(sql`title = ${patch.title}`)
      if (patch.url !== undefined) sets.push(sql`url = ${patch.url}`)
      if (patch.locked !== undefined) sets.push(sql`locked = ${patch.locked}`)
      return sql`UPDATE threads SET ${sql.csv(sets)}
        WHERE id = ${id} AND site_id = ${siteId} RETURNING ${columns}`.pipe(
        Effect.map((rows) => oneOrNone(rows, toThread)),
        attempt("ThreadStore.update"),
      )
    },

    listTop: (siteId, limit) =>
      pageSize(limit) === 0
        ? Effect.succeed([])
        : sql`SELECT ${columns} FROM threads WHERE site_id = ${siteId}
            ORDER BY comment_count DESC, created_at DESC, id DESC LIMIT ${pageSize(limit)}`.pipe(
            Effect.map((rows) => rows.map(toThread)),
            attempt("ThreadStore.listTop"),
          ),

    listBySite: (siteId, cursor, limit) =>
      bySiteId(sql, "ThreadStore.listBySite", "threads", columns, toThread, siteId, cursor, limit),
  }
}
