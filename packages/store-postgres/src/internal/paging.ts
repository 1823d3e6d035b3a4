/**
 * Paged listings for exports on PostgreSQL: a table's rows of one site in id
 * order after a cursor (the last id of the previous page), read from its
 * (site_id, id) index.
 */
import type { SqlClient } from "@effect/sql/SqlClient"
import type { Row } from "@effect/sql/SqlConnection"
import type { Fragment } from "@effect/sql/Statement"
import type { Errors, Page } from "@kommies/core"
import { Effect } from "effect"
import { attempt } from "./errors.js"
import { pageSize } from "./sql.js"

/** One page of `table`'s rows of `siteId` after `cursor`, ascending by id. */
export const bySiteId = <A extends { readonly id: string }>(
  sql: SqlClient,
  what: string,
  table: "threads" | "commenters",
  columns: Fragment,
  decode: (row: Row) => A,
  siteId: string,
  cursor: string | null,
  limit: number,
): Effect.Effect<Page.Page<A>, Errors.StoreError> => {
  const size = pageSize(limit)
  if (size === 0) return Effect.succeed({ items: [], cursor: null })
  return sql`SELECT ${columns} FROM ${sql.literal(table)}
    WHERE site_id = ${siteId} ${cursor === null ? sql`` : sql`AND id > ${cursor}`}
    ORDER BY id LIMIT ${size + 1}`.pipe(
    Effect.map((rows) => {
      const items = rows.slice(0, size).map(decode)
      const last = items[items.length - 1]
      return { items, cursor: rows.length > size && last !== undefined ? last.id : null }
    }),
    attempt(what),
  )
}
