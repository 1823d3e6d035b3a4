/**
 * Writers for the package's own tests: fixtures from `@kommies/core/testing`
 * stored through the ports, as a store with foreign keys would need them.
 */
import {
  type Comment,
  type Commenter,
  CommenterStore,
  CommentStore,
  type Errors,
  type Ids,
  type Site,
  SiteStore,
  type Thread,
  ThreadStore,
} from "@kommies/core"
import { Fixtures } from "@kommies/core/testing"
import { Effect } from "effect"

/** A stored site with one thread and one commenter. */
export const world: Effect.Effect<
  { site: Site.Site; thread: Thread.Thread; author: Commenter.Commenter },
  Errors.Conflict | Errors.StoreError,
  SiteStore.SiteStore | ThreadStore.ThreadStore | CommenterStore.CommenterStore
> = Effect.gen(function* () {
  const site = yield* Fixtures.site()
  yield* (yield* SiteStore.SiteStore).insert(site)
  const thread = yield* (yield* ThreadStore.ThreadStore).getOrInsert(
    yield* Fixtures.thread(site.id),
  )
  const author = yield* Fixtures.commenter(site.id)
  yield* (yield* CommenterStore.CommenterStore).insert(author)
  return { site, thread, author }
})

/** `n` stored commenters of the site. */
export const commenters = (
  siteId: Ids.SiteId,
  n: number,
): Effect.Effect<
  Array<Commenter.Commenter>,
  Errors.Conflict | Errors.StoreError,
  CommenterStore.CommenterStore
> =>
  Effect.gen(function* () {
    const store = yield* CommenterStore.CommenterStore
    return yield* Effect.forEach(
      Array.from({ length: n }, (_, i) => i),
      () =>
        Effect.gen(function* () {
          const c = yield* Fixtures.commenter(siteId, {
            origin: "guest",
            email: null,
            passwordHash: null,
          })
          yield* store.insert(c)
          return c
        }),
      { concurrency: 32 },
    )
  })

/** A stored top-level comment with the deltas core would write for it. */
export const comment = (
  thread: Pick<Thread.Thread, "siteId" | "id">,
  authorId: Ids.CommenterId,
  overrides: Partial<Comment.Comment> = {},
): Effect.Effect<Comment.Comment, Errors.StoreError, CommentStore.CommentStore> =>
  Effect.gen(function* () {
    const c = yield* Fixtures.comment(thread, authorId, overrides)
    yield* (yield* CommentStore.CommentStore).insert(c, {
      threadComments: c.visible && c.status !== "deleted" ? 1 : 0,
      parentReplies: 0,
    })
    return c
  })
