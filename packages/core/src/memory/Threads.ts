/**
 * ThreadStore in memory: threads unique by key per site. Counts move only with
 * comment writes (see CommentIndex).
 *
 * @since 0.1.0
 */
import { Effect, Option } from "effect"
import type { Thread } from "../domain/Thread.js"
import type { ThreadStoreShape } from "../ports/ThreadStore.js"
import * as Paging from "./Paging.js"
import { pageSize } from "./SortedIds.js"
import {
  compareIds,
  duplicate,
  patched,
  peek,
  type State,
  site,
  snapshot,
  unique,
} from "./State.js"

/**
 * The memory ThreadStore over shared state.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (state: State): ThreadStoreShape => ({
  getOrInsert: (thread) =>
    Effect.suspend(() => {
      const data = site(state, thread.siteId)
      const existing = data.threadByKey.get(thread.key)
      const stored = existing === undefined ? undefined : data.threads.get(existing)
      if (stored !== undefined) return Effect.succeed(stored)
      if (data.threads.has(thread.id)) return Effect.fail(duplicate("thread", thread.id))
      const fresh = snapshot(thread)
      data.threads.set(fresh.id, fresh)
      data.threadByKey.set(fresh.key, fresh.id)
      return Effect.succeed(fresh)
    }),

  get: (siteId, id) => Effect.sync(() => Option.fromNullable(peek(state, siteId)?.threads.get(id))),

  getByKey: (siteId, key) =>
    Effect.sync(() => {
      const data = peek(state, siteId)
      const id = data?.threadByKey.get(key)
      return Option.fromNullable(id === undefined ? undefined : data?.threads.get(id))
    }),

  getByKeys: (siteId, keys) =>
    Effect.sync(() => {
      const data = peek(state, siteId)
      if (data === undefined) return []
      const out: Array<Thread> = []
      for (const key of unique(keys)) {
        const id = data.threadByKey.get(key)
        const thread = id === undefined ? undefined : data.threads.get(id)
        if (thread !== undefined) out.push(thread)
      }
      return out
    }),

  update: (siteId, id, patch) =>
    Effect.sync(() => {
      const data = peek(state, siteId)
      const current = data?.threads.get(id)
      if (data === undefined || current === undefined) return Option.none()
      const changes: { -readonly [K in keyof Thread]?: Thread[K] } = { updatedAt: patch.updatedAt }
      if (patch.title !== undefined) changes.title = patch.title
      if (patch.url !== undefined) changes.url = patch.url
      if (patch.locked !== undefined) changes.locked = patch.locked
      const next = patched(current, changes)
      data.threads.set(id, next)
      return Option.some(next)
    }),

  listTop: (siteId, limit) =>
    Effect.sync(() => {
      const data = peek(state, siteId)
      if (data === undefined) return []
      return Array.from(data.threads.values())
        .sort(
          (a, b) =>
            b.commentCount - a.commentCount || b.createdAt - a.createdAt || compareIds(b.id, a.id),
        )
        .slice(0, pageSize(limit))
    }),

  listBySite: (siteId, cursor, limit) =>
    Effect.sync(() => Paging.byId(peek(state, siteId)?.threads, cursor, limit)),
})
