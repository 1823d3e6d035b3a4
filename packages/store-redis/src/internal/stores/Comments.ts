/**
 * CommentStore on Redis: one Lua script per write (row, group indexes, status
 * and reported indexes, thread and parent counters), and pages read by
 * ZRANGEBYLEX from any position in O(log n + page), whatever the thread's size.
 *
 * @since 0.1.0
 */
import {
  type Comment as CommentModule,
  type CommentStore,
  type Errors,
  Search,
  type Site,
} from "@kommies/core"
import { Effect, Option } from "effect"
import { encDouble, encInt, indexDouble, nextLetter, packId, unpackId } from "../encoding.js"
import { site, siteBase } from "../keys.js"
import {
  commentFields,
  decodeComment,
  encodeComment,
  position,
  statusCodes,
  token,
} from "../rows.js"
import { decoding, pageSize, pairs, run, script, scriptBatch, unique } from "../run.js"
import * as SearchIndex from "./Search.js"
import type { RedisConnectionShape } from "../../RedisConnection.js"

type Comment = CommentModule.Comment
type ListQuery = CommentStore.ListQuery

const statusKey = (status: CommentModule.CommentStatus) => site.byStatus(statusCodes[status])
const allStatuses = Object.values(statusCodes).map(site.byStatus)

/** The member letter and how many characters come before the id, per sort. */
const layout = {
  new: { letter: "n", skip: 1 },
  old: { letter: "n", skip: 1 },
  top: { letter: "t", skip: 10 },
  hot: { letter: "h", skip: 12 },
  best: { letter: "b", skip: 12 },
} as const satisfies Record<Site.Sort, { letter: string; skip: number }>

/** The encoded key of a ranked sort's position, or where to start when it has none. */
const rankedStart = (
  sort: "top" | "hot" | "best",
  after: CommentStore.Position,
): string | "all" | "none" => {
  const letter = layout[sort].letter
  const key = after.key
  const id = packId(after.id)
  if (Number.isNaN(key)) return "all"
  if (sort !== "top") return `(${letter}${indexDouble(key)}${id}`
  if (key >= 2 ** 51) return "all"
  if (key <= -(2 ** 51)) return "none"
  if (Number.isInteger(key)) return `(${letter}${encInt(key)}${id}`
  // Scores are integers: past a fractional key comes everything at or below its floor.
  return `(${letter}${encInt(Math.floor(key))}\u00ff`
}

/** ZRANGEBYLEX bounds and direction of a page. */
const bounds = (query: ListQuery) => {
  const { letter, skip } = layout[query.sort]
  const end = nextLetter(letter)
  if (query.sort === "old") {
    return { dir: "asc", from: query.after ? `(n${packId(query.after.id)}` : "(n", to: "(o", skip }
  }
  if (query.sort === "new" || query.after === null) {
    const from = query.after ? `(${letter}${packId(query.after.id)}` : `(${end}`
    return { dir: "desc", from, to: `(${letter}`, skip }
  }
  const start = rankedStart(query.sort, query.after)
  if (start === "none") return undefined
  return { dir: "desc", from: start === "all" ? `(${end}` : start, to: `(${letter}`, skip }
}

/** The arguments of one insert script call. */
const insertArgs = (
  prefix: string,
  comment: Comment,
  deltas: CommentStore.CounterDeltas,
): ReadonlyArray<string | number> => {
  const base = siteBase(prefix, comment.siteId)
  return [
    base + site.comments,
    base,
    packId(comment.id),
    encodeComment(comment),
    deltas.threadComments,
    deltas.parentReplies,
    Search.words(comment.body).join(" "),
  ]
}

/**
 * Inserts many comments with the insert script, `batchSize` per pipeline (one
 * round trip each); consecutive comments of one site share a batch. Each
 * comment is atomic on its own, the import is not. Returns how many it wrote.
 *
 * @since 0.1.0
 * @category constructors
 */
export const importMany = (
  conn: RedisConnectionShape,
  items: Iterable<{
    readonly comment: Comment
    readonly deltas: CommentStore.CounterDeltas
  }>,
  batchSize: number,
): Effect.Effect<number, Errors.StoreError> =>
  Effect.gen(function* () {
    let batch: Array<ReadonlyArray<string | number>> = []
    let batchSite: string | undefined
    let written = 0
    const flush = Effect.suspend(() => {
      const calls = batch
      batch = []
      written += calls.length
      return calls.length === 0
        ? Effect.void
        : Effect.asVoid(scriptBatch(conn, "RedisStore.importComments", "kmCommentInsert", calls))
    })
    for (const { comment, deltas } of items) {
      if (batch.length >= batchSize || (batchSite !== undefined && batchSite !== comment.siteId)) {
        yield* flush
      }
      batchSite = comment.siteId
      batch.push(insertArgs(conn.prefix, comment, deltas))
    }
    yield* flush
    return written
  })

