/**
 * Threads: page keys, finding or creating a page's thread, locking.
 *
 * @since 0.1.0
 */
import { Clock, Effect, Option } from "effect"
import type { Thread } from "../domain/Thread.js"
import {
  InvalidInput,
  NotFound,
  type Forbidden,
  type StoreError,
  type Unauthorized,
} from "../Errors.js"
import { type SiteId, type ThreadId, uuidv7 } from "../Ids.js"
import type { EventBus } from "../ports/EventBus.js"
import type { EventLog } from "../ports/EventLog.js"
import type { ModerationStore } from "../ports/ModerationStore.js"
import { ThreadStore } from "../ports/ThreadStore.js"
import type { Actor } from "./Actor.js"
import * as Audit from "./Audit.js"
import { emit } from "./Events.js"
import { authorize } from "./Permissions.js"

// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const controlChars = /[\u0000-\u001f\u007f]/

/**
 * Normalizes a thread key. A URL becomes scheme, lower-cased host, path without
 * a trailing slash, and its query without tracking parameters (`utm_*`,
 * `fbclid`, `gclid`); the fragment is dropped. Anything else is taken as the
 * embedder's own page id, trimmed.
 *
 * @since 0.1.0
 * @category rules
 * @example
 * Threads.normalizeKey("https://Blog.example/post/1/?utm_source=x#c") // "https://blog.example/post/1"
 */
export const normalizeKey = (key: string): Effect.Effect<string, InvalidInput> => {
  const trimmed = key.trim()
  // Made only when needed: building an error captures a stack, which costs.
  const bad = () =>
    new InvalidInput({
      code: "thread_key_invalid",
      message: "A thread key has 1 to 512 printable characters",
    })
  if (trimmed.length === 0 || trimmed.length > 512 || controlChars.test(trimmed))
    return Effect.fail(bad())
  if (/^https?:\/\//i.test(trimmed)) {
    try {
      const url = new URL(trimmed)
      for (const name of [...url.searchParams.keys()])
        if (/^utm_/i.test(name) || name === "fbclid" || name === "gclid")
          url.searchParams.delete(name)
      url.searchParams.sort()
      const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, "") : ""
      const query = url.searchParams.toString()
      return Effect.succeed(`${url.protocol}//${url.host}${path}${query ? `?${query}` : ""}`)
    } catch {
      return Effect.fail(bad())
    }
  }
  return Effect.succeed(trimmed)
}

const clip = (text: string | null | undefined, max: number): string | null =>
  text === null || text === undefined ? null : text.trim().slice(0, max) || null

/**
 * The thread of a page, created on first use (atomically: two first
 * commenters on a page share one thread).
 *
 * @since 0.1.0
 * @category constructors
 */
export const resolve = (
  siteId: SiteId,
  key: string,
  page: { readonly url?: string | null; readonly title?: string | null } = {},
): Effect.Effect<Thread, InvalidInput | StoreError, ThreadStore> =>
  Effect.gen(function* () {
    const normalized = yield* normalizeKey(key)
    const store = yield* ThreadStore
    const existing = yield* store.getByKey(siteId, normalized)
    if (Option.isSome(existing)) return existing.value
    const now = yield* Clock.currentTimeMillis
    const url = clip(page.url, 2048)
    return yield* store.getOrInsert({
      id: (yield* uuidv7) as ThreadId,
      siteId,
      key: normalized,
      url: url !== null && /^https?:\/\//i.test(url) ? url : null,
      title: clip(page.title, 300),
      locked: false,
      commentCount: 0,
      createdAt: now,
      updatedAt: now,
    })
  })

/** The thread with this key, if it exists. @since 0.1.0 @category getters */
export const find = (
  siteId: SiteId,
  key: string,
): Effect.Effect<Option.Option<Thread>, InvalidInput | StoreError, ThreadStore> =>
  Effect.flatMap(normalizeKey(key), (normalized) =>
    Effect.flatMap(ThreadStore, (s) => s.getByKey(siteId, normalized)),
  )

/**
 * Locks (read-only) or unlocks a thread.
 *
 * @since 0.1.0
 * @category moderation
 */
export const setLocked = (
  actor: Actor,
  key: string,
  locked: boolean,
): Effect.Effect<
  Thread,
  InvalidInput | NotFound | Forbidden | Unauthorized | StoreError,
  ThreadStore | ModerationStore | EventLog | EventBus
> =>
  Effect.gen(function* () {
    yield* authorize(actor, "thread.lock")
    const thread = yield* resolve(actor.siteId, key)
    const updated = yield* (yield* ThreadStore).update(actor.siteId, thread.id, {
      locked,
      updatedAt: yield* Clock.currentTimeMillis,
    })
    if (Option.isNone(updated))
      return yield* new NotFound({ code: "thread_not_found", message: "No such thread" })
    if (thread.locked !== locked) {
      yield* Audit.record(actor, locked ? "thread.lock" : "thread.unlock", `thread:${thread.id}`, {
        key: thread.key,
      })
      yield* emit(actor.siteId, thread.id, locked ? "thread.locked" : "thread.unlocked", {
        threadId: thread.id,
      })
    }
    return updated.value
  })

/**
 * Comment counts of many pages at once (for index pages); unknown keys count 0.
 *
 * @since 0.1.0
 * @category getters
 */
export const counts = (
  siteId: SiteId,
  keys: ReadonlyArray<string>,
): Effect.Effect<Record<string, number>, InvalidInput | StoreError, ThreadStore> =>
  Effect.gen(function* () {
    if (keys.length > 200)
      return yield* new InvalidInput({
        code: "too_many_threads",
        message: "Ask for at most 200 threads at once",
      })
    const normalized = yield* Effect.forEach(keys, (key) =>
      Effect.map(normalizeKey(key), (n) => [key, n] as const),
    )
    const threads = yield* (yield* ThreadStore).getByKeys(siteId, [
      ...new Set(normalized.map(([, n]) => n)),
    ])
    const byKey = new Map(threads.map((t) => [t.key, t.commentCount]))
    return Object.fromEntries(normalized.map(([key, n]) => [key, byKey.get(n) ?? 0]))
  })
