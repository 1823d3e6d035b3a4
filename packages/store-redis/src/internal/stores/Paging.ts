/**
 * Paged listings for exports on Redis: HSCAN/ZSCAN over a site's index of
 * threads or commenters, then the rows of the page in one MGET (one site, one
 * slot). The page cursor is Redis's scan cursor: a scan sees every member
 * present for its whole length, and may see one twice (readers keep the first).
 *
 * @since 0.1.0
 */
import type { Errors, Page } from "@kommies/core"
import { Effect } from "effect"
import { decoding, pageSize, run } from "../run.js"
import type { RedisConnectionShape } from "../../RedisConnection.js"

/**
 * One page of the members of `index` (a hash: its values; a sorted set: its
 * members), each read from the row key `rowKey(member)` and decoded; members
 * whose row is gone are left out.
 *
 * @since 0.1.0
 * @category constructors
 */
export const scan = <A>(
  conn: RedisConnectionShape,
  what: string,
  index: { readonly kind: "hash" | "zset"; readonly key: string },
  rowKey: (member: string) => string,
  decode: (member: string, row: string) => A,
  cursor: string | null,
  limit: number,
): Effect.Effect<Page.Page<A>, Errors.StoreError> => {
  const size = pageSize(limit)
  if (size === 0) return Effect.succeed({ items: [], cursor: null })
  return Effect.gen(function* () {
    const [next, flat] = yield* run(conn, what, (c) =>
      index.kind === "hash"
        ? c.hscan(index.key, cursor ?? "0", "COUNT", size)
        : c.zscan(index.key, cursor ?? "0", "COUNT", size),
    )
    // Both replies alternate (field, value) / (member, score).
    const members = flat.filter((_, i) => (index.kind === "hash" ? i % 2 === 1 : i % 2 === 0))
    const rows =
      members.length === 0 ? [] : yield* run(conn, what, (c) => c.mget(...members.map(rowKey)))
    const items = yield* decoding(conn, what, () =>
      members.flatMap((member, i) => {
        const row = rows[i]
        return row === null || row === undefined ? [] : [decode(member, row)]
      }),
    )
    return { items, cursor: next === "0" ? null : next }
  })
}
