/**
 * CommentStore.search on Redis, over the per-site inverted index the write
 * scripts keep (scripts/search.ts): `sw:<word>` holds the comments whose body
 * has the word, `sn:<word>` the commenters whose name has it.
 *
 * Body matches: walk the smallest of the query's word sets newest first from
 * the cursor and keep the ids that every other word's set holds (ZMSCORE), at
 * most `maxExamined` ids per call. Name matches: up to `maxAuthors` commenters
 * in every name-word set, and each one's newest comments from the cursor. The
 * two are merged newest first. A call never reads past what it examined: when
 * it stops early, its cursor is the last id it examined, and the next call
 * goes on from there. Reads only, so nothing here needs to be atomic.
 *
 * @since 0.1.0
 */
import type { Comment, CommentStore, Errors, Ids } from "@kommies/core"
import { Effect } from "effect"
import { packId, unpackId } from "../encoding.js"
import { site, siteBase } from "../keys.js"
import { decodeComment } from "../rows.js"
import { decoding, pageSize, run } from "../run.js"
import type { RedisConnectionShape } from "../../RedisConnection.js"

/** The most ids of the smallest word set one call examines. @since 0.1.0 */
export const maxExamined = 2_000

/** The most commenters whose names one call follows. @since 0.1.0 */
export const maxAuthors = 50

const batch = 200

/** A stream of matching packed ids, newest first, and the lowest id it vouches for (null: all). */
interface Found {
  readonly ids: ReadonlyArray<string>
  readonly floor: string | null
}

const desc = (a: string, b: string) => (a < b ? 1 : a > b ? -1 : 0)

/**
 * The search of the Redis CommentStore over a connection.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make =
  (conn: RedisConnectionShape): CommentStore.CommentStoreShape["search"] =>
  (siteId, words, options) => {
    const limit = pageSize(options.limit)
    if (limit === 0 || words.length === 0) {
      return Effect.succeed({ comments: [], cursor: null })
    }
    const base = siteBase(conn.prefix, siteId)
    const from = options.cursor === null ? "+" : `(${packId(options.cursor)}`
    const want = limit + 1

    /** Members of `key` below `start`, newest first. */
    const range = (what: string, key: string, start: string, count: number) =>
      run(conn, what, (c) => c.zrevrangebylex(key, start, "-", "LIMIT", 0, count))

    /**
     * The word sets of `sets`, the smallest (the cheapest to walk) apart from
     * the others; null when a set is empty, as then nothing can match.
     */
    const smallestFirst = (sets: ReadonlyArray<string>) =>
      Effect.map(
        run(conn, "CommentStore.search", (c) => Promise.all(sets.map((key) => c.zcard(key)))),
        (sizes) => {
          if (sizes.some((n) => n === 0)) return null
          const [smallest, ...others] = sets
            .map((key, i) => ({ key, size: sizes[i] ?? 0 }))
            .sort((a, b) => a.size - b.size)
            .map((o) => o.key)
          return { smallest: smallest as string, others }
        },
      )

    /** The members of `ids` that every set of `others` holds too (ZMSCORE), in order. */
    const inAll = (others: ReadonlyArray<string>, ids: ReadonlyArray<string>) =>
      others.length === 0 || ids.length === 0
        ? Effect.succeed(ids)
        : Effect.map(
            run(conn, "CommentStore.search", (c) =>
              Promise.all(others.map((key) => c.zmscore(key, ...ids))),
            ),
            (scores) => ids.filter((_, i) => scores.every((s) => s[i] !== null)),
          )

    /** Body matches: the smallest word set, filtered by the others. */
    const byBody: Effect.Effect<Found, Errors.StoreError> = Effect.gen(function* () {
      const order = yield* smallestFirst(words.map((w) => base + site.commentWord(w)))
      if (order === null) return { ids: [], floor: null }
      const { smallest, others } = order
      const found: Array<string> = []
      let start = from
      let examined = 0
      for (;;) {
        const ids = yield* range("CommentStore.search", smallest, start, batch)
        const kept = new Set(yield* inAll(others, ids))
        for (const [i, id] of ids.entries()) {
          examined++
          if (kept.has(id)) found.push(id)
          if (found.length === want || examined === maxExamined) {
            return { ids: found, floor: id }
          }
          if (i === ids.length - 1) start = `(${id}`
        }
        if (ids.length < batch) return { ids: found, floor: null }
      }
    })

    /** Name matches: the authors in every name-word set, and their newest comments. */
    const byName: Effect.Effect<Found, Errors.StoreError> = Effect.gen(function* () {
      const order = yield* smallestFirst(words.map((w) => base + site.nameWord(w)))
      if (order === null) return { ids: [], floor: null }
      const { smallest, others } = order
      const candidates = yield* run(conn, "CommentStore.search", (c) =>
        c.zrangebylex(smallest, "-", "+", "LIMIT", 0, maxAuthors * 4),
      )
      const authors = yield* inAll(others, candidates)
      const lists = yield* run(conn, "CommentStore.search", (c) =>
        Promise.all(
          authors
            .slice(0, maxAuthors)
            .map((author) =>
              c.zrevrangebylex(base + site.byAuthor(packId(author)), from, "-", "LIMIT", 0, want),
            ),
        ),
      )
      // A full list may go on below its last id: nothing below it is vouched for.
      let floor: string | null = null
      for (const list of lists) {
        const last = list[list.length - 1]
        if (list.length === want && last !== undefined && (floor === null || last > floor)) {
          floor = last
        }
      }
      return { ids: [...new Set(lists.flat())].sort(desc), floor }
    })

    return Effect.gen(function* () {
      const [body, name] = yield* Effect.all([byBody, byName])
      const floors = [body.floor, name.floor].filter((f): f is string => f !== null)
      const floor = floors.length === 0 ? null : (floors.sort(desc)[0] ?? null)
      const merged = [...new Set([...body.ids, ...name.ids])]
        .filter((id) => floor === null || id >= floor)
        .sort(desc)
      const page = merged.slice(0, limit)
      const more = merged.length > limit || floor !== null
      const last = page.length === limit ? page[page.length - 1] : floor
      const rows =
        page.length === 0
          ? []
          : yield* run(conn, "CommentStore.search", (c) => c.hmget(base + site.comments, ...page))
      const comments = yield* decoding(conn, "CommentStore.search", () =>
        page.flatMap((id, i): Array<Comment.Comment> => {
          const row = rows[i]
          return row === null || row === undefined ? [] : [decodeComment(siteId, unpackId(id), row)]
        }),
      )
      return {
        comments,
        cursor:
          more && last !== undefined && last !== null ? (unpackId(last) as Ids.CommentId) : null,
      }
    })
  }
