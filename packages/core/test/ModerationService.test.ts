import { describe, expect, it } from "@effect/vitest"
import { Effect, TestClock } from "effect"
import { NotificationStore } from "../src/ports/NotificationStore.js"
import * as Actor from "../src/services/Actor.js"
import * as Audit from "../src/services/Audit.js"
import * as Commenters from "../src/services/Commenters.js"
import * as Comments from "../src/services/Comments.js"
import * as Listing from "../src/services/Listing.js"
import * as Moderation from "../src/services/Moderation.js"
import * as Notifications from "../src/services/Notifications.js"
import { commenter, site, TestKommies } from "./support/kommies.js"

const withKommies = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.provide(effect, TestKommies()) as Effect.Effect<A, E, never>

describe("Moderation", () => {
  it.effect("report – should count each reader once and queue at the threshold", () =>
    withKommies(
      Effect.gen(function* () {
        const { site: s } = yield* site({ reportThreshold: 2 })
        const alice = yield* commenter(s.id, "Alice")
        const bob = yield* commenter(s.id, "Bob")
        const carol = yield* commenter(s.id, "Carol")
        const mod = yield* commenter(s.id, "Mod", "moderator")
        const view = yield* Comments.create(alice, { threadKey: "p", body: "hot take" })
        expect(yield* Moderation.report(bob, view.id, "abuse")).toEqual({
          reports: 1,
          queued: false,
        })
        expect(yield* Moderation.report(bob, view.id, "abuse")).toEqual({
          reports: 1,
          queued: false,
        })
        expect((yield* Effect.flip(Moderation.report(alice, view.id, "spam"))).code).toBe(
          "report_own",
        )
        expect(yield* Moderation.report(carol, view.id, "spam")).toEqual({
          reports: 2,
          queued: true,
        })
        expect((yield* Listing.thread(Actor.anonymous(s.id), "p")).comments).toEqual([])
        const queued = yield* Moderation.queue(mod)
        expect(queued.map((c) => c.id)).toEqual([view.id])
        expect(queued[0]?.reportCount).toBe(2)
        yield* Moderation.approve(mod, view.id)
        expect(
          (yield* Listing.thread(Actor.anonymous(s.id), "p")).comments.map((c) => c.id),
        ).toEqual([view.id])
        expect((yield* Listing.thread(mod, "p")).comments[0]?.reportCount).toBe(0)
      }),
    ),
  )

  it.effect(
    "reject and spam – should hide from everyone but the author and keep counts exact",
    () =>
      withKommies(
        Effect.gen(function* () {
          const { site: s } = yield* site()
          const alice = yield* commenter(s.id, "Alice")
          const mod = yield* commenter(s.id, "Mod", "moderator")
          const a = yield* Comments.create(alice, { threadKey: "p", body: "a" })
          const b = yield* Comments.create(alice, { threadKey: "p", body: "b" })
          yield* Moderation.reject(mod, a.id)
          yield* Moderation.markSpam(mod, b.id)
          const page = yield* Listing.thread(Actor.anonymous(s.id), "p")
          expect(page.comments).toEqual([])
          expect(page.thread?.commentCount).toBe(0)
          expect((yield* Listing.thread(alice, "p")).comments.map((c) => c.status).sort()).toEqual([
            "rejected",
            "spam",
          ])
          expect((yield* Moderation.queue(mod, { kind: "spam" })).map((c) => c.id)).toEqual([b.id])
          expect((yield* Effect.flip(Moderation.approve(alice, a.id)))._tag).toBe("Forbidden")
        }),
      ),
  )

  it.effect("ban – should stop a normal-banned commenter until the ban expires", () =>
    withKommies(
      Effect.gen(function* () {
        const { site: s } = yield* site()
        const alice = yield* commenter(s.id, "Alice")
        const mod = yield* commenter(s.id, "Mod", "moderator")
        if (alice._tag !== "commenter") throw new Error("commenter expected")
        yield* Moderation.ban(mod, alice.commenterId, {
          durationSeconds: 3600,
          reason: "cool down",
        })
        expect(
          (yield* Effect.flip(Comments.create(alice, { threadKey: "p", body: "hi" }))).code,
        ).toBe("banned")
        expect((yield* Moderation.bans(mod)).length).toBe(1)
        yield* TestClock.adjust("61 minutes")
        expect((yield* Comments.create(alice, { threadKey: "p", body: "back" })).status).toBe(
          "approved",
        )
        expect(yield* Moderation.bans(mod)).toEqual([])
      }),
    ),
  )

  it.effect("ban – should let a shadow-banned commenter see their comments and nobody else", () =>
    withKommies(
      Effect.gen(function* () {
        const { site: s } = yield* site()
        const alice = yield* commenter(s.id, "Alice")
        const bob = yield* commenter(s.id, "Bob")
        const mod = yield* commenter(s.id, "Mod", "moderator")
        if (alice._tag !== "commenter") throw new Error("commenter expected")
        yield* Moderation.ban(mod, alice.commenterId, { kind: "shadow" })
        const view = yield* Comments.create(alice, { threadKey: "p", body: "am I heard?" })
        expect(view.status).toBe("approved")
        expect((yield* Listing.thread(alice, "p")).comments.map((c) => c.id)).toEqual([view.id])
        expect((yield* Listing.thread(bob, "p")).comments).toEqual([])
        expect((yield* Listing.thread(Actor.anonymous(s.id), "p")).thread?.commentCount).toBe(0)
        expect((yield* Effect.flip(Comments.get(bob, view.id)))._tag).toBe("NotFound")
        expect((yield* Listing.thread(mod, "p")).comments[0]?.shadowed).toBe(true)
        yield* Moderation.unban(mod, alice.commenterId)
        yield* Moderation.approve(mod, view.id)
        expect((yield* Listing.thread(bob, "p")).comments.map((c) => c.id)).toEqual([view.id])
      }),
    ),
  )

  it.effect("ban – should refuse banning someone of equal or higher rank", () =>
    withKommies(
      Effect.gen(function* () {
        const { site: s } = yield* site()
        const mod = yield* commenter(s.id, "Mod", "moderator")
        const admin = yield* commenter(s.id, "Admin", "admin")
        const other = yield* commenter(s.id, "Other mod", "moderator")
        if (admin._tag !== "commenter" || other._tag !== "commenter")
          throw new Error("commenter expected")
        expect((yield* Effect.flip(Moderation.ban(mod, admin.commenterId))).code).toBe(
          "ban_forbidden",
        )
        expect((yield* Effect.flip(Moderation.ban(mod, other.commenterId))).code).toBe(
          "ban_forbidden",
        )
        yield* Moderation.ban(admin, other.commenterId)
      }),
    ),
  )

  it.effect("audit – should record every act with its actor", () =>
    withKommies(
      Effect.gen(function* () {
        const { site: s } = yield* site()
        const alice = yield* commenter(s.id, "Alice")
        const mod = yield* commenter(s.id, "Mod", "moderator")
        if (alice._tag !== "commenter" || mod._tag !== "commenter")
          throw new Error("commenter expected")
        const view = yield* Comments.create(alice, { threadKey: "p", body: "x" })
        yield* Moderation.reject(mod, view.id)
        yield* Moderation.ban(mod, alice.commenterId, { kind: "shadow" })
        yield* Moderation.unban(mod, alice.commenterId)
        const entries = yield* Audit.list(Actor.secretKey(s.id))
        expect(entries.map((e) => e.action)).toEqual([
          "commenter.unban",
          "commenter.ban",
          "comment.reject",
        ])
        expect(entries.every((e) => e.actor === `commenter:${mod.commenterId}`)).toBe(true)
        expect((yield* Effect.flip(Audit.list(mod)))._tag).toBe("Forbidden")
      }),
    ),
  )

  it.effect("setRole – should follow rank rules", () =>
    withKommies(
      Effect.gen(function* () {
        const { site: s } = yield* site()
        const alice = yield* commenter(s.id, "Alice")
        const admin = yield* commenter(s.id, "Admin", "admin")
        if (alice._tag !== "commenter" || admin._tag !== "commenter")
          throw new Error("commenter expected")
        expect((yield* Commenters.setRole(admin, alice.commenterId, "moderator")).role).toBe(
          "moderator",
        )
        expect(
          (yield* Effect.flip(Commenters.setRole(admin, alice.commenterId, "admin"))).code,
        ).toBe("role_forbidden")
        expect(
          (yield* Commenters.setRole(Actor.secretKey(s.id), alice.commenterId, "admin")).role,
        ).toBe("admin")
        expect(
          (yield* Effect.flip(Commenters.setRole(admin, alice.commenterId, "user"))).code,
        ).toBe("role_forbidden")
      }),
    ),
  )

  it.effect(
    "notifications – should tell a commenter about a reply, and email them when verified",
    () =>
      withKommies(
        Effect.gen(function* () {
          const { site: s } = yield* site()
          const alice = yield* Commenters.fromExternal(s.id, "sso", {
            externalId: "u1",
            displayName: "Alice",
            email: "alice@example.com",
          })
          const asAlice = Actor.commenter(s.id, alice.id, alice.role)
          const bob = yield* commenter(s.id, "Bob")
          const root = yield* Comments.create(asAlice, { threadKey: "p", body: "root" })
          yield* Comments.create(bob, { threadKey: "p", body: "**reply**", parentId: root.id })
          yield* Comments.create(asAlice, { threadKey: "p", body: "self reply", parentId: root.id })
          const mine = yield* Notifications.list(asAlice)
          expect(mine.unread).toBe(1)
          expect(mine.items[0]?.kind).toBe("reply")
          const due = yield* (yield* NotificationStore).dueEmails(Number.MAX_SAFE_INTEGER, 10)
          expect(due.map((e) => e.to)).toEqual(["alice@example.com"])
          expect(due[0]?.text).toContain("reply")
          expect(yield* Notifications.deliverOutbox()).toBe(1)
          yield* Notifications.markRead(asAlice, null)
          expect((yield* Notifications.list(asAlice)).unread).toBe(0)
        }),
      ),
  )
})
