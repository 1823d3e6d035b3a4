/**
 * Exact counters under load, on a PostgreSQL server and on PGlite: 1,000
 * concurrent votes from distinct commenters on one comment, and 200 concurrent
 * replies to one parent.
 */
import { expect, layer } from "@effect/vitest"
import {
  CommenterStore,
  CommentStore,
  type Ids,
  SiteStore,
  type Stores,
  ThreadStore,
  VoteStore,
} from "@kommies/core"
import { Fixtures } from "@kommies/core/testing"
import { Duration, Effect, type Layer, Option } from "effect"
import { PgStore } from "../src/index.js"
import * as TestDatabase from "./support/TestDatabase.js"

/** A site with a thread, an author and one top-level comment. */
const world = Effect.gen(function* () {
  const site = yield* Fixtures.site()
  yield* (yield* SiteStore.SiteStore).insert(site)
  const thread = yield* (yield* ThreadStore.ThreadStore).getOrInsert(
    yield* Fixtures.thread(site.id),
  )
  const author = yield* Fixtures.commenter(site.id)
  yield* (yield* CommenterStore.CommenterStore).insert(author)
  const comment = yield* Fixtures.comment(thread, author.id)
  yield* (yield* CommentStore.CommentStore).insert(comment, { threadComments: 1, parentReplies: 0 })
  return { site, thread, author, comment }
})

const commenters = (siteId: Ids.SiteId, n: number) =>
  Effect.flatMap(CommenterStore.CommenterStore, (store) =>
    Effect.all(
      Array.from({ length: n }, () =>
        Effect.tap(
          Fixtures.commenter(siteId, { origin: "guest", email: null, passwordHash: null }),
          (c) => store.insert(c),
        ),
      ),
      { concurrency: 16 },
    ),
  )

const races = (name: string, stores: Layer.Layer<Stores.Stores, unknown>) =>
  layer(stores, { excludeTestServices: true, timeout: "60 seconds" })(name, (it) => {
    it.effect(
      "VoteStore.swap – should leave the exact score after 1,000 concurrent votes from distinct commenters",
      () =>
        Effect.gen(function* () {
          const votes = yield* VoteStore.VoteStore
          const { site, author, comment } = yield* world
          const voters = yield* commenters(site.id, 1_000)
          const direction = (i: number) => (i % 4 === 0 ? "down" : "up")
          const [elapsed, results] = yield* Effect.timed(
            Effect.all(
              voters.map((voter, i) =>
                votes.swap({
                  siteId: site.id,
                  commentId: comment.id,
                  voterId: voter.id,
                  authorId: author.id,
                  expected: null,
                  next: direction(i),
                  upDelta: direction(i) === "up" ? 1 : 0,
                  downDelta: direction(i) === "down" ? 1 : 0,
                  karmaDelta: direction(i) === "up" ? 1 : -1,
                  at: comment.createdAt + i,
                }),
              ),
              { concurrency: "unbounded" },
            ),
          )
          console.info(`${name}: 1,000 concurrent votes in ${Duration.format(elapsed)}`)
          expect(results.every((r) => r._tag === "Swapped")).toBe(true)
          const stored = Option.getOrThrow(
            yield* (yield* CommentStore.CommentStore).get(site.id, comment.id),
          )
          expect([stored.upvotes, stored.downvotes, stored.score]).toEqual([750, 250, 500])
          const karma = Option.getOrThrow(
            yield* (yield* CommenterStore.CommenterStore).get(site.id, author.id),
          ).karma
          expect(karma).toBe(500)
          const mine = yield* votes.forVoter(site.id, voters[0]!.id, [comment.id])
          expect(mine.get(comment.id)).toBe("down")
        }),
    )

    it.effect(
      "CommentStore.insert – should leave the exact reply count after 200 concurrent replies",
      () =>
        Effect.gen(function* () {
          const store = yield* CommentStore.CommentStore
          const { site, thread, author, comment } = yield* world
          const replies = yield* Effect.all(
            Array.from({ length: 200 }, () => Fixtures.reply(comment, author.id)),
          )
          const [elapsed] = yield* Effect.timed(
            Effect.all(
              replies.map((r) => store.insert(r, { threadComments: 1, parentReplies: 1 })),
              { concurrency: "unbounded" },
            ),
          )
          console.info(`${name}: 200 concurrent replies in ${Duration.format(elapsed)}`)
          const parent = Option.getOrThrow(yield* store.get(site.id, comment.id))
          expect(parent.replyCount).toBe(200)
          const stored = Option.getOrThrow(
            yield* (yield* ThreadStore.ThreadStore).get(site.id, thread.id),
          )
          expect(stored.commentCount).toBe(201)
          const page = yield* store.list({
            siteId: site.id,
            threadId: thread.id,
            parentId: comment.id,
            sort: "old",
            after: null,
            limit: 500,
            viewer: null,
            all: false,
          })
          expect(page.length).toBe(200)
        }),
    )
  })

const database = await TestDatabase.fresh("races")
if (database.ok) races("postgres", PgStore.layer({ url: database.url, poolSize: 10 }))
else TestDatabase.reportMissing(database)

races("pglite", PgStore.embedded())
