/**
 * Reading threads: pages of comments in any sort with opaque cursors, the
 * replies under a comment, and building a tree from what was loaded.
 *
 * The cost of a page does not depend on the thread's size: every read is one
 * keyset query per level, bounded by `limit`.
 *
 * @since 0.1.0
 */
import { Effect, Option } from "effect"
import type { Comment } from "../domain/Comment.js"
import type { Sort } from "../domain/Site.js"
import type { Thread } from "../domain/Thread.js"
import { type InvalidInput, NotFound, type QuotaExceeded, type StoreError } from "../Errors.js"
import type { CommentId } from "../Ids.js"
import { CommenterStore } from "../ports/CommenterStore.js"
import { CommentStore } from "../ports/CommentStore.js"
import type { SiteStore } from "../ports/SiteStore.js"
import { ThreadStore } from "../ports/ThreadStore.js"
import { VoteStore } from "../ports/VoteStore.js"
import { type Actor, commenterOf } from "./Actor.js"
import * as Cursor from "./Cursor.js"
import { Metering } from "./Metering.js"
import { can } from "./Permissions.js"
import * as Sites from "./Sites.js"
import * as Threads from "./Threads.js"
import { type CommentView, commentView } from "./Views.js"
import { load } from "./Comments.js"

/** @since 0.1.0 @category models */
export interface PageOptions {
  readonly sort?: Sort
  readonly cursor?: string | null
  /** 1–100, default 20. */
  readonly limit?: number
  /** Replies loaded inline under each top-level comment, 0–10, default 3. */
  readonly replies?: number
}

/** @since 0.1.0 @category models */
export interface Page {
  readonly thread: Thread | null
  readonly sort: Sort
  /** The page: top-level comments (or the replies asked for), in order. */
  readonly comments: ReadonlyArray<CommentView>
  /** Replies loaded inline, in order under each parent; see `Tree.build`. */
  readonly replies: ReadonlyArray<CommentView>
  /** Continue with this cursor; null at the end. */
  readonly nextCursor: string | null
}

const clamp = (value: number | undefined, min: number, max: number, fallback: number) =>
  value === undefined || !Number.isFinite(value)
    ? fallback
    : Math.min(Math.max(Math.trunc(value), min), max)

/** Turns raw comments into views for the actor: authors and their own votes. */
const views = (actor: Actor, comments: ReadonlyArray<Comment>) =>
  Effect.gen(function* () {
    if (comments.length === 0) return []
    const authorIds = [...new Set(comments.map((c) => c.authorId))]
    const authors = new Map(
      (yield* (yield* CommenterStore).getMany(actor.siteId, authorIds)).map((a) => [a.id, a]),
    )
    const me = commenterOf(actor)
    const votes =
      me === null
        ? new Map<CommentId, "up" | "down">()
        : yield* (yield* VoteStore).forVoter(
            actor.siteId,
            me,
            comments.map((c) => c.id),
          )
    const moderator = can(actor, "comment.moderate")
    return comments.map((c) =>
      commentView(
        c,
        authors.get(c.authorId),
        { commenterId: me, moderator },
        votes.get(c.id) ?? null,
      ),
    )
  })

const readLevel = (
  actor: Actor,
  thread: Thread,
  parentId: CommentId | null,
  sort: Sort,
  cursor: string | null,
  limit: number,
) =>
  Effect.gen(function* () {
    const after = cursor === null ? null : yield* Cursor.decode(cursor, sort)
    // One more than asked tells whether there is a next page without counting.
    const rows = yield* (yield* CommentStore).list({
      siteId: actor.siteId,
      threadId: thread.id,
      parentId,
      sort,
      after,
      limit: limit + 1,
      viewer: commenterOf(actor),
      all: can(actor, "comment.moderate"),
    })
    const page = rows.slice(0, limit)
    const last = page[page.length - 1]
    return {
      page,
      nextCursor: rows.length > limit && last !== undefined ? Cursor.after(last, sort) : null,
    }
  })

/**
 * A page of a thread's top-level comments, with the first replies of each.
 * Loading the first page counts as a thread load for metering.
 *
 * @since 0.1.0
 * @category queries
 * @example
 * const page = yield* Listing.thread(actor, "/post/1", { sort: "top", limit: 20 })
 */
export const thread = (
  actor: Actor,
  key: string,
  options: PageOptions = {},
): Effect.Effect<
  Page,
  InvalidInput | NotFound | QuotaExceeded | StoreError,
  SiteStore | ThreadStore | CommentStore | CommenterStore | VoteStore | Metering
> =>
  Effect.gen(function* () {
    const site = yield* Sites.get(actor.siteId)
    const sort = options.sort ?? site.settings.defaultSort
    const limit = clamp(options.limit, 1, 100, 20)
    const replyLimit = clamp(options.replies, 0, 10, 3)
    const cursor = options.cursor ?? null
    if (cursor === null) {
      const metering = yield* Metering
      yield* metering.guard(site.id, "threadLoads")
    }
    const found = yield* Threads.find(site.id, key)
    if (Option.isNone(found)) {
      if (cursor !== null) yield* Cursor.decode(cursor, sort)
      return { thread: null, sort, comments: [], replies: [], nextCursor: null }
    }
    const { page, nextCursor } = yield* readLevel(actor, found.value, null, sort, cursor, limit)
    const replies =
      replyLimit === 0
        ? []
        : (yield* Effect.forEach(
            page.filter((c) => c.replyCount > 0 || commenterOf(actor) !== null),
            (c) =>
              readLevel(actor, found.value, c.id, "old", null, replyLimit).pipe(
                Effect.map((r) => r.page),
              ),
            { concurrency: 8 },
          )).flat()
    return {
      thread: found.value,
      sort,
      comments: yield* views(actor, page),
      replies: yield* views(actor, replies),
      nextCursor,
    }
  })

/**
 * A page of the direct replies to a comment (oldest first by default).
 *
 * @since 0.1.0
 * @category queries
 */
export const replies = (
  actor: Actor,
  parentId: CommentId,
  options: PageOptions = {},
): Effect.Effect<
  Page,
  InvalidInput | NotFound | StoreError,
  SiteStore | ThreadStore | CommentStore | CommenterStore | VoteStore
> =>
  Effect.gen(function* () {
    const parent = yield* load(actor, parentId)
    const sort = options.sort ?? "old"
    const limit = clamp(options.limit, 1, 100, 20)
    const thread = yield* threadById(actor, parent.threadId)
    const { page, nextCursor } = yield* readLevel(
      actor,
      thread,
      parent.id,
      sort,
      options.cursor ?? null,
      limit,
    )
    return { thread, sort, comments: yield* views(actor, page), replies: [], nextCursor }
  })

const threadById = (actor: Actor, id: Thread["id"]) =>
  Effect.gen(function* () {
    const found = yield* (yield* ThreadStore).get(actor.siteId, id)
    if (Option.isNone(found))
      return yield* new NotFound({ code: "thread_not_found", message: "No such thread" })
    return found.value
  })
