/**
 * Service-level cases: the rules core's services enforce (visibility,
 * moderation transitions, the counters services decide, pagination) checked
 * end to end on the store under test. Each case makes its own site.
 */
import { expect } from "@effect/vitest"
import { Effect, type Layer, Option } from "effect"
import { CommentStore } from "../../ports/CommentStore.js"
import { CommenterStore } from "../../ports/CommenterStore.js"
import { EventLog } from "../../ports/EventLog.js"
import { ThreadStore } from "../../ports/ThreadStore.js"
import { UsageStore } from "../../ports/UsageStore.js"
import { monthOf } from "../../domain/Usage.js"
import type { CommentId } from "../../Ids.js"
import * as Actor from "../../services/Actor.js"
import * as CommenterAuth from "../../services/CommenterAuth.js"
import * as Comments from "../../services/Comments.js"
import * as Listing from "../../services/Listing.js"
import * as Moderation from "../../services/Moderation.js"
import * as Ranking from "../../services/Ranking.js"
import * as Votes from "../../services/Votes.js"
import { type Case, given, type Group, must, type Services } from "./case.js"
import { actor, coreServices, site } from "./core.js"

type Core = Layer.Layer.Success<typeof coreServices>

/** A case that runs core's services over the store under test. */
const withCore = (name: string, test: Effect.Effect<void, unknown, Services | Core>): Case =>
  must(name, Effect.provide(test, coreServices))

const ids = (page: Listing.Page) => page.comments.map((c) => c.id)

