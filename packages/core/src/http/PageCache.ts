/**
 * A cache of encoded first pages of threads, for anonymous readers: the bytes
 * and ETag of `GET /threads/{key}/comments` without a cursor, keyed by site,
 * thread key, sort, limit and inline replies.
 *
 * Entries of a site are dropped by its events: the cache subscribes to the
 * site's events on the EventBus (so events from every process count), and an
 * event of a thread drops that thread's pages (a site-wide event, such as a
 * role change, drops all of the site's). A page read while an event arrived is
 * not stored, so a stale page is never cached after its invalidation. Entries
 * also expire after a few seconds, for changes that have no thread event
 * (a commenter's new display name). Bounded in entries and in sites watched.
 *
 * @since 0.1.0
 */
import { Context, Effect, Layer, Scope, Stream } from "effect"
import { siteThread } from "../domain/Event.js"
import type { SiteId, ThreadId } from "../Ids.js"
import { EventBus } from "../ports/EventBus.js"
import type { Encoded } from "./Cache.js"

const maxEntries = 2_000
const maxSites = 256
const ttlMs = 5_000

interface Watch {
  ready: boolean
  epoch: number
  /** Cache keys by thread; pages of threads that do not exist yet are under "". */
  readonly byThread: Map<string, Set<string>>
}

interface Entry {
  readonly encoded: Encoded
  readonly at: number
}

/**
 * The page cache.
 *
 * @since 0.1.0
 * @category models
 */
export interface PageCacheShape {
  /** Starts watching the site (once); the epoch to pass to `put`, or null when not cacheable now. */
  readonly begin: (siteId: SiteId) => Effect.Effect<number | null>
  readonly get: (siteId: SiteId, key: string) => Encoded | undefined
  /** Stores a page unless an event of the site came since `epoch`. */
  readonly put: (
    siteId: SiteId,
    key: string,
    threadId: ThreadId | null,
    encoded: Encoded,
    epoch: number,
  ) => void
}

/** @since 0.1.0 @category tags */
export class PageCache extends Context.Tag("@kommies/core/http/PageCache")<
  PageCache,
  PageCacheShape
>() {}

/**
 * The page cache over the EventBus; its subscriptions end with the Layer.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<PageCache, never, EventBus> = Layer.scoped(
  PageCache,
  Effect.gen(function* () {
    const bus = yield* EventBus
    const scope = yield* Effect.scope
    const entries = new Map<string, Entry>()
    const watches = new Map<SiteId, Watch>()
    const full = (siteId: SiteId, key: string) => `${siteId}\u0000${key}`

    const drop = (siteId: SiteId, watch: Watch, thread: string | null) => {
      const threads = thread === null ? [...watch.byThread.keys()] : [thread]
      for (const t of threads) {
        for (const key of watch.byThread.get(t) ?? []) entries.delete(full(siteId, key))
        watch.byThread.delete(t)
      }
    }

    const start = (siteId: SiteId, watch: Watch) =>
      Effect.gen(function* () {
        const events = yield* bus.subscribe(siteId, null).pipe(Scope.extend(scope))
        watch.ready = true
        yield* events.pipe(
          Stream.runForEach((event) =>
            Effect.sync(() => {
              watch.epoch++
              if (event.threadId === siteThread) drop(siteId, watch, null)
              else {
                drop(siteId, watch, event.threadId)
                if (event.type === "comment.created") drop(siteId, watch, "")
              }
            }),
          ),
          Effect.forkIn(scope),
        )
      }).pipe(
        Effect.catchAllCause(() =>
          Effect.sync(() => {
            watch.ready = false
            drop(siteId, watch, null)
            watches.delete(siteId)
          }),
        ),
      )

    const begin = (siteId: SiteId) =>
      Effect.suspend(() => {
        const watch = watches.get(siteId)
        if (watch !== undefined) return Effect.succeed(watch.ready ? watch.epoch : null)
        if (watches.size >= maxSites) return Effect.succeed(null)
        const fresh: Watch = { ready: false, epoch: 0, byThread: new Map() }
        watches.set(siteId, fresh)
        return Effect.map(start(siteId, fresh), () => (fresh.ready ? fresh.epoch : null))
      })

    const get = (siteId: SiteId, key: string) => {
      const entry = entries.get(full(siteId, key))
      if (entry === undefined) return undefined
      if (Date.now() - entry.at > ttlMs) {
        entries.delete(full(siteId, key))
        return undefined
      }
      return entry.encoded
    }

    const put = (
      siteId: SiteId,
      key: string,
      threadId: ThreadId | null,
      encoded: Encoded,
      epoch: number,
    ) => {
      const watch = watches.get(siteId)
      if (watch === undefined || !watch.ready || watch.epoch !== epoch) return
      const id = full(siteId, key)
      entries.delete(id)
      entries.set(id, { encoded, at: Date.now() })
      const thread = threadId ?? ""
      const keys = watch.byThread.get(thread) ?? new Set<string>()
      keys.add(key)
      watch.byThread.set(thread, keys)
      while (entries.size > maxEntries) {
        const oldest = entries.keys().next().value
        if (oldest === undefined) break
        entries.delete(oldest)
      }
    }

    return { begin, get, put }
  }),
)

/**
 * A cache that never holds anything (`pageCache: false`).
 *
 * @since 0.1.0
 * @category layers
 */
export const layerNone: Layer.Layer<PageCache> = Layer.succeed(PageCache, {
  begin: () => Effect.succeed(null),
  get: () => undefined,
  put: () => {},
})
