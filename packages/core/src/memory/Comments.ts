/**
 * CommentStore in memory: compare-and-set updates, counter deltas, and keyset
 * pages over per-(thread, parent) indexes kept in every sort order, so a page
 * costs a binary search plus the page, whatever the thread's size.
 *
 * @since 0.1.0
 */
import { Effect, Option } from "effect"
import type { Comment, CommentStatus } from "../domain/Comment.js"
import type { Sort } from "../domain/Site.js"
import type { CommentId } from "../Ids.js"
import type { CommentPatch, CommentStoreShape, ListQuery } from "../ports/CommentStore.js"
import * as CommentIndex from "./CommentIndex.js"
import * as Search from "./Search.js"
import { pageSize, take } from "./SortedIds.js"
import {
  duplicate,
  patched,
  peek,
  type SiteData,
  type State,
  site,
  snapshot,
  unique,
} from "./State.js"

/**
 * Whether a listing for `query` shows `comment`: visible ones; the viewer's own
 * unless deleted; with `all`, everything except deleted-and-invisible.
 *
 * @since 0.1.0
 * @category predicates
 */
export const isListed = (query: Pick<ListQuery, "viewer" | "all">, comment: Comment): boolean =>
  comment.visible ||
  (comment.status !== "deleted" &&
    (query.all || (query.viewer !== null && comment.authorId === query.viewer)))

/** The sort key of a ranked sort (`top`, `hot`, `best`). @since 0.1.0 @category getters */
export const rankOf = (sort: Exclude<Sort, "new" | "old">, comment: Comment): number =>
  sort === "top" ? comment.score : sort === "hot" ? comment.hot : comment.best

const listPage = (data: SiteData, query: ListQuery): ReadonlyArray<Comment> => {
  const limit = pageSize(query.limit)
  const children = CommentIndex.childrenOf(data, query.threadId, query.parentId)
  if (children === undefined || limit === 0) return []
  const listed = (id: CommentId): Comment | undefined => {
    const c = data.comments.get(id)
    return c !== undefined && isListed(query, c) ? c : undefined
  }
  const after = query.after
  switch (query.sort) {
    case "new":
      return take(children.ids.descending(after?.id ?? null), limit, listed)
    case "old":
      return take(children.ids.ascending(after?.id ?? null), limit, listed)
    default:
      return take(children[query.sort].after(after), limit, listed)
  }
}

const applyPatch = (current: Comment, patch: CommentPatch): Comment => {
  const changes: { -readonly [K in keyof Comment]?: Comment[K] } = {
    version: current.version + 1,
    updatedAt: patch.updatedAt,
  }
  if (patch.body !== undefined) changes.body = patch.body
  if (patch.html !== undefined) changes.html = patch.html
  if (patch.status !== undefined) changes.status = patch.status
  if (patch.shadowed !== undefined) changes.shadowed = patch.shadowed
  if (patch.visible !== undefined) changes.visible = patch.visible
  if (patch.editedAt !== undefined) changes.editedAt = patch.editedAt
  return patched(current, changes)
}

/**
 * The memory CommentStore over shared state.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (state: State): CommentStoreShape => ({
  insert: (comment, deltas) =>
    Effect.suspend(() => {
      const data = site(state, comment.siteId)
      if (data.comments.has(comment.id)) return Effect.fail(duplicate("comment", comment.id))
      const stored = snapshot(comment)
      CommentIndex.add(data, stored)
      CommentIndex.applyDeltas(data, stored, deltas)
      return Effect.void
    }),

  get: (siteId, id) =>
    Effect.sync(() => Option.fromNullable(peek(state, siteId)?.comments.get(id))),

  getMany: (siteId, ids) =>
    Effect.sync(() => {
      const data = peek(state, siteId)
      if (data === undefined) return []
      const out: Array<Comment> = []
      for (const id of unique(ids)) {
        const c = data.comments.get(id)
        if (c !== undefined) out.push(c)
      }
      return out
    }),

  update: (siteId, id, expectedVersion, patch, deltas) =>
    Effect.sync(() => {
      const data = peek(state, siteId)
      const current = data?.comments.get(id)
      if (data === undefined || current === undefined || current.version !== expectedVersion) {
        return Option.none()
      }
      const next = applyPatch(current, patch)
      CommentIndex.replace(data, current, next)
      CommentIndex.applyDeltas(data, next, deltas)
      return Option.some(next)
    }),

  setRanks: (siteId, id, counts, ranks) =>
    Effect.sync(() => {
      const data = peek(state, siteId)
      const current = data?.comments.get(id)
      if (
        data === undefined ||
        current === undefined ||
        current.upvotes !== counts.upvotes ||
        current.downvotes !== counts.downvotes
      ) {
        return false
      }
      CommentIndex.replace(data, current, patched(current, { hot: ranks.hot, best: ranks.best }))
      return true
    }),

  list: (query) =>
    Effect.sync(() => {
      const data = peek(state, query.siteId)
      return data === undefined ? [] : listPage(data, query)
    }),

  listByStatus: (siteId, statuses, afterId, limit) =>
    Effect.sync(() => {
      const data = peek(state, siteId)
      const size = pageSize(limit)
      if (data === undefined || size === 0) return []
      const ids: Array<CommentId> = []
      for (const status of unique<CommentStatus>(statuses)) {
        const index = data.byStatus.get(status)
        if (index !== undefined) ids.push(...take(index.ascending(afterId), size, (id) => id))
      }
      ids.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      return take(ids, size, (id) => data.comments.get(id))
    }),

  listReported: (siteId, afterId, limit) =>
    Effect.sync(() => {
      const data = peek(state, siteId)
      if (data === undefined) return []
      return take(data.reported.ascending(afterId), pageSize(limit), (id) => data.comments.get(id))
    }),

  listByAuthor: (siteId, authorId, beforeId, limit) =>
    Effect.sync(() => {
      const data = peek(state, siteId)
      const index = data?.byAuthor.get(authorId)
      if (data === undefined || index === undefined) return []
      return take(index.descending(beforeId), pageSize(limit), (id) => data.comments.get(id))
    }),

  listBySite: (siteId, beforeId, limit) =>
    Effect.sync(() => {
      const data = peek(state, siteId)
      if (data === undefined) return []
      return take(data.commentIds.descending(beforeId), pageSize(limit), (id) =>
        data.comments.get(id),
      )
    }),

  search: (siteId, words, options) =>
    Effect.sync(() => Search.search(peek(state, siteId), words, options)),
})
