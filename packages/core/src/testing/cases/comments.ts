/**
 * CommentStore write cases: insert, get, getMany, update and setRanks, with the
 * counters that move with them.
 */
import { expect } from "@effect/vitest"
import { Effect, Option } from "effect"
import type { CommentId } from "../../Ids.js"
import { CommentStore } from "../../ports/CommentStore.js"
import * as Fixtures from "../fixtures.js"
import { given, type Group, must } from "./case.js"
import * as Seed from "./seed.js"

/** CommentStore: writes and counters. */
export const comments: Group = {
  name: "CommentStore",
  cases: [
    must(
      "CommentStore.insert – should store a comment that get returns as written",
      Effect.gen(function* () {
        const store = yield* CommentStore
        const { thread, author } = yield* Seed.world
        const comment = yield* Fixtures.comment(thread, author.id, {
          upvotes: 3,
          downvotes: 1,
          hot: 1.25,
          best: 0.4,
          editedAt: 1_700_000_000_000,
        })
        yield* store.insert(comment, Seed.deltasOf(comment))
        expect(yield* store.get(comment.siteId, comment.id)).toEqual(Option.some(comment))
      }),
    ),
    must(
      "CommentStore.get – should return None for an unknown id",
      Effect.gen(function* () {
        const store = yield* CommentStore
        const { site } = yield* Seed.world
        expect(yield* store.get(site.id, yield* Fixtures.id<CommentId>())).toEqual(Option.none())
      }),
    ),
    must(
      "CommentStore.insert – should apply the deltas to thread.commentCount and parent.replyCount",
      Effect.gen(function* () {
        const store = yield* CommentStore
        const { site, thread, author } = yield* Seed.world
        const parent = yield* Fixtures.comment(thread, author.id)
        yield* store.insert(parent, { threadComments: 1, parentReplies: 0 })
        expect((yield* Seed.threadNow(site.id, thread.id)).commentCount).toBe(1)

        const reply = yield* Fixtures.reply(parent, author.id)
        yield* store.insert(reply, { threadComments: 1, parentReplies: 1 })
        expect((yield* Seed.threadNow(site.id, thread.id)).commentCount).toBe(2)
        expect((yield* Seed.commentNow(site.id, parent.id)).replyCount).toBe(1)

        const pending = yield* Fixtures.reply(parent, author.id, {
          status: "pending",
          visible: false,
        })
        yield* store.insert(pending, { threadComments: 0, parentReplies: 0 })
        expect((yield* Seed.threadNow(site.id, thread.id)).commentCount).toBe(2)
        expect((yield* Seed.commentNow(site.id, parent.id)).replyCount).toBe(1)
        expect(yield* store.get(site.id, pending.id)).toEqual(Option.some(pending))
      }),
    ),
    must(
      "CommentStore.getMany – should return the comments with known ids and leave unknown ids out",
      Effect.gen(function* () {
        const store = yield* CommentStore
        const { site, thread, author } = yield* Seed.world
        const a = yield* Seed.comment(thread, author.id)
        const b = yield* Seed.comment(thread, author.id, { status: "pending", visible: false })
        yield* Seed.comment(thread, author.id)
        const found = yield* store.getMany(site.id, [a.id, yield* Fixtures.id<CommentId>(), b.id])
        expect(Seed.idSet(found)).toEqual(Seed.idSet([a, b]))
        expect(found.find((c) => c.id === b.id)).toEqual(b)
        expect(yield* store.getMany(site.id, [])).toEqual([])
      }),
    ),
    must(
      "CommentStore.update – should apply the patch, bump the version and return the new comment",
      Effect.gen(function* () {
        const store = yield* CommentStore
        const { site, thread, author } = yield* Seed.world
        const comment = yield* Seed.comment(thread, author.id, { upvotes: 2, hot: 0.5, best: 0.3 })
        const patch = {
          body: "Edited",
          html: "<p>Edited</p>",
          editedAt: comment.createdAt + 10,
          updatedAt: comment.createdAt + 10,
        }
        const updated = yield* Seed.must(
          store.update(site.id, comment.id, comment.version, patch, Seed.noDeltas),
        )
        expect(updated).toEqual({ ...comment, ...patch, version: comment.version + 1 })
        expect(yield* store.get(site.id, comment.id)).toEqual(Option.some(updated))
        const again = yield* Seed.must(
          store.update(
            site.id,
            comment.id,
            updated.version,
            { editedAt: null, updatedAt: patch.updatedAt + 1 },
            Seed.noDeltas,
          ),
        )
        expect(again).toEqual({
          ...updated,
          editedAt: null,
          updatedAt: patch.updatedAt + 1,
          version: comment.version + 2,
        })
      }),
    ),
    must(
      "CommentStore.update – should refuse a stale version and change nothing, counters included",
      Effect.gen(function* () {
        const store = yield* CommentStore
        const { site, thread, author } = yield* Seed.world
        const parent = yield* Seed.comment(thread, author.id)
        const reply = yield* Seed.reply(parent, author.id)
        const edited = yield* Seed.must(
          store.update(
            site.id,
            reply.id,
            reply.version,
            { body: "v2", updatedAt: reply.updatedAt + 1 },
            Seed.noDeltas,
          ),
        )
        const stale = yield* store.update(
          site.id,
          reply.id,
          reply.version,
          { status: "deleted", visible: false, body: "", html: "", updatedAt: reply.updatedAt + 2 },
          { threadComments: -1, parentReplies: -1 },
        )
        expect(stale).toEqual(Option.none())
        const ahead = yield* store.update(
          site.id,
          reply.id,
          edited.version + 1,
          { body: "v9", updatedAt: 1 },
          Seed.noDeltas,
        )
        expect(ahead).toEqual(Option.none())
        expect(yield* store.get(site.id, reply.id)).toEqual(Option.some(edited))
        expect((yield* Seed.threadNow(site.id, thread.id)).commentCount).toBe(2)
        expect((yield* Seed.commentNow(site.id, parent.id)).replyCount).toBe(1)
      }),
    ),
    must(
      "CommentStore.update – should return None for an unknown comment",
      Effect.gen(function* () {
        const store = yield* CommentStore
        const { site } = yield* Seed.world
        const ghost = yield* Fixtures.id<CommentId>()
        expect(
          yield* store.update(site.id, ghost, 1, { body: "x", updatedAt: 1 }, Seed.noDeltas),
        ).toEqual(Option.none())
        expect(yield* store.get(site.id, ghost)).toEqual(Option.none())
      }),
    ),
    must(
      "CommentStore.update – should apply the deltas to thread.commentCount and parent.replyCount",
      Effect.gen(function* () {
        const store = yield* CommentStore
        const { site, thread, author } = yield* Seed.world
        const parent = yield* Seed.comment(thread, author.id)
        const reply = yield* Seed.reply(parent, author.id)
        const pending = yield* Seed.reply(parent, author.id, { status: "pending", visible: false })
        yield* Seed.must(
          store.update(
            site.id,
            reply.id,
            reply.version,
            {
              status: "deleted",
              visible: false,
              body: "",
              html: "",
              updatedAt: reply.updatedAt + 1,
            },
            { threadComments: -1, parentReplies: -1 },
          ),
        )
        expect((yield* Seed.threadNow(site.id, thread.id)).commentCount).toBe(1)
        expect((yield* Seed.commentNow(site.id, parent.id)).replyCount).toBe(0)
        const approved = yield* Seed.must(
          store.update(
            site.id,
            pending.id,
            pending.version,
            { status: "approved", visible: true, updatedAt: pending.updatedAt + 1 },
            { threadComments: 1, parentReplies: 1 },
          ),
        )
        expect(approved.status).toBe("approved")
        expect((yield* Seed.threadNow(site.id, thread.id)).commentCount).toBe(2)
        expect((yield* Seed.commentNow(site.id, parent.id)).replyCount).toBe(1)
      }),
    ),
    given(
      "races",
      "CommentStore.update – should let exactly one of 20 concurrent updates with the same version win",
      Effect.gen(function* () {
        const store = yield* CommentStore
        const { site, thread, author } = yield* Seed.world
        const pending = yield* Seed.comment(thread, author.id, {
          status: "pending",
          visible: false,
        })
        const results = yield* Effect.all(
          Array.from({ length: 20 }, (_, i) =>
            store.update(
              site.id,
              pending.id,
              pending.version,
              {
                status: "approved",
                visible: true,
                body: `winner ${i}`,
                updatedAt: pending.updatedAt + 1,
              },
              { threadComments: 1, parentReplies: 0 },
            ),
          ),
          { concurrency: "unbounded" },
        )
        const winners = results.filter(Option.isSome).map((o) => o.value)
        expect(winners.length).toBe(1)
        expect(yield* store.get(site.id, pending.id)).toEqual(Option.some(winners[0]))
        expect(winners[0]?.version).toBe(pending.version + 1)
        expect((yield* Seed.threadNow(site.id, thread.id)).commentCount).toBe(1)
      }),
    ),
    must(
      "CommentStore.setRanks – should write hot and best when the vote counts match",
      Effect.gen(function* () {
        const store = yield* CommentStore
        const { site, thread, author } = yield* Seed.world
        const comment = yield* Seed.comment(thread, author.id, {
          upvotes: 4,
          downvotes: 1,
          hot: 0.1,
          best: 0.1,
        })
        const wrote = yield* store.setRanks(
          site.id,
          comment.id,
          { upvotes: 4, downvotes: 1 },
          { hot: 7.5, best: 0.62 },
        )
        expect(wrote).toBe(true)
        const now = yield* Seed.commentNow(site.id, comment.id)
        expect({ hot: now.hot, best: now.best }).toEqual({ hot: 7.5, best: 0.62 })
        expect({
          upvotes: now.upvotes,
          downvotes: now.downvotes,
          score: now.score,
          body: now.body,
        }).toEqual({
          upvotes: 4,
          downvotes: 1,
          score: 3,
          body: comment.body,
        })
      }),
    ),
    must(
      "CommentStore.setRanks – should refuse when the vote counts differ and leave the ranks alone",
      Effect.gen(function* () {
        const store = yield* CommentStore
        const { site, thread, author } = yield* Seed.world
        const comment = yield* Seed.comment(thread, author.id, {
          upvotes: 4,
          downvotes: 1,
          hot: 0.1,
          best: 0.2,
        })
        expect(
          yield* store.setRanks(
            site.id,
            comment.id,
            { upvotes: 3, downvotes: 1 },
            { hot: 9, best: 0.9 },
          ),
        ).toBe(false)
        expect(
          yield* store.setRanks(
            site.id,
            comment.id,
            { upvotes: 4, downvotes: 2 },
            { hot: 9, best: 0.9 },
          ),
        ).toBe(false)
        const now = yield* Seed.commentNow(site.id, comment.id)
        expect({ hot: now.hot, best: now.best }).toEqual({ hot: 0.1, best: 0.2 })
        expect(
          yield* store.setRanks(
            site.id,
            yield* Fixtures.id<CommentId>(),
            { upvotes: 0, downvotes: 0 },
            { hot: 1, best: 1 },
          ),
        ).toBe(false)
      }),
    ),
  ],
}
