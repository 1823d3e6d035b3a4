/**
 * CommentStore writes on PostgreSQL. Each write is one statement: the comment
 * row and the counter deltas (parent's `reply_count`, thread's `comment_count`)
 * change together or not at all. Rows are locked child first, then parent, then
 * thread, on every path, so concurrent writes in one tree cannot deadlock.
 */
import type { SqlClient } from "@effect/sql/SqlClient"
import type { Row } from "@effect/sql/SqlConnection"
import type { Fragment } from "@effect/sql/Statement"
import type { Comment, CommentStore, Ids } from "@kommies/core"
import { Effect, Option } from "effect"
import * as CommentLists from "./commentLists.js"
import * as Search from "./search.js"
import { attempt } from "./errors.js"
import { num, numOrNull, textArray, unique } from "./sql.js"

/** The columns `toComment` reads, in table order. */
export const commentColumns = `created_at, updated_at, edited_at, hot, best, upvotes, downvotes,
  score, reply_count, report_count, version, depth, shadowed, visible, id, site_id, thread_id,
  parent_id, author_id, status, body, html`

/** A comments row as a Comment. */
export const toComment = (row: Row): Comment.Comment => ({
  id: row.id as Ids.CommentId,
  siteId: row.site_id as Ids.SiteId,
  threadId: row.thread_id as Ids.ThreadId,
  parentId: (row.parent_id ?? null) as Ids.CommentId | null,
  depth: num(row.depth),
  authorId: row.author_id as Ids.CommenterId,
  body: String(row.body),
  html: String(row.html),
  status: row.status as Comment.CommentStatus,
  shadowed: row.shadowed === true,
  visible: row.visible === true,
  upvotes: num(row.upvotes),
  downvotes: num(row.downvotes),
  score: num(row.score),
  hot: num(row.hot),
  best: num(row.best),
  replyCount: num(row.reply_count),
  reportCount: num(row.report_count),
  version: num(row.version),
  createdAt: num(row.created_at),
  editedAt: numOrNull(row.edited_at),
  updatedAt: num(row.updated_at),
})

/**
 * The CTEs that apply `deltas` after the CTE named `source` (which yields the
 * written comment's `parent_id` and `thread_id`): the parent first, then the
 * thread, whose update waits for the parent's through the subquery on `par`.
 */
const deltaCtes = (
  sql: SqlClient,
  siteId: Ids.SiteId,
  deltas: CommentStore.CounterDeltas,
  source: string,
): Array<Fragment> => {
  const ctes: Array<Fragment> = []
  const from = sql.literal(source)
  if (deltas.parentReplies !== 0) {
    ctes.push(sql`par AS (
      UPDATE comments p SET reply_count = p.reply_count + ${deltas.parentReplies}
      FROM ${from} s WHERE p.id = s.parent_id AND p.site_id = ${siteId}
      RETURNING p.id
    )`)
  }
  if (deltas.threadComments !== 0) {
    const afterParent =
      deltas.parentReplies !== 0 ? sql`AND (SELECT count(*) FROM par) >= 0` : sql``
    ctes.push(sql`thr AS (
      UPDATE threads t SET comment_count = t.comment_count + ${deltas.threadComments}
      FROM ${from} s WHERE t.id = s.thread_id AND t.site_id = ${siteId} ${afterParent}
      RETURNING t.id
    )`)
  }
  return ctes
}

const withCtes = (sql: SqlClient, ctes: ReadonlyArray<Fragment>) =>
  ctes.length === 0 ? sql`` : sql`, ${sql.csv(ctes)}`

