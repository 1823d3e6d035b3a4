/**
 * Search on PostgreSQL. Core cuts text into words (`Search.words`: lower case,
 * accents folded); PostgreSQL keeps them as a `tsvector` with the `simple`
 * configuration (no stemming, no stop words, so every language works) in
 * `comments.search_words` and `commenters.search_name`, each under a GIN index
 * (migration 0003). The comment and commenter writes fill both columns in the
 * same statement as the row.
 *
 * A search reads two index paths, each newest first and capped at the page:
 * comments whose words hold the query (the GIN index, then the site), and the
 * newest comments of each of the (at most `maxAuthors`) commenters whose
 * names hold it (the author index, one page per author).
 */
import type { SqlClient } from "@effect/sql/SqlClient"
import type { Row } from "@effect/sql/SqlConnection"
import type { Fragment } from "@effect/sql/Statement"
import { type Comment, type CommentStore, type Ids, Search } from "@kommies/core"
import { Effect } from "effect"
import { attempt } from "./errors.js"
import { pageSize } from "./sql.js"

/** The most commenters whose names one search follows. */
export const maxAuthors = 100

/** The `tsvector` of `text`'s words, as an SQL expression. */
export const vectorOf = (sql: SqlClient, text: string): Fragment =>
  sql`strip(to_tsvector('simple', ${Search.words(text).join(" ")}))`

/** CommentStore.search over `sql`. */
export const make =
  (
    sql: SqlClient,
    commentColumns: string,
    columns: Fragment,
    toComment: (row: Row) => Comment.Comment,
  ): CommentStore.CommentStoreShape["search"] =>
  (siteId, words, options) => {
    const limit = pageSize(options.limit)
    if (limit === 0 || words.length === 0) {
      return Effect.succeed({ comments: [], cursor: null })
    }
    // Words are letters and digits only; the same parser cuts them on both sides.
    const query = sql`plainto_tsquery('simple', ${words.join(" ")})`
    const before = options.cursor === null ? sql`` : sql`AND id < ${options.cursor}`
    const take = limit + 1
    const prefixed = sql.literal(
      commentColumns
        .split(",")
        .map((c) => `c.${c.trim()}`)
        .join(", "),
    )
    return sql`SELECT ${columns} FROM (
      (SELECT ${columns} FROM comments
        WHERE site_id = ${siteId} AND search_words @@ ${query} ${before}
        ORDER BY id DESC LIMIT ${take})
      UNION
      (SELECT ${prefixed} FROM (
          SELECT id FROM commenters
          WHERE site_id = ${siteId} AND search_name @@ ${query} LIMIT ${maxAuthors}
        ) AS a CROSS JOIN LATERAL (
          SELECT ${columns} FROM comments
          WHERE site_id = ${siteId} AND author_id = a.id ${before}
          ORDER BY id DESC LIMIT ${take}
        ) AS c
        ORDER BY c.id DESC LIMIT ${take})
    ) AS found ORDER BY id DESC LIMIT ${take}`.pipe(
      Effect.map((rows) => {
        const comments = rows.slice(0, limit).map(toComment)
        const last = comments[comments.length - 1]
        return {
          comments,
          cursor: rows.length > limit && last !== undefined ? (last.id as Ids.CommentId) : null,
        }
      }),
      attempt("CommentStore.search"),
    )
  }
