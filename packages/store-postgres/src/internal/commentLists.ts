/**
 * CommentStore reads on PostgreSQL: keyset pages, never OFFSET or COUNT.
 *
 * A thread page reads one partial index of visible comments per (thread,
 * parent) and order (`comments_new` for new/old, `comments_top`, `_hot`,
 * `_best`), so its cost is the page, whatever the thread's size. A signed-in
 * viewer's own hidden comments, or every hidden one for moderators, come from
 * the small `comments_hidden` index and are merged in.
 */
import type { SqlClient } from "@effect/sql/SqlClient"
import type { Row } from "@effect/sql/SqlConnection"
import type { Fragment } from "@effect/sql/Statement"
import type { Comment, CommentStore, Site } from "@kommies/core"
import { Effect } from "effect"
import { attempt } from "./errors.js"
import { pageSize, unique } from "./sql.js"

type Lists = Pick<
  CommentStore.CommentStoreShape,
  "list" | "listByStatus" | "listReported" | "listByAuthor" | "listBySite"
>

const statuses: ReadonlySet<string> = new Set([
  "pending",
  "approved",
  "rejected",
  "spam",
  "deleted",
])

const maxInt = 2_147_483_647

/** The ORDER BY of each sort. */
const orderOf: Record<Site.Sort, string> = {
  new: "id DESC",
  old: "id ASC",
  top: "score DESC, id DESC",
  hot: "hot DESC, id DESC",
  best: "best DESC, id DESC",
}

/**
 * The condition "after `position` in `sort` order", as a row comparison the
 * btree index answers. For `top` the key is an integer column, so a key that is
 * not a whole number is rounded to the position that excludes the same rows.
 */
const afterPosition = (
  sql: SqlClient,
  sort: Site.Sort,
  position: CommentStore.Position | null,
): Fragment => {
  if (position === null) return sql``
  switch (sort) {
    case "new":
      return sql`AND id < ${position.id}`
    case "old":
      return sql`AND id > ${position.id}`
    case "top": {
      const key = position.key
      if (Number.isNaN(key) || key > maxInt) return sql``
      if (key < -maxInt) return sql`AND false`
      return Number.isInteger(key)
        ? sql`AND (score, id) < (${key}, ${position.id})`
        : sql`AND (score, id) < (${Math.ceil(key)}, '')`
    }
    case "hot":
      return sql`AND (hot, id) < (${position.key}::float8, ${position.id})`
    case "best":
      return sql`AND (best, id) < (${position.key}::float8, ${position.id})`
  }
}

/** CommentStore's listings over `sql`. */
export const make = (
  sql: SqlClient,
  columns: Fragment,
  toComment: (row: Row) => Comment.Comment,
): Lists => {
  const decode = (rows: ReadonlyArray<Row>) => rows.map(toComment)

  return {
    list: (query) => {
      const limit = pageSize(query.limit)
      if (limit === 0) return Effect.succeed([])
      const order = sql.literal(orderOf[query.sort])
      const parent = sql`coalesce(parent_id, '') = ${query.parentId ?? ""}`
      // The thread must be the site's: checked once, before any index is read.
      const base = sql`thread_id = ${query.threadId} AND ${parent} AND site_id = ${query.siteId}
        AND ${query.siteId} = (SELECT t.site_id FROM threads t WHERE t.id = ${query.threadId})
        ${afterPosition(sql, query.sort, query.after)}`
      const visible = sql`SELECT ${columns} FROM comments
        WHERE ${base} AND visible ORDER BY ${order} LIMIT ${limit}`
      if (!query.all && query.viewer === null) {
        return visible.pipe(Effect.map(decode), attempt("CommentStore.list"))
      }
      const whose = query.all ? sql`` : sql`AND author_id = ${query.viewer}`
      return sql`SELECT ${columns} FROM (
        (${visible})
        UNION ALL
        (SELECT ${columns} FROM comments
          WHERE ${base} AND NOT visible AND status <> 'deleted' ${whose}
          ORDER BY ${order} LIMIT ${limit})
      ) AS page ORDER BY ${order} LIMIT ${limit}`.pipe(
        Effect.map(decode),
        attempt("CommentStore.list"),
      )
    },

    // One keyset scan per status (each on comments_status, or comments_site for
    // approved), merged by id.
    listByStatus: (siteId, wanted, afterId, limit) => {
      const size = pageSize(limit)
      const chosen = unique(wanted).filter((s) => statuses.has(s))
      if (size === 0 || chosen.length === 0) return Effect.succeed([])
      const after = afterId === null ? sql`` : sql`AND id > ${afterId}`
      const scans = chosen.map(
        (status) =>
          sql`(SELECT ${columns} FROM comments
            WHERE site_id = ${siteId} AND status = ${sql.literal(`'${status}'`)} ${after}
            ORDER BY id LIMIT ${size})`,
      )
      return sql`SELECT ${columns} FROM (${sql.join(" UNION ALL ", false)(scans)}) AS queue
        ORDER BY id LIMIT ${size}`.pipe(Effect.map(decode), attempt("CommentStore.listByStatus"))
    },

    listReported: (siteId, afterId, limit) =>
      pageSize(limit) === 0
        ? Effect.succeed([])
        : sql`SELECT ${columns} FROM comments
            WHERE site_id = ${siteId} AND status = 'approved' AND report_count > 0
              ${afterId === null ? sql`` : sql`AND id > ${afterId}`}
            ORDER BY id LIMIT ${pageSize(limit)}`.pipe(
            Effect.map(decode),
            attempt("CommentStore.listReported"),
          ),

    listByAuthor: (siteId, authorId, beforeId, limit) =>
      pageSize(limit) === 0
        ? Effect.succeed([])
        : sql`SELECT ${columns} FROM comments
            WHERE site_id = ${siteId} AND author_id = ${authorId}
              ${beforeId === null ? sql`` : sql`AND id < ${beforeId}`}
            ORDER BY id DESC LIMIT ${pageSize(limit)}`.pipe(
            Effect.map(decode),
            attempt("CommentStore.listByAuthor"),
          ),

    listBySite: (siteId, beforeId, limit) =>
      pageSize(limit) === 0
        ? Effect.succeed([])
        : sql`SELECT ${columns} FROM comments
            WHERE site_id = ${siteId} ${beforeId === null ? sql`` : sql`AND id < ${beforeId}`}
            ORDER BY id DESC LIMIT ${pageSize(limit)}`.pipe(
            Effect.map(decode),
            attempt("CommentStore.listBySite"),
          ),
  }
}
