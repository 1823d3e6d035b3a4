/**
 * ThreadStore on Redis: thread rows, a per-site hash of keys (getOrInsert is one
 * script, so racing callers get the same thread), and the threads ranked by
 * visible comments, kept by the comment scripts.
 *
 * @since 0.1.0
 */
import type { ThreadStore } from "@kommies/core"
import { Effect, Option } from "effect"
import { encInt, packId, unpackId } from "../encoding.js"
import { site, siteBase } from "../keys.js"
import { decodeThread, encodeThread, position, threadFields, token } from "../rows.js"
import { decoding, pageSize, pairs, run, script, unique } from "../run.js"
import type { RedisConnectionShape } from "../../RedisConnection.js"
import * as Paging from "./Paging.js"

/**
 * The Redis ThreadStore over a connection.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (conn: RedisConnectionShape): ThreadStore.ThreadStoreShape => {
  const baseOf = (siteId: string) => siteBase(conn.prefix, siteId)
  const byKeys = (what: string, siteId: string, keys: ReadonlyArray<string>) => {
    const base = baseOf(siteId)
    return script(conn, what, "kmThreadsByKeys", [base + site.threadKeys, base, ...keys]).pipe(
      Effect.flatMap((reply) =>
        decoding(conn, what, () =>
          pairs(reply).map(([id, row]) => decodeThread(siteId, unpackId(id), row)),
        ),
      ),
    )
  }
  const pos = (field: (typeof threadFields)[number]) => position(threadFields, field)

  return {
    getOrInsert: (thread) => {
      const base = baseOf(thread.siteId)
      return script(conn, "ThreadStore.getOrInsert", "kmThreadGetOrInsert", [
        base + site.threadKeys,
        base,
        thread.key,
        packId(thread.id),
        encodeThread(thread),
      ]).pipe(
        Effect.flatMap((reply) =>
          decoding(conn, "ThreadStore.getOrInsert", () => {
            const [id, row] = reply as [string, string]
            return decodeThread(thread.siteId, unpackId(id), row)
          }),
        ),
      )
    },

    get: (siteId, id) =>
      run(conn, "ThreadStore.get", (c) => c.get(baseOf(siteId) + site.thread(packId(id)))).pipe(
        Effect.flatMap((row) =>
          decoding(conn, "ThreadStore.get", () =>
            row === null ? Option.none() : Option.some(decodeThread(siteId, id, row)),
          ),
        ),
      ),

    getByKey: (siteId, key) =>
      byKeys("ThreadStore.getByKey", siteId, [key]).pipe(
        Effect.map((found) => Option.fromNullable(found[0])),
      ),

    getByKeys: (siteId, keys) => {
      const wanted = unique(keys)
      return wanted.length === 0
        ? Effect.succeed([])
        : byKeys("ThreadStore.getByKeys", siteId, wanted)
    },

    update: (siteId, id, patch) => {
      const changes: Array<string | number> = [pos("updatedAt"), token(patch.updatedAt)]
      if (patch.title !== undefined) changes.push(pos("title"), token(patch.title))
      if (patch.url !== undefined) changes.push(pos("url"), token(patch.url))
      if (patch.locked !== undefined) changes.push(pos("locked"), token(patch.locked))
      return script(conn, "ThreadStore.update", "kmRowPatch", [
        baseOf(siteId) + site.thread(packId(id)),
        "",
        "",
        ...changes,
      ]).pipe(
        Effect.flatMap((row) =>
          decoding(conn, "ThreadStore.update", () =>
            typeof row === "string" ? Option.some(decodeThread(siteId, id, row)) : Option.none(),
          ),
        ),
      )
    },

    listTop: (siteId, limit) => {
      const base = baseOf(siteId)
      return script(conn, "ThreadStore.listTop", "kmTopRows", [
        base + site.threadTop,
        base,
        "t:",
        pageSize(limit),
        encInt(0).length,
      ]).pipe(
        Effect.flatMap((reply) =>
          decoding(conn, "ThreadStore.listTop", () =>
            pairs(reply).map(([id, row]) => decodeThread(siteId, unpackId(id), row)),
          ),
        ),
      )
    },

    listBySite: (siteId, cursor, limit) => {
      const base = baseOf(siteId)
      // The key → id hash holds every thread of the site once.
      return Paging.scan(
        conn,
        "ThreadStore.listBySite",
        { kind: "hash", key: base + site.threadKeys },
        (packed) => base + site.thread(packed),
        (packed, row) => decodeThread(siteId, unpackId(packed), row),
        cursor,
        limit,
      )
    },
  }
}