export const services: Group = {
  name: "Services",
  cases: [
    withCore(
      "Comments.create – should publish, count and list a comment",
      Effect.gen(function* () {
        const s = yield* site()
        const alice = yield* actor(s.id, "Alice")
        const view = yield* Comments.create(alice, { threadKey: "/a", body: "Hello *there*" })
        const page = yield* Listing.thread(Actor.anonymous(s.id), "/a")
        expect(ids(page), "listed").toEqual([view.id])
        expect(page.thread?.commentCount, "thread count").toEqual(1)
        expect(page.comments[0]?.html, "rendered").toEqual("<p>Hello <em>there</em></p>")
      }),
    ),
    withCore(
      "Visibility – should show a pending comment to its author and moderators only",
      Effect.gen(function* () {
        const s = yield* site({ moderation: "pre" })
        const alice = yield* actor(s.id, "Alice")
        const bob = yield* actor(s.id, "Bob")
        const mod = yield* actor(s.id, "Mod", "moderator")
        const view = yield* Comments.create(alice, { threadKey: "/p", body: "pending" })
        expect(ids(yield* Listing.thread(bob, "/p")), "hidden from others").toEqual([])
        expect(ids(yield* Listing.thread(alice, "/p")), "shown to author").toEqual([view.id])
        expect(ids(yield* Listing.thread(mod, "/p")), "shown to moderators").toEqual([view.id])
        expect((yield* Listing.thread(bob, "/p")).thread?.commentCount, "not counted").toEqual(0)
        yield* Moderation.approve(mod, view.id)
        expect(ids(yield* Listing.thread(bob, "/p")), "approved is public").toEqual([view.id])
        expect(
          (yield* Listing.thread(bob, "/p")).thread?.commentCount,
          "counted once approved",
        ).toEqual(1)
      }),
    ),
    withCore(
      "Visibility – should show a shadow-banned commenter's comments to them alone",
      Effect.gen(function* () {
        const s = yield* site()
        const troll = yield* actor(s.id, "Troll")
        const bob = yield* actor(s.id, "Bob")
        const mod = yield* actor(s.id, "Mod", "moderator")
        yield* Moderation.ban(mod, troll.commenterId, { kind: "shadow" })
        const view = yield* Comments.create(troll, { threadKey: "/p", body: "hello?" })
        expect(ids(yield* Listing.thread(troll, "/p")), "author sees it").toEqual([view.id])
        expect(ids(yield* Listing.thread(bob, "/p")), "others do not").toEqual([])
        expect(
          ids(yield* Listing.thread(Actor.anonymous(s.id), "/p")),
          "anonymous does not",
        ).toEqual([])
        const missing = yield* Effect.flip(Comments.get(bob, view.id))
        expect(missing._tag, "direct read hidden").toEqual("NotFound")
      }),
    ),
    withCore(
      "Comments.remove – should keep a tombstone with replies and drop it without",
      Effect.gen(function* () {
        const s = yield* site()
        const alice = yield* actor(s.id, "Alice")
        const bob = yield* actor(s.id, "Bob")
        const root = yield* Comments.create(alice, { threadKey: "/t", body: "root" })
        const reply = yield* Comments.create(bob, {
          threadKey: "/t",
          body: "reply",
          parentId: root.id,
        })
        const lone = yield* Comments.create(alice, { threadKey: "/t", body: "lone" })
        yield* Comments.remove(alice, root.id)
        yield* Comments.remove(alice, lone.id)
        const page = yield* Listing.thread(Actor.anonymous(s.id), "/t", { sort: "old" })
        expect(ids(page), "tombstone only").toEqual([root.id])
        expect(page.comments[0]?.html, "no text").toEqual("")
        expect(page.comments[0]?.author, "no author").toEqual(null)
        expect(
          page.replies.map((c) => c.id),
          "reply kept",
        ).toEqual([reply.id])
        expect(page.thread?.commentCount, "only the reply counts").toEqual(1)
      }),
    ),
    withCore(
      "Comments.create – should count replies on the parent and refuse past max depth",
      Effect.gen(function* () {
        const s = yield* site({ maxDepth: 2 })
        const alice = yield* actor(s.id, "Alice")
        let parent: CommentId | null = null
        for (let depth = 0; depth <= 2; depth++)
          parent = (yield* Comments.create(alice, {
            threadKey: "/d",
            body: `d${depth}`,
            parentId: parent,
          })).id
        const tooDeep = yield* Effect.flip(
          Comments.create(alice, { threadKey: "/d", body: "x", parentId: parent }),
        )
        expect(
          tooDeep._tag === "InvalidInput" ? tooDeep.code : tooDeep._tag,
          "depth limit",
        ).toEqual("max_depth")
        const top = yield* Listing.thread(Actor.anonymous(s.id), "/d")
        expect(top.comments[0]?.replyCount, "reply count").toEqual(1)
        expect(top.thread?.commentCount, "thread count").toEqual(3)
      }),
    ),
    withCore(
      "Moderation.report – should send a comment back to the queue at the threshold",
      Effect.gen(function* () {
        const s = yield* site({ reportThreshold: 2 })
        const alice = yield* actor(s.id, "Alice")
        const mod = yield* actor(s.id, "Mod", "moderator")
        const view = yield* Comments.create(alice, { threadKey: "/r", body: "spicy" })
        for (const name of ["R1", "R1b", "R2"].slice(0, 2))
          yield* Moderation.report(yield* actor(s.id, name), view.id, "abuse")
        expect(
          ids(yield* Listing.thread(Actor.anonymous(s.id), "/r")),
          "hidden after reports",
        ).toEqual([])
        const queue = yield* Moderation.queue(mod)
        expect(
          queue.map((c) => c.id),
          "queued",
        ).toEqual([view.id])
        expect(queue[0]?.reportCount, "report count").toEqual(2)
      }),
    ),
    withCore(
      "Votes.vote – should toggle, switch and move karma through the store",
      Effect.gen(function* () {
        const s = yield* site()
        const alice = yield* actor(s.id, "Alice")
        const bob = yield* actor(s.id, "Bob")
        const view = yield* Comments.create(alice, { threadKey: "/v", body: "vote" })
        yield* Votes.vote(bob, view.id, "up")
        yield* Votes.vote(bob, view.id, "down")
        const result = yield* Votes.vote(bob, view.id, "down")
        expect([result.upvotes, result.downvotes, result.myVote], "back to nothing").toEqual([
          0,
          0,
          null,
        ])
        yield* Votes.vote(bob, view.id, "up")
        const author = Option.getOrThrow(
          yield* (yield* CommenterStore).get(s.id, alice.commenterId),
        )
        expect(author.karma, "karma").toEqual(1)
      }),
    ),
    given(
      "races",
      "Votes.vote – should stay exact with 100 concurrent voters and rank by final counts",
      Effect.provide(
        Effect.gen(function* () {
          const s = yield* site()
          const alice = yield* actor(s.id, "Alice")
          const view = yield* Comments.create(alice, { threadKey: "/c", body: "popular" })
          const voters = yield* Effect.forEach(
            Array.from({ length: 100 }, (_, i) => i),
            (i) => actor(s.id, `V${i}`),
            {
              concurrency: 10,
            },
          )
          yield* Effect.forEach(
            voters,
            (v, i) => Votes.vote(v, view.id, i % 5 === 0 ? "down" : "up"),
            {
              concurrency: "unbounded",
            },
          )
          const stored = Option.getOrThrow(yield* (yield* CommentStore).get(s.id, view.id))
          expect([stored.upvotes, stored.downvotes, stored.score], "counts").toEqual([80, 20, 60])
          expect(stored.best, "best rank matches the final counts").toEqual(Ranking.best(80, 20))
          expect(stored.hot, "hot rank matches the final counts").toEqual(
            Ranking.hot(80, 20, stored.createdAt),
          )
        }),
        coreServices,
      ),
    ),
    withCore(
      "Listing.thread – should page every sort without repeats while comments arrive",
      Effect.gen(function* () {
        const s = yield* site()
        const alice = yield* actor(s.id, "Alice")
        const voters = yield* Effect.forEach([1, 2, 3], (i) => actor(s.id, `V${i}`))
        const original: Array<CommentId> = []
        for (let i = 0; i < 23; i++) {
          const view = yield* Comments.create(alice, { threadKey: "/page", body: `c${i}` })
          original.push(view.id)
          for (const v of voters.slice(0, i % 4)) yield* Votes.vote(v, view.id, "up")
        }
        for (const sort of ["new", "old", "top", "hot", "best"] as const) {
          const seen: Array<CommentId> = []
          let cursor: string | null = null
          do {
            const page: Listing.Page = yield* Listing.thread(Actor.anonymous(s.id), "/page", {
              sort,
              cursor,
              limit: 5,
            })
            seen.push(...page.comments.map((c) => c.id))
            cursor = page.nextCursor
            yield* Comments.create(alice, { threadKey: "/page", body: `late ${sort}` })
          } while (cursor !== null)
          const fromOriginal = seen.filter((id) => original.includes(id))
          expect(new Set(seen).size, `${sort}: no repeats`).toEqual(seen.length)
          expect(fromOriginal.length, `${sort}: every original comment once`).toEqual(
            original.length,
          )
        }
      }),
    ),
    withCore(
      "Tenant isolation – should hide one site's comments from another site's actors",
      Effect.gen(function* () {
        const a = yield* site()
        const b = yield* site()
        const alice = yield* actor(a.id, "Alice")
        const view = yield* Comments.create(alice, { threadKey: "/shared-key", body: "only on A" })
        const owner = Actor.secretKey(b.id)
        expect((yield* Effect.flip(Comments.get(owner, view.id)))._tag, "get").toEqual("NotFound")
        expect((yield* Effect.flip(Moderation.approve(owner, view.id)))._tag, "moderate").toEqual(
          "NotFound",
        )
        const bob = yield* actor(b.id, "Bob")
        expect((yield* Effect.flip(Votes.vote(bob, view.id, "up")))._tag, "vote").toEqual(
          "NotFound",
        )
        expect(ids(yield* Listing.thread(owner, "/shared-key")), "list").toEqual([])
        expect((yield* Moderation.queue(owner, { kind: "pending" })).length, "queue").toEqual(0)
      }),
    ),
    withCore(
      "Comments.create – should trust a commenter after a first approval in first mode",
      Effect.gen(function* () {
        const s = yield* site({ moderation: "first" })
        const alice = yield* actor(s.id, "Alice")
        const mod = yield* actor(s.id, "Mod", "moderator")
        const first = yield* Comments.create(alice, { threadKey: "/f", body: "first" })
        expect(first.status, "first waits").toEqual("pending")
        yield* Moderation.approve(mod, first.id)
        expect(
          (yield* Comments.create(alice, { threadKey: "/f", body: "second" })).status,
          "trusted",
        ).toEqual("approved")
      }),
    ),
    withCore(
      "Events – should number a thread's changes 1, 2, 3 through the services",
      Effect.gen(function* () {
        const s = yield* site()
        const alice = yield* actor(s.id, "Alice")
        const bob = yield* actor(s.id, "Bob")
        const view = yield* Comments.create(alice, { threadKey: "/e", body: "x" })
        yield* Votes.vote(bob, view.id, "up")
        yield* Comments.edit(alice, view.id, "y")
        const thread = Option.getOrThrow(yield* (yield* ThreadStore).getByKey(s.id, "/e"))
        const events = yield* (yield* EventLog).since(s.id, thread.id, 0, 10)
        expect(
          events.map((e) => [e.seq, e.type]),
          "events",
        ).toEqual([
          [1, "comment.created"],
          [2, "vote.changed"],
          [3, "comment.edited"],
        ])
      }),
    ),
    withCore(
      "Metering – should count comments and active commenters once per month",
      Effect.gen(function* () {
        const s = yield* site()
        const alice = yield* actor(s.id, "Alice")
        const first = yield* Comments.create(alice, { threadKey: "/m", body: "1" })
        yield* Comments.create(alice, { threadKey: "/m", body: "2" })
        yield* Listing.thread(Actor.anonymous(s.id), "/m")
        const usage = yield* (yield* UsageStore).get(s.id, monthOf(first.createdAt))
        expect([usage.comments, usage.activeCommenters, usage.threadLoads], "usage").toEqual([
          2, 1, 1,
        ])
      }),
    ),
    withCore(
      "CommenterAuth.refresh – should rotate and revoke the family on reuse",
      Effect.gen(function* () {
        const s = yield* site()
        const first = yield* CommenterAuth.guest(s.id, { displayName: "Gus" })
        const second = yield* CommenterAuth.refresh(s.id, first.refreshToken)
        const reused = yield* Effect.flip(CommenterAuth.refresh(s.id, first.refreshToken))
        expect(reused._tag === "Unauthorized" ? reused.code : reused._tag, "reuse").toEqual(
          "refresh_reused",
        )
        const after = yield* Effect.flip(CommenterAuth.refresh(s.id, second.refreshToken))
        expect(after._tag, "family revoked").toBe("Unauthorized")
      }),
    ),
  ],
}
