/**
 * Search and export paging: the words of every comment and of every
 * commenter's display name as `tsvector`s (config `simple`) under GIN indexes,
 * filled for existing rows here (words cut by core's `Search.words`, a batch of
 * rows at a time), and the (site, id) indexes that exports page threads and
 * commenters by.
 */
import { SqlClient } from "@effect/sql/SqlClient"
import { Search } from "@kommies/core"
import { Effect } from "effect"
import { textArray } from "../internal/sql.js"

const batch = 1_000

/** Fills `column` of `table` from `source`, walking the primary key. */
const backfill = (table: string, source: string, column: string) =>
  Effect.gen(function* () {
    const sql = yield* SqlClient
    let after = ""
    for (;;) {
      const rows = yield* sql.unsafe<{ id: string; text: string }>(
        `SELECT id, ${source} AS text FROM ${table} WHERE id > $1 ORDER BY id LIMIT ${batch}`,
        [after],
      )
      const last = rows[rows.length - 1]
      if (last === undefined) return
      yield* sql.unsafe(
        `UPDATE ${table} t SET ${column} = strip(to_tsvector('simple', v.words))
          FROM unnest($1::text[], $2::text[]) AS v(id, words) WHERE t.id = v.id`,
        [
          textArray(rows.map((r) => r.id)),
          textArray(rows.map((r) => Search.words(String(r.text)).join(" "))),
        ],
      )
      after = last.id
    }
  })

/** The DDL before the backfill, one statement per entry. */
export const columns: ReadonlyArray<string> = [
  "ALTER TABLE comments ADD COLUMN search_words tsvector",
  "ALTER TABLE commenters ADD COLUMN search_name tsvector",
]

/** The indexes, built once the columns are filled. */
export const indexes: ReadonlyArray<string> = [
  "CREATE INDEX comments_search ON comments USING gin (search_words)",
  "CREATE INDEX commenters_search ON commenters USING gin (search_name)",
  "CREATE INDEX threads_site ON threads (site_id, id)",
  "CREATE INDEX commenters_site ON commenters (site_id, id)",
]

/** Adds the columns, fills them, then builds the indexes (the Migrator wraps it in its transaction). */
export default Effect.gen(function* () {
  const sql = yield* SqlClient
  for (const statement of columns) yield* sql.unsafe(statement)
  yield* backfill("comments", "body", "search_words")
  yield* backfill("commenters", "display_name", "search_name")
  for (const statement of indexes) yield* sql.unsafe(statement)
})
