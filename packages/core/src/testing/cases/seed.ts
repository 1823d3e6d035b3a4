/**
 * Writers shared by the cases: each builds a fixture, stores it through the
 * port under test and returns it, in the order a store with foreign keys needs
 * (site, then thread and commenters, then comments).
 */
import { Effect, Option } from "effect"
import type { Comment } from "../../domain/Comment.js"
import type { Commenter } from "../../domain/Commenter.js"
import type { Site, Sort } from "../../domain/Site.js"
import type { Thread } from "../../domain/Thread.js"
import type { CommenterId, CommentId, SiteId, ThreadId } from "../../Ids.js"
import { CommenterStore } from "../../ports/CommenterStore.js"
import { type CounterDeltas, CommentStore, type Position } from "../../ports/CommentStore.js"
import { SiteStore } from "../../ports/SiteStore.js"
import { ThreadStore } from "../../ports/ThreadStore.js"
import * as Fixtures from "../fixtures.js"

/** Stores a fresh site. */
export const site = (overrides: Partial<Site> = {}) =>
  Effect.gen(function* () {
    const site = yield* Fixtures.site(overrides)
    yield* (yield* SiteStore).insert(site)
    return site
  })

/** Stores a fresh thread of the site. */
export const thread = (siteId: SiteId, overrides: Partial<Thread> = {}) =>
  Effect.gen(function* () {
    const thread = yield* Fixtures.thread(siteId, overrides)
    return yield* (yield* ThreadStore).getOrInsert(thread)
  })

/** Stores a fresh commenter of the site. */
export const commenter = (siteId: SiteId, overrides: Partial<Commenter> = {}) =>
  Effect.gen(function* () {
    const commenter = yield* Fixtures.commenter(siteId, overrides)
    yield* (yield* CommenterStore).insert(commenter)
    return commenter
  })

/** The deltas core writes with a new comment: visible ones count on the thread and the parent. */
export const deltasOf = (comment: Comment): CounterDeltas => ({
  threadComments: comment.visible && comment.status !== "deleted" ? 1 : 0,
  parentReplies: comment.visible && comment.parentId !== null ? 1 : 0,
})

/** No counter change: for writes that leave visibility alone. */
export const noDeltas: CounterDeltas = { threadComments: 0, parentReplies: 0 }

/** Stores a comment with the deltas core would write. */
export const insert = (comment: Comment) =>
  Effect.gen(function* () {
    yield* (yield* CommentStore).insert(comment, deltasOf(comment))
    return comment
  })

/** Stores a fresh top-level comment in the thread. */
export const comment = (
  thread: Pick<Thread, "siteId" | "id">,
  authorId: CommenterId,
  overrides: Partial<Comment> = {},
) => Effect.flatMap(Fixtures.comment(thread, authorId, overrides), insert)

/** Stores a fresh reply to `parent`. */
export const reply = (parent: Comment, authorId: CommenterId, overrides: Partial<Comment> = {}) =>
  Effect.flatMap(Fixtures.reply(parent, authorId, overrides), insert)

/** A fresh site with one thread and one commenter: where most comment cases start. */
export const world = Effect.gen(function* () {
  const s = yield* site()
  const t = yield* thread(s.id)
  const author = yield* commenter(s.id)
  return { site: s, thread: t, author }
})

/** Reads a record that must exist. */
export const must = <A, E, R>(read: Effect.Effect<Option.Option<A>, E, R>) =>
  Effect.flatMap(read, (option) =>
    Option.match(option, {
      onNone: () => Effect.dieMessage("expected the record to exist, the store returned None"),
      onSome: Effect.succeed,
    }),
  )

/** The thread as stored now. */
export const threadNow = (siteId: SiteId, id: ThreadId) =>
  Effect.flatMap(ThreadStore, (threads) => must(threads.get(siteId, id)))

/** The comment as stored now. */
export const commentNow = (siteId: SiteId, id: CommentId) =>
  Effect.flatMap(CommentStore, (comments) => must(comments.get(siteId, id)))

/** The commenter as stored now. */
export const commenterNow = (siteId: SiteId, id: CommenterId) =>
  Effect.flatMap(CommenterStore, (commenters) => must(commenters.get(siteId, id)))

const byIdAsc = (a: Comment, b: Comment) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
const byIdDesc = (a: Comment, b: Comment) => -byIdAsc(a, b)

/** The sort key the `after` position of a sort carries. */
export const keyOf = (sort: Sort, c: Comment): number => {
  switch (sort) {
    case "new":
    case "old":
      return 0
    case "top":
      return c.score
    case "hot":
      return c.hot
    case "best":
      return c.best
  }
}

/** Where a page that ends with `c` ends, for `sort`. */
export const positionOf = (sort: Sort, c: Comment): Position => ({ key: keyOf(sort, c), id: c.id })

/** The order `CommentStore.list` promises for `sort`, computed here from the contract. */
export const ordered = (sort: Sort, comments: ReadonlyArray<Comment>): ReadonlyArray<Comment> =>
  [...comments].sort((a, b) => {
    if (sort === "new") return byIdDesc(a, b)
    if (sort === "old") return byIdAsc(a, b)
    const diff = keyOf(sort, b) - keyOf(sort, a)
    return diff !== 0 ? diff : byIdDesc(a, b)
  })

/** Ids, for comparing listings without comparing whole records. */
export const ids = <A extends { readonly id: string }>(
  items: ReadonlyArray<A>,
): ReadonlyArray<A["id"]> => items.map((item) => item.id)

/** Sorted ids, for comparing listings whose order the contract leaves open. */
export const idSet = <A extends { readonly id: string }>(
  items: ReadonlyArray<A>,
): ReadonlyArray<A["id"]> => items.map((item) => item.id).sort()

/** `n` fresh UUIDv7s in ascending order, for records whose time order must match their id order. */
export const orderedIds = <A extends string>(n: number) =>
  Effect.map(
    times(n, () => Fixtures.id<A>()),
    (ids) => [...ids].sort(),
  )

/** `n` fresh records built one after another (`make` receives the index). */
export const times = <A, E, R>(n: number, make: (i: number) => Effect.Effect<A, E, R>) =>
  Effect.forEach(
    Array.from({ length: n }, (_, i) => i),
    make,
  )

/** The error of a write that must fail; dies with a clear message if it succeeded. */
export const failure = <A, E, R>(write: Effect.Effect<A, E, R>) =>
  Effect.matchEffect(write, {
    onSuccess: () => Effect.dieMessage("expected the write to fail, it succeeded"),
    onFailure: (error) => Effect.succeed(error),
  })

let lane = 0

/**
 * The first of 16 milliseconds that no earlier run of the suite used and no case
 * running now uses: negative epoch times, lower for every later allocation. The
 * due-queue cases (outbox, webhook deliveries) put their times there, so the
 * global queues of a shared database hold almost nothing else that is due at
 * the times they ask about; they still only judge their own records.
 */
export const window = Effect.sync(() => -((Date.now() * 64 + (lane++ % 64)) * 16))
