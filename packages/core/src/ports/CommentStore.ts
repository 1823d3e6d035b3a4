/**
 * Port: comments, and the counters that move with them.
 *
 * Stores implement primitives; core decides every value written. What a store
 * owes core is atomicity: each write below happens whole or not at all, the
 * counter deltas included, and compare-and-set writes refuse stale versions.
 *
 * @since 0.1.0
 */
import { Context, type Effect, type Option } from "effect"
import type { Comment, CommentStatus } from "../domain/Comment.js"
import type { Sort } from "../domain/Site.js"
import type { StoreError } from "../Errors.js"
import type { CommenterId, CommentId, SiteId, ThreadId } from "../Ids.js"

/**
 * Counter changes that go with a write, decided by core: the thread's
 * `commentCount` and the parent's `replyCount`.
 *
 * @since 0.1.0
 * @category models
 */
export interface CounterDeltas {
  readonly threadComments: number
  readonly parentReplies: number
}

/**
 * Where a page ends: the sort key of its last comment and that comment's id.
 * For `new`/`old` the key is unused (ids are time-ordered) and is 0.
 *
 * @since 0.1.0
 * @category models
 */
export interface Position {
  readonly key: number
  readonly id: CommentId
}

/**
 * A page of a thread's comments under one parent (null: top level).
 *
 * Order: `new` id desc; `old` id asc; `top` (score desc, id desc);
 * `hot` (hot desc, id desc); `best` (best desc, id desc). `after` excludes
 * everything up to and including that position in this order.
 *
 * Which comments: `visible` ones; plus, when `viewer` is set, that commenter's
 * own comments whatever their status except `deleted`; everything except
 * deleted-and-invisible when `all` is set (moderators).
 *
 * @since 0.1.0
 * @category models
 */
export interface ListQuery {
  readonly siteId: SiteId
  readonly threadId: ThreadId
  readonly parentId: CommentId | null
  readonly sort: Sort
  readonly after: Position | null
  readonly limit: number
  readonly viewer: CommenterId | null
  readonly all: boolean
}

/** The fields a compare-and-set update may change. @since 0.1.0 @category models */
export interface CommentPatch {
  readonly body?: string
  readonly html?: string
  readonly status?: CommentStatus
  readonly shadowed?: boolean
  readonly visible?: boolean
  readonly editedAt?: number | null
  readonly updatedAt: number
}

/**
 * Where a search page starts and how long it may be.
 *
 * @since 0.1.0
 * @category models
 */
export interface SearchOptions {
  readonly limit: number
  /** Only comments with a smaller id (older) than this; null: from the newest. */
  readonly cursor: CommentId | null
}

/**
 * A page of search results, newest first, and the id to pass as the next
 * `cursor` (null when nothing is left). A store that caps the work of one call
 * may return fewer than `limit` comments, even none, with a cursor to go on from.
 *
 * @since 0.1.0
 * @category models
 */
export interface SearchPage {
  readonly comments: ReadonlyArray<Comment>
  readonly cursor: CommentId | null
}

/** @since 0.1.0 @category ports */
export interface CommentStoreShape {
  /** Inserts a new comment and applies `deltas` to its thread and parent, atomically. */
  readonly insert: (comment: Comment, deltas: CounterDeltas) => Effect.Effect<void, StoreError>
  readonly get: (siteId: SiteId, id: CommentId) => Effect.Effect<Option.Option<Comment>, StoreError>
  /** Comments of the site with these ids, in no particular order; unknown ids are left out. */
  readonly getMany: (
    siteId: SiteId,
    ids: ReadonlyArray<CommentId>,
  ) => Effect.Effect<ReadonlyArray<Comment>, StoreError>
  /**
   * If the stored comment's version is `expectedVersion`: applies `patch`, bumps
   * the version, applies `deltas` to its thread and parent, and returns the new
   * comment. Otherwise changes nothing and returns None.
   */
  readonly update: (
    siteId: SiteId,
    id: CommentId,
    expectedVersion: number,
    patch: CommentPatch,
    deltas: CounterDeltas,
  ) => Effect.Effect<Option.Option<Comment>, StoreError>
  /**
   * Writes `hot` and `best` only if the comment still has exactly these vote
   * counts (so a slow writer cannot overwrite a newer rank). Returns whether it wrote.
   */
  readonly setRanks: (
    siteId: SiteId,
    id: CommentId,
    counts: { readonly upvotes: number; readonly downvotes: number },
    ranks: { readonly hot: number; readonly best: number },
  ) => Effect.Effect<boolean, StoreError>
  readonly list: (query: ListQuery) => Effect.Effect<ReadonlyArray<Comment>, StoreError>
  /** Comments with one of `statuses`, oldest first, after `afterId`: the moderation queue. */
  readonly listByStatus: (
    siteId: SiteId,
    statuses: ReadonlyArray<CommentStatus>,
    afterId: CommentId | null,
    limit: number,
  ) => Effect.Effect<ReadonlyArray<Comment>, StoreError>
  /** Approved comments with open reports, oldest first: the reported part of the queue. */
  readonly listReported: (
    siteId: SiteId,
    afterId: CommentId | null,
    limit: number,
  ) => Effect.Effect<ReadonlyArray<Comment>, StoreError>
  /** A commenter's comments on the site, newest first, before `beforeId`. */
  readonly listByAuthor: (
    siteId: SiteId,
    authorId: CommenterId,
    beforeId: CommentId | null,
    limit: number,
  ) => Effect.Effect<ReadonlyArray<Comment>, StoreError>
  /** Every comment of the site, newest first, before `beforeId`: analytics, search and export. */
  readonly listBySite: (
    siteId: SiteId,
    beforeId: CommentId | null,
    limit: number,
  ) => Effect.Effect<ReadonlyArray<Comment>, StoreError>
  /**
   * The site's comments, of every status, newest first, that match all of
   * `words` (already cut by `Search.words`): every word is a word of the body,
   * or every word is a word of the author's display name. Answered from an
   * index of words kept by the comment and commenter writes, never by reading
   * the site. Empty `words` match nothing.
   */
  readonly search: (
    siteId: SiteId,
    words: ReadonlyArray<string>,
    options: SearchOptions,
  ) => Effect.Effect<SearchPage, StoreError>
}

/** @since 0.1.0 @category ports */
export class CommentStore extends Context.Tag("@kommies/core/CommentStore")<
  CommentStore,
  CommentStoreShape
>() {}