/** The SET list of a compare-and-set update: the patch's fields, then the version bump. */
const patchSets = (sql: SqlClient, patch: CommentStore.CommentPatch): Array<Fragment> => {
  const sets: Array<Fragment> = [sql`version = c.version + 1`, sql`updated_at = ${patch.updatedAt}`]
  if (patch.body !== undefined) {
    sets.push(sql`body = ${patch.body}`, sql`search_words = ${Search.vectorOf(sql, patch.body)}`)
  }
  if (patch.html !== undefined) sets.push(sql`html = ${patch.html}`)
  if (patch.status !== undefined) sets.push(sql`status = ${patch.status}`)
  if (patch.shadowed !== undefined) sets.push(sql`shadowed = ${patch.shadowed}`)
  if (patch.visible !== undefined) sets.push(sql`visible = ${patch.visible}`)
  if (patch.editedAt !== undefined) sets.push(sql`edited_at = ${patch.editedAt}`)
  return sets
}

/** CommentStore over `sql`. */
export const make = (sql: SqlClient): CommentStore.CommentStoreShape => {
  const columns = sql.literal(commentColumns)
  const returning = sql.literal(
    commentColumns
      .split(",")
      .map((c) => `c.${c.trim()}`)
      .join(", "),
  )
  return {
    insert: (c, deltas) =>
      sql`WITH src AS (
        INSERT INTO comments (${columns}, search_words) VALUES (
          ${c.createdAt}, ${c.updatedAt}, ${c.editedAt}, ${c.hot}, ${c.best}, ${c.upvotes},
          ${c.downvotes}, ${c.score}, ${c.replyCount}, ${c.reportCount}, ${c.version},
          ${c.depth}, ${c.shadowed}, ${c.visible}, ${c.id}, ${c.siteId}, ${c.threadId},
          ${c.parentId}, ${c.authorId}, ${c.status}, ${c.body}, ${c.html},
          ${Search.vectorOf(sql, c.body)}
        ) RETURNING parent_id, thread_id
      )${withCtes(sql, deltaCtes(sql, c.siteId, deltas, "src"))}
      SELECT 1`.pipe(Effect.asVoid, attempt("CommentStore.insert")),

    get: (siteId, id) =>
      sql`SELECT ${columns} FROM comments WHERE id = ${id} AND site_id = ${siteId}`.pipe(
        Effect.map((rows) =>
          rows[0] === undefined ? Option.none() : Option.some(toComment(rows[0])),
        ),
        attempt("CommentStore.get"),
      ),

    getMany: (siteId, ids) =>
      ids.length === 0
        ? Effect.succeed([])
        : sql`SELECT ${columns} FROM comments
            WHERE id = ANY(${textArray(unique(ids))}::text[]) AND site_id = ${siteId}`.pipe(
            Effect.map((rows) => rows.map(toComment)),
            attempt("CommentStore.getMany"),
          ),

    // READ COMMITTED re-checks `version` on the latest row after waiting for a
    // concurrent writer, so exactly one of several racing updates matches.
    update: (siteId, id, expectedVersion, patch, deltas) =>
      sql`WITH src AS (
        UPDATE comments c SET ${sql.csv(patchSets(sql, patch))}
        WHERE c.id = ${id} AND c.site_id = ${siteId} AND c.version = ${expectedVersion}
        RETURNING ${returning}
      )${withCtes(sql, deltaCtes(sql, siteId, deltas, "src"))}
      SELECT * FROM src`.pipe(
        Effect.map((rows) =>
          rows[0] === undefined ? Option.none() : Option.some(toComment(rows[0])),
        ),
        attempt("CommentStore.update"),
      ),

    setRanks: (siteId, id, counts, ranks) =>
      sql`UPDATE comments SET hot = ${ranks.hot}, best = ${ranks.best}
        WHERE id = ${id} AND site_id = ${siteId}
          AND upvotes = ${counts.upvotes} AND downvotes = ${counts.downvotes}
        RETURNING 1`.pipe(
        Effect.map((rows) => rows.length > 0),
        attempt("CommentStore.setRanks"),
      ),

    ...CommentLists.make(sql, columns, toComment),
    search: Search.make(sql, commentColumns, columns, toComment),
  }
}
