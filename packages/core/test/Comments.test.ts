import { describe, expect, it } from "@effect/vitest"
import { Effect, Option, TestClock } from "effect"
import { ThreadStore } from "../src/ports/ThreadStore.js"
import { EventLog } from "../src/ports/EventLog.js"
import * as Actor from "../src/services/Actor.js"
import * as Comments from "../src/services/Comments.js"
import * as Listing from "../src/services/Listing.js"
import * as Moderation from "../src/services/Moderation.js"
import * as Threads from "../src/services/Threads.js"
import { commenter, site, TestKommies } from "./support/kommies.js"

const run = <A, E>(effect: Effect.Effect<A, E, never>) => effect
const withKommies = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  run(Effect.provide(effect, TestKommies()) as Effect.Effect<A, E, never>)

describe("Comments", () => {
  it.effect("create – should publish in mode none, render Markdown and count it", () =>
    withKommies(
      Effect.gen(function* () {
        const { site: s } = yield* site()
        const alice = yield* commenter(s.id, "Alice")
        const view = yield* Comments.create(alice, {
          threadKey: "/post/1",
          body: "Hello **world**",
        })
        expect(view.status).toBe("approved")
        expect(view.html).toContain("<strong>world</strong>")
        expect(view.body).toBe("Hello **world**")
        const page = yield* Listing.thread(Actor.anonymous(s.id), "/post/1")
        expect(page.comments.map((c) => c.id)).toEqual([view.id])
        expect(page.comments[0]?.body).toBeUndefined()
        expect(page.thread?.commentCount).toBe(1)
        expect(yield* Threads.counts(s.id, ["/post/1", "/nothing"])).toEqual({
          "/post/1": 1,
          "/nothing": 0,
        })
      }),
    ),
  )

  it.effect("create – should refuse empty and too long bodies", () =>
    withKommies(
      Effect.gen(function* () {
        const { site: s } = yield* site({ maxBodyLength: 20 })
        const alice = yield* commenter(s.id, "Alice")
        expect(
          (yield* Effect.flip(Comments.create(alice, { threadKey: "p", body: "  \n " }))).code,
        ).toBe("body_empty")
        expect(
          (yield* Effect.flip(Comments.create(alice, { threadKey: "p", body: "x".repeat(21) })))
            .code,
        ).toBe("body_too_long")
        expect(
          (yield* Effect.flip(
            Comments.create(Actor.anonymous(s.id), { threadKey: "p", body: "hi" }),
          ))._tag,
        ).toBe("Unauthorized")
      }),
    ),
  )

  it.effect("create – should nest replies up to the site's max depth and count them", () =>
    withKommies(
      Effect.gen(function* () {
        const { site: s } = yield* site({ maxDepth: 1 })
        const alice = yield* commenter(s.id, "Alice")
        const bob = yield* commenter(s.id, "Bob")
        const root = yield* Comments.create(alice, { threadKey: "p", body: "root" })
        const reply = yield* Comments.create(bob, {
          threadKey: "p",
          body: "reply",
          parentId: root.id,
        })
        expect(reply.depth).toBe(1)
        const tooDeep = yield* Effect.flip(
          Comments.create(alice, { threadKey: "p", body: "x", parentId: reply.id }),
        )
        expect(tooDeep.code).toBe("max_depth")
        const elsewhere = yield* Effect.flip(
          Comments.create(alice, { threadKey: "other", body: "x", parentId: root.id }),
        )
        expect(elsewhere.code).toBe("parent_invalid")
        const page = yield* Listing.thread(Actor.anonymous(s.id), "p")
        expect(page.comments[0]?.replyCount).toBe(1)
        expect(page.replies.map((c) => c.id)).toEqual([reply.id])
        expect(page.thread?.commentCount).toBe(2)
        const replies = yield* Listing.replies(Actor.anonymous(s.id), root.id)
        expect(replies.comments.map((c) => c.id)).toEqual([reply.id])
      }),
    ),
  )

  it.effect(
    "create – should hold everything in pre mode until approved, visible to its author meanwhile",
    () =>
      withKommies(
        Effect.gen(function* () {
          const { site: s } = yield* site({ moderation: "pre" })
          const alice = yield* commenter(s.id, "Alice")
          const mod = yield* commenter(s.id, "Mod", "moderator")
          const view = yield* Comments.create(alice, { threadKey: "p", body: "wait for me" })
          expect(view.status).toBe("pending")
          expect((yield* Listing.thread(Actor.anonymous(s.id), "p")).comments).toEqual([])
          expect((yield* Listing.thread(alice, "p")).comments.map((c) => c.id)).toEqual([view.id])
          expect((yield* Moderation.queue(mod)).map((c) => c.id)).toEqual([view.id])
          yield* Moderation.approve(mod, view.id)
          const page = yield* Listing.thread(Actor.anonymous(s.id), "p")
          expect(page.comments.map((c) => c.id)).toEqual([view.id])
          expect(page.thread?.commentCount).toBe(1)
          expect(yield* Moderation.queue(mod)).toEqual([])
        }),
      ),
  )

  it.effect("create – should hold only a commenter's first comment in first mode", () =>
    withKommies(
      Effect.gen(function* () {
        const { site: s } = yield* site({ moderation: "first" })
        const alice = yield* commenter(s.id, "Alice")
        const mod = yield* commenter(s.id, "Mod", "moderator")
        const first = yield* Comments.create(alice, { threadKey: "p", body: "first" })
        expect(first.status).toBe("pending")
        yield* Moderation.approve(mod, first.id)
        const second = yield* Comments.create(alice, { threadKey: "p", body: "second" })
        expect(second.status).toBe("approved")
        expect((yield* Comments.create(mod, { threadKey: "p", body: "staff" })).status).toBe(
          "approved",
        )
      }),
    ),
  )

  it.effect("create – should apply honeypot, word filter and link limit", () =>
    withKommies(
      Effect.gen(function* () {
        const { site: s } = yield* site({
          wordFilter: ["casino"],
          linkLimit: 1,
          minSubmitMillis: 1000,
        })
        const alice = yield* commenter(s.id, "Alice")
        const spam = yield* Comments.create(alice, {
          threadKey: "p",
          body: "hi",
          honeypot: "http://x",
        })
        expect(spam.status).toBe("spam")
        expect(
          (yield* Comments.create(alice, { threadKey: "p", body: "hi", elapsedMs: 100 })).status,
        ).toBe("spam")
        expect(
          (yield* Comments.create(alice, { threadKey: "p", body: "Casino time" })).status,
        ).toBe("pending")
        const links = "see https://a.example and https://b.example"
        expect((yield* Comments.create(alice, { threadKey: "p", body: links })).status).toBe(
          "pending",
        )
        expect(
          (yield* Comments.create(alice, { threadKey: "p", body: "fine", elapsedMs: 5000 })).status,
        ).toBe("approved")
      }),
    ),
  )

  it.effect("create – should keep a locked thread read-only except for moderators", () =>
    withKommies(
      Effect.gen(function* () {
        const { site: s } = yield* site()
        const alice = yield* commenter(s.id, "Alice")
        const mod = yield* commenter(s.id, "Mod", "moderator")
        yield* Threads.setLocked(mod, "p", true)
        expect(
          (yield* Effect.flip(Comments.create(alice, { threadKey: "p", body: "hi" }))).code,
        ).toBe("thread_locked")
        yield* Comments.create(mod, { threadKey: "p", body: "closing note" })
        expect((yield* Effect.flip(Threads.setLocked(alice, "p", false)))._tag).toBe("Forbidden")
      }),
    ),
  )

  it.effect("edit – should allow the author within the window only", () =>
    withKommies(
      Effect.gen(function* () {
        const { site: s } = yield* site({ editWindowSeconds: 900 })
        const alice = yield* commenter(s.id, "Alice")
        const bob = yield* commenter(s.id, "Bob")
        const view = yield* Comments.create(alice, { threadKey: "p", body: "tyop" })
        yield* TestClock.adjust("10 minutes")
        const edited = yield* Comments.edit(alice, view.id, "typo")
        expect(edited.html).toBe("<p>typo</p>")
        expect(edited.editedAt).toBe(10 * 60_000)
        expect((yield* Effect.flip(Comments.edit(bob, view.id, "mine now")))._tag).toBe("Forbidden")
        yield* TestClock.adjust("6 minutes")
        expect((yield* Effect.flip(Comments.edit(alice, view.id, "late"))).code).toBe(
          "edit_window_closed",
        )
      }),
    ),
  )

  it.effect("remove – should leave a tombstone when there are replies and nothing otherwise", () =>
    withKommies(
      Effect.gen(function* () {
        const { site: s } = yield* site()
        const alice = yield* commenter(s.id, "Alice")
        const bob = yield* commenter(s.id, "Bob")
        const root = yield* Comments.create(alice, { threadKey: "p", body: "root" })
        const reply = yield* Comments.create(bob, {
          threadKey: "p",
          body: "reply",
          parentId: root.id,
        })
        const lonely = yield* Comments.create(alice, { threadKey: "p", body: "lonely" })
        expect((yield* Effect.flip(Comments.remove(bob, root.id)))._tag).toBe("Forbidden")
        yield* Comments.remove(alice, root.id)
        yield* Comments.remove(alice, lonely.id)
        const page = yield* Listing.thread(Actor.anonymous(s.id), "p", { sort: "old" })
        expect(page.comments.map((c) => c.id)).toEqual([root.id])
        expect(page.comments[0]).toMatchObject({
          status: "deleted",
          html: "",
          author: null,
          replyCount: 1,
        })
        expect(page.replies.map((c) => c.id)).toEqual([reply.id])
        expect(page.thread?.commentCount).toBe(1)
        expect((yield* Effect.flip(Comments.get(Actor.anonymous(s.id), lonely.id)))._tag).toBe(
          "NotFound",
        )
      }),
    ),
  )

  it.effect("list – should page every sort with cursors, no repeats, and refuse a bad cursor", () =>
    withKommies(
      Effect.gen(function* () {
        const { site: s } = yield* site()
        const alice = yield* commenter(s.id, "Alice")
        const ids: Array<string> = []
        for (let i = 0; i < 25; i++) {
          yield* TestClock.adjust("1 second")
          ids.push((yield* Comments.create(alice, { threadKey: "p", body: `c${i}` })).id)
        }
        for (const sort of ["new", "old", "top", "hot", "best"] as const) {
          const seen: Array<string> = []
          let cursor: string | null = null
          do {
            const page: Listing.Page = yield* Listing.thread(Actor.anonymous(s.id), "p", {
              sort,
              cursor,
              limit: 10,
            })
            seen.push(...page.comments.map((c) => c.id))
            cursor = page.nextCursor
          } while (cursor !== null)
          expect(seen.length).toBe(25)
          expect(new Set(seen).size).toBe(25)
          if (sort === "old") expect(seen).toEqual(ids)
          if (sort === "new") expect(seen).toEqual([...ids].reverse())
        }
        const bad = yield* Effect.flip(
          Listing.thread(Actor.anonymous(s.id), "p", { cursor: "garbage" }),
        )
        expect(bad._tag).toBe("InvalidInput")
      }),
    ),
  )

  it.effect("create – should emit numbered events and create the thread once", () =>
    withKommies(
      Effect.gen(function* () {
        const { site: s } = yield* site()
        const alice = yield* commenter(s.id, "Alice")
        yield* Effect.all(
          Array.from({ length: 10 }, (_, i) =>
            Comments.create(alice, { threadKey: "https://x.example/a/", body: `${i}` }),
          ),
          { concurrency: "unbounded" },
        )
        const thread = Option.getOrThrow(
          yield* (yield* ThreadStore).getByKey(s.id, "https://x.example/a"),
        )
        expect(thread.commentCount).toBe(10)
        const events = yield* (yield* EventLog).since(s.id, thread.id, 0, 100)
        expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
        expect(events.every((e) => e.type === "comment.created")).toBe(true)
      }),
    ),
  )

  it.effect("get – should never show one site's comment to another site", () =>
    withKommies(
      Effect.gen(function* () {
        const { site: a } = yield* site()
        const { site: b } = yield* site()
        const alice = yield* commenter(a.id, "Alice")
        const view = yield* Comments.create(alice, { threadKey: "p", body: "secret" })
        const bobOnB = yield* commenter(b.id, "Bob", "owner")
        expect((yield* Effect.flip(Comments.get(bobOnB, view.id)))._tag).toBe("NotFound")
        expect((yield* Effect.flip(Comments.remove(bobOnB, view.id)))._tag).toBe("NotFound")
        expect((yield* Listing.thread(bobOnB, "p")).comments).toEqual([])
      }),
    ),
  )
})