/**
 * The Redis CommentStore over a connection.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (conn: RedisConnectionShape): CommentStore.CommentStoreShape => {
  const baseOf = (siteId: string) => siteBase(conn.prefix, siteId)
  const hashOf = (siteId: string) => baseOf(siteId) + site.comments
  const decodeAll = (what: string, siteId: string, reply: unknown) =>
    decoding(conn, what, () =>
      pairs(reply).map(([id, row]) => decodeComment(siteId, unpackId(id), row)),
    )

  /** A merged lex page of site-wide id sets. */
  const merged = (
    what: string,
    siteId: string,
    keys: ReadonlyArray<string>,
    dir: "asc" | "desc",
    cursor: string | null,
    limit: number,
  ) => {
    const size = pageSize(limit)
    if (size === 0 || keys.length === 0) return Effect.succeed<ReadonlyArray<Comment>>([])
    const base = baseOf(siteId)
    const at = cursor === null ? null : `(${packId(cursor)}`
    const from = at ?? (dir === "asc" ? "-" : "+")
    const to = dir === "asc" ? "+" : "-"
    const padded = Array.from({ length: 5 }, (_, i) => base + (keys[i] ?? keys[0]))
    return script(conn, what, "kmCommentMerge", [
      ...padded,
      keys.length,
      base,
      dir,
      from,
      to,
      size,
    ]).pipe(Effect.flatMap((reply) => decodeAll(what, siteId, reply)))
  }

  const pos = (field: (typeof commentFields)[number]) => position(commentFields, field)

  return {
    insert: (comment, deltas) =>
      script(
        conn,
        "CommentStore.insert",
        "kmCommentInsert",
        insertArgs(conn.prefix, comment, deltas),
      ).pipe(Effect.asVoid),

    get: (siteId, id) =>
      run(conn, "CommentStore.get", (c) => c.hget(hashOf(siteId), packId(id))).pipe(
        Effect.flatMap((row) =>
          decoding(conn, "CommentStore.get", () =>
            row === null ? Option.none() : Option.some(decodeComment(siteId, id, row)),
          ),
        ),
      ),

    getMany: (siteId, ids) => {
      const wanted = unique(ids)
      if (wanted.length === 0) return Effect.succeed([])
      return run(conn, "CommentStore.getMany", (c) =>
        c.hmget(hashOf(siteId), ...wanted.map(packId)),
      ).pipe(
        Effect.flatMap((rows) =>
          decoding(conn, "CommentStore.getMany", () =>
            wanted.flatMap((id, i) => {
              const row = rows[i]
              return row === null || row === undefined ? [] : [decodeComment(siteId, id, row)]
            }),
          ),
        ),
      )
    },

    update: (siteId, id, expectedVersion, patch, deltas) => {
      const changes: Array<string | number> = [pos("updatedAt"), token(patch.updatedAt)]
      if (patch.body !== undefined) changes.push(pos("body"), token(patch.body))
      if (patch.html !== undefined) changes.push(pos("html"), token(patch.html))
      if (patch.status !== undefined) changes.push(pos("status"), token(statusCodes[patch.status]))
      if (patch.shadowed !== undefined) changes.push(pos("shadowed"), patch.shadowed ? "1" : "0")
      if (patch.visible !== undefined) changes.push(pos("visible"), patch.visible ? "1" : "0")
      if (patch.editedAt !== undefined) changes.push(pos("editedAt"), token(patch.editedAt))
      return script(conn, "CommentStore.update", "kmCommentUpdate", [
        hashOf(siteId),
        baseOf(siteId),
        packId(id),
        token(expectedVersion),
        deltas.threadComments,
        deltas.parentReplies,
        patch.body === undefined ? "-" : `=${Search.words(patch.body).join(" ")}`,
        ...changes,
      ]).pipe(
        Effect.flatMap((row) =>
          decoding(conn, "CommentStore.update", () =>
            typeof row === "string" ? Option.some(decodeComment(siteId, id, row)) : Option.none(),
          ),
        ),
      )
    },

    setRanks: (siteId, id, counts, ranks) =>
      script(conn, "CommentStore.setRanks", "kmCommentSetRanks", [
        hashOf(siteId),
        baseOf(siteId),
        packId(id),
        token(counts.upvotes),
        token(counts.downvotes),
        token(encDouble(ranks.hot)),
        token(encDouble(ranks.best)),
      ]).pipe(Effect.map((wrote) => wrote === 1)),

    list: (query) => {
      const size = pageSize(query.limit)
      const range = bounds(query)
      if (size === 0 || range === undefined) return Effect.succeed([])
      const base = baseOf(query.siteId)
      const group =
        base +
        site.group(packId(query.threadId), query.parentId === null ? null : packId(query.parentId))
      const keys = query.all
        ? [`${group}v`, `${group}h`]
        : query.viewer !== null
          ? [`${group}v`, `${group}h:${packId(query.viewer)}`]
          : [`${group}v`]
      return script(conn, "CommentStore.list", "kmCommentList", [
        keys[0] as string,
        keys[1] ?? (keys[0] as string),
        keys.length,
        base,
        range.skip,
        range.dir,
        range.from,
        range.to,
        size,
      ]).pipe(Effect.flatMap((reply) => decodeAll("CommentStore.list", query.siteId, reply)))
    },

    listByStatus: (siteId, wanted, afterId, limit) =>
      merged(
        "CommentStore.listByStatus",
        siteId,
        unique(wanted).map(statusKey),
        "asc",
        afterId,
        limit,
      ),

    listReported: (siteId, afterId, limit) =>
      merged("CommentStore.listReported", siteId, [site.reported], "asc", afterId, limit),

    listByAuthor: (siteId, authorId, beforeId, limit) =>
      merged(
        "CommentStore.listByAuthor",
        siteId,
        [site.byAuthor(packId(authorId))],
        "desc",
        beforeId,
        limit,
      ),

    listBySite: (siteId, beforeId, limit) =>
      merged("CommentStore.listBySite", siteId, allStatuses, "desc", beforeId, limit),

    search: SearchIndex.make(conn),
  }
}
