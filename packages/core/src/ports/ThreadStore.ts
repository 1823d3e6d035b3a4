/**
 * Port: threads (pages). Comment counts on a thread are changed only by
 * CommentStore writes, in the same atomic step as the comment.
 *
 * @since 0.1.0
 */
import { Context, type Effect, type Option } from "effect"
import type { Thread } from "../domain/Thread.js"
import type { StoreError } from "../Errors.js"
import type { SiteId, ThreadId } from "../Ids.js"
import type { Page } from "./Page.js"

/** @since 0.1.0 @category ports */
export interface ThreadStoreShape {
  /**
   * Inserts `thread` unless the site already has one with its key; returns the
   * thread that is stored afterwards. Atomic: two racing calls get the same thread.
   */
  readonly getOrInsert: (thread: Thread) => Effect.Effect<Thread, StoreError>
  readonly get: (siteId: SiteId, id: ThreadId) => Effect.Effect<Option.Option<Thread>, StoreError>
  readonly getByKey: (
    siteId: SiteId,
    key: string,
  ) => Effect.Effect<Option.Option<Thread>, StoreError>
  /** Threads of the site with these keys; missing keys are left out. */
  readonly getByKeys: (
    siteId: SiteId,
    keys: ReadonlyArray<string>,
  ) => Effect.Effect<ReadonlyArray<Thread>, StoreError>
  /** Changes title, url and locked; never the counts. */
  readonly update: (
    siteId: SiteId,
    id: ThreadId,
    patch: {
      readonly title?: string | null
      readonly url?: string | null
      readonly locked?: boolean
      readonly updatedAt: number
    },
  ) => Effect.Effect<Option.Option<Thread>, StoreError>
  /** The threads with the most visible comments, most first (ties: newest thread first): for analytics. */
  readonly listTop: (
    siteId: SiteId,
    limit: number,
  ) => Effect.Effect<ReadonlyArray<Thread>, StoreError>
  /**
   * Every thread of the site, a page at a time (`cursor` null: the first
   * page), in an order the store chooses: for exports.
   */
  readonly listBySite: (
    siteId: SiteId,
    cursor: string | null,
    limit: number,
  ) => Effect.Effect<Page<Thread>, StoreError>
}

/** @since 0.1.0 @category ports */
export class ThreadStore extends Context.Tag("@kommies/core/ThreadStore")<
  ThreadStore,
  ThreadStoreShape
>() {}
