/**
 * VoteStore on PostgreSQL. A swap is one statement: the compare-and-set on the
 * vote row (an insert that does nothing on conflict, or an update/delete
 * guarded by the expected direction), then, only if that changed a row, the
 * comment's counts and score and the author's karma. Concurrent swaps on one
 * comment queue on its row and add their deltas to the latest counts.
 */
import type { SqlClient } from "@effect/sql/SqlClient"
import type { Fragment } from "@effect/sql/Statement"
import { Errors, type Ids, type Vote, type VoteStore } from "@kommies/core"
import { Effect } from "effect"
import { attempt } from "./errors.js"
import { num, textArray, unique } from "./sql.js"

/** The statement that moves the vote row from `expected` to `next`, returning a row if it did. */
const casOf = (sql: SqlClient, swap: VoteStore.VoteSwap): Fragment => {
  const key = sql`comment_id = ${swap.commentId} AND voter_id = ${swap.voterId} AND site_id = ${swap.siteId}`
  if (swap.expected === null) {
    if (swap.next === null) {
      return sql`SELECT 1 AS changed WHERE NOT EXISTS (SELECT 1 FROM votes WHERE ${key})`
    }
    return sql`INSERT INTO votes (comment_id, voter_id, site_id, direction, at)
      SELECT ${swap.commentId}, ${swap.voterId}, ${swap.siteId}, ${swap.next}, ${swap.at}
      WHERE EXISTS (SELECT 1 FROM comments WHERE id = ${swap.commentId} AND site_id = ${swap.siteId})
      ON CONFLICT (comment_id, voter_id) DO NOTHING
      RETURNING 1 AS changed`
  }
  if (swap.next === null) {
    return sql`DELETE FROM votes WHERE ${key} AND direction = ${swap.expected} RETURNING 1 AS changed`
  }
  return sql`UPDATE votes SET direction = ${swap.next}, at = ${swap.at}
    WHERE ${key} AND direction = ${swap.expected} RETURNING 1 AS changed`
}

const noSuchComment = (swap: VoteStore.VoteSwap) =>
  new Errors.StoreError({
    reason: "Conflict",
    message: `cannot vote on comment ${swap.commentId}: the site has no such comment`,
  })

/** VoteStore over `sql`. */
export const make = (sql: SqlClient): VoteStore.VoteStoreShape => {
  const current = (siteId: Ids.SiteId, commentId: Ids.CommentId, voterId: Ids.CommenterId) =>
    Effect.map(
      sql`SELECT direction FROM votes
        WHERE comment_id = ${commentId} AND voter_id = ${voterId} AND site_id = ${siteId}`,
      (rows): Vote.VoteState => (rows[0]?.direction as Vote.VoteDirection | undefined) ?? null,
    )

  return {
    get: (siteId, commentId, voterId) =>
      current(siteId, commentId, voterId).pipe(attempt("VoteStore.get")),

    swap: (swap) =>
      Effect.gen(function* () {
        const rows = yield* sql`WITH cas AS (${casOf(sql, swap)}),
          counted AS (
            UPDATE comments SET upvotes = upvotes + ${swap.upDelta},
              downvotes = downvotes + ${swap.downDelta},
              score = (upvotes + ${swap.upDelta}) - (downvotes + ${swap.downDelta})
            WHERE id = ${swap.commentId} AND site_id = ${swap.siteId}
              AND EXISTS (SELECT 1 FROM cas)
            RETURNING upvotes, downvotes
          ),
          karma AS (
            UPDATE commenters SET karma = karma + ${swap.karmaDelta}
            WHERE id = ${swap.authorId} AND site_id = ${swap.siteId} AND ${swap.karmaDelta} <> 0
              AND (SELECT count(*) FROM counted) > 0
            RETURNING 1
          )
          SELECT upvotes, downvotes, (SELECT count(*) FROM karma) AS karma FROM counted`
        const row = rows[0]
        if (row !== undefined) {
          return {
            _tag: "Swapped",
            upvotes: num(row.upvotes),
            downvotes: num(row.downvotes),
          } satisfies VoteStore.VoteSwapResult
        }
        const exists =
          yield* sql`SELECT 1 FROM comments WHERE id = ${swap.commentId} AND site_id = ${swap.siteId}`
        if (exists.length === 0) return yield* noSuchComment(swap)
        const now = yield* current(swap.siteId, swap.commentId, swap.voterId)
        return { _tag: "Stale", current: now } satisfies VoteStore.VoteSwapResult
      }).pipe(attempt("VoteStore.swap")),

    forVoter: (siteId, voterId, commentIds) =>
      commentIds.length === 0
        ? Effect.succeed(new Map())
        : sql`SELECT comment_id, direction FROM votes
            WHERE comment_id = ANY(${textArray(unique(commentIds))}::text[])
              AND voter_id = ${voterId} AND site_id = ${siteId}`.pipe(
            Effect.map(
              (rows) =>
                new Map(
                  rows.map(
                    (row) =>
                      [row.comment_id as Ids.CommentId, row.direction as "up" | "down"] as const,
                  ),
                ),
            ),
            attempt("VoteStore.forVoter"),
          ),

    listByComment: (siteId, commentId) =>
      sql`SELECT voter_id, direction, at FROM votes
        WHERE comment_id = ${commentId} AND site_id = ${siteId}`.pipe(
        Effect.map((rows) =>
          rows.map((row) => ({
            voterId: row.voter_id as Ids.CommenterId,
            direction: row.direction as "up" | "down",
            at: num(row.at),
          })),
        ),
        attempt("VoteStore.listByComment"),
      ),
  }
}
