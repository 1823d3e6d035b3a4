/**
 * Export and import cases: the paged store listings an export walks
 * (threads, commenters, votes of a comment), then a whole site exported and
 * imported into a fresh one through core's services, twice, and bad documents.
 */
import { expect } from "@effect/vitest"
import { Effect, Either, type Layer } from "effect"
import type { SiteExport } from "../../domain/Export.js"
import type { CommentId, SiteId } from "../../Ids.js"
import { CommenterStore } from "../../ports/CommenterStore.js"
import type { Page } from "../../ports/Page.js"
import { SiteStore } from "../../ports/SiteStore.js"
import { ThreadStore } from "../../ports/ThreadStore.js"
import { VoteStore } from "../../ports/VoteStore.js"
import * as Actor from "../../services/Actor.js"
import * as CommenterAuth from "../../services/CommenterAuth.js"
import * as Comments from "../../services/Comments.js"
import * as Moderation from "../../services/Moderation.js"
import * as Portability from "../../services/Portability.js"
import * as Votes from "../../services/Votes.js"
import { type Case, type Group, must, type Services } from "./case.js"
import { actor, coreServices, site } from "./core.js"
import * as Seed from "./seed.js"

/** The distinct ids of every item of a paged listing, sorted. */
const walk = <A extends { readonly id: string }>(
  read: (cursor: string | null) => Effect.Effect<Page<A>, unknown, Services>,
) =>
  Effect.gen(function* () {
    const out = new Set<string>()
    let cursor: string | null = null
    for (let call = 0; call < 1_000; call++) {
      const page: Page<A> = yield* read(cursor)
      for (const item of page.items) out.add(item.id)
      if (page.cursor === null) return [...out].sort()
      cursor = page.cursor
    }
    return yield* Effect.dieMessage("the listing never ended")
  })

type Core = Layer.Layer.Success<typeof coreServices>

const withCore = (name: string, test: Effect.Effect<void, unknown, Services | Core>): Case =>
  must(name, Effect.provide(test, coreServices))

/** A site with a nested thread, votes, a pending, a rejected and a deleted comment, and a ban. */
const seedSite = Effect.gen(function* () {
  const s = yield* site({ moderation: "first" })
  const mod = yield* actor(s.id, "Mia Moderator", "moderator")
  const alice = yield* actor(s.id, "Alice")
  const bob = yield* actor(s.id, "Bob")
  const eve = yield* actor(s.id, "Eve")
  const pw = yield* CommenterAuth.register(s.id, {
    email: `carol-${s.id}@kommies.test`,
    password: "correct horse battery staple",
    displayName: "Carol",
  }).pipe(Effect.either)
  const root = yield* Comments.create(mod, { threadKey: "/post/1", body: "Root *post*" })
  // Alice's and Bob's first comments wait ("first" moderation) until approved.
  const a1 = yield* Comments.create(alice, {
    threadKey: "/post/1",
    body: "A reply",
    parentId: root.id,
  })
  yield* Moderation.approve(mod, a1.id)
  const b1 = yield* Comments.create(bob, {
    threadKey: "/post/1",
    body: "Nested reply",
    parentId: a1.id,
  })
  yield* Moderation.approve(mod, b1.id)
  const a2 = yield* Comments.create(alice, {
    threadKey: "/post/1",
    body: "Deeper still",
    parentId: b1.id,
  })
  const gone = yield* Comments.create(bob, { threadKey: "/post/2", body: "soon deleted" })
  yield* Comments.remove(bob, gone.id)
  const pending = yield* Comments.create(eve, { threadKey: "/post/2", body: "waiting for review" })
  yield* Votes.vote(alice, root.id, "up")
  yield* Votes.vote(bob, root.id, "up")
  yield* Votes.vote(bob, a2.id, "down")
  yield* Moderation.ban(mod, eve.commenterId, { reason: "trolling" })
  return { site: s, mod, pending, root, a2, pw }
})

/** A site's export without ids and times of its own: what must survive an import. */
const shape = (doc: SiteExport) => {
  const commenterName = new Map(doc.commenters.map((c) => [c.id, c.displayName]))
  const threadKey = new Map(doc.threads.map((t) => [t.id, t.key]))
  const byId = new Map(doc.comments.map((c) => [c.id, c]))
  const label = (id: string | null) => (id === null ? null : (byId.get(id)?.body ?? "?"))
  return {
    commenters: doc.commenters
      .map((c) => `${c.displayName}|${c.role}|${c.origin}|${c.karma}`)
      .sort(),
    threads: doc.threads.map((t) => `${t.key}|${t.commentCount}|${t.locked}`).sort(),
    comments: doc.comments
      .map((c) =>
        [
          threadKey.get(c.threadId),
          commenterName.get(c.authorId),
          c.body,
          label(c.parentId),
          c.depth,
          c.status,
          c.visible,
          c.upvotes,
          c.downvotes,
          c.score,
          c.replyCount,
          c.createdAt,
          c.editedAt,
        ].join("|"),
      )
      .sort(),
    votes: (doc.votes ?? [])
      .map((v) => `${label(v.commentId)}|${commenterName.get(v.voterId)}|${v.direction}`)
      .sort(),
    bans: doc.bans.map((b) => `${commenterName.get(b.commenterId)}|${b.kind}|${b.reason}`).sort(),
  }
}

const owner = (siteId: SiteId) => Actor.secretKey(siteId)

export const portability: Group = {
  name: "Portability",
  cases: [
    must(
      "ThreadStore.listBySite – should list every thread of the site once, page by page",
      Effect.gen(function* () {
        const s = yield* Seed.site()
        const other = yield* Seed.site()
        const threads = yield* Seed.times(7, (i) => Seed.thread(s.id, { key: `/t/${i}` }))
        yield* Seed.thread(other.id)
        const store = yield* ThreadStore
        expect(yield* walk((c) => store.listBySite(s.id, c, 3))).toEqual(Seed.idSet(threads))
      }),
    ),
    must(
      "CommenterStore.listBySite – should list every commenter of the site once, page by page",
      Effect.gen(function* () {
        const s = yield* Seed.site()
        const other = yield* Seed.site()
        const people = yield* Seed.times(6, () => Seed.commenter(s.id))
        yield* Seed.commenter(other.id)
        const store = yield* CommenterStore
        expect(yield* walk((c) => store.listBySite(s.id, c, 4))).toEqual(Seed.idSet(people))
        const empty = yield* store.listBySite((yield* Seed.site()).id, null, 10)
        expect(empty).toEqual({ items: [], cursor: null })
      }),
    ),
    must(
      "VoteStore.listByComment – should list the votes of one comment",
      Effect.gen(function* () {
        const { thread, author } = yield* Seed.world
        const voter = yield* Seed.commenter(thread.siteId)
        const c = yield* Seed.comment(thread, author.id)
        const other = yield* Seed.comment(thread, author.id)
        const store = yield* VoteStore
        const swap = (commentId: CommentId, voterId: typeof voter.id, next: "up" | "down") =>
          store.swap({
            siteId: thread.siteId,
            commentId,
            voterId,
            authorId: author.id,
            expected: null,
            next,
            upDelta: next === "up" ? 1 : 0,
            downDelta: next === "down" ? 1 : 0,
            karmaDelta: 0,
            at: 1_000,
          })
        yield* swap(c.id, voter.id, "up")
        yield* swap(c.id, author.id, "down")
        yield* swap(other.id, voter.id, "down")
        const votes = yield* store.listByComment(thread.siteId, c.id)
        expect(votes.map((v) => `${v.voterId}:${v.direction}`).sort()).toEqual(
          [`${voter.id}:up`, `${author.id}:down`].sort(),
        )
        for (const v of votes) expect([1_000, null]).toContain(v.at)
        expect(
          yield* store.listByComment(thread.siteId, (yield* Seed.comment(thread, author.id)).id),
        ).toEqual([])
      }),
    ),
    withCore(
      "Portability – should export a site and import it into a fresh site whole",
      Effect.gen(function* () {
        const seeded = yield* seedSite
        const doc = yield* Portability.exportSite(owner(seeded.site.id))
        expect(doc.format).toEqual("kommies-export")
        expect(doc.comments.length).toEqual(6)
        expect(doc.comments.some((c) => c.status === "pending")).toBe(true)
        expect(doc.comments.some((c) => c.status === "deleted")).toBe(true)
        expect(doc.votes?.length).toEqual(3)
        expect(doc.bans.length).toEqual(1)
        const target = yield* site()
        // Through JSON, as a file would carry it.
        const written = yield* Portability.importSite(
          owner(target.id),
          JSON.parse(JSON.stringify(doc)),
        )
        expect(written).toEqual({ commenters: doc.commenters.length, threads: 2, comments: 6 })
        const copy = yield* Portability.exportSite(owner(target.id))
        expect(shape(copy)).toEqual(shape(doc))
        const root = copy.comments.find((c) => c.body === "Root *post*")
        expect(root?.replyCount, "reply count").toEqual(1)
        expect(copy.threads.find((t) => t.key === "/post/1")?.commentCount, "thread count").toEqual(
          4,
        )
        expect(
          copy.threads.find((t) => t.key === "/post/2")?.commentCount,
          "hidden not counted",
        ).toEqual(0)
      }),
    ),
    withCore(
      "Portability.importSite – should write nothing more when run twice",
      Effect.gen(function* () {
        const seeded = yield* seedSite
        const doc = yield* Portability.exportSite(owner(seeded.site.id))
        const target = yield* site()
        yield* Portability.importSite(owner(target.id), doc)
        const once = yield* Portability.exportSite(owner(target.id))
        const again = yield* Portability.importSite(owner(target.id), doc)
        expect(again).toEqual({ commenters: 0, threads: 0, comments: 0 })
        const twice = yield* Portability.exportSite(owner(target.id))
        expect(shape(twice)).toEqual(shape(once))
        expect(twice.comments.map((c) => c.id)).toEqual(once.comments.map((c) => c.id))
      }),
    ),
    withCore(
      "Portability.exportSite – should hold no secret and need data.export",
      Effect.gen(function* () {
        const seeded = yield* seedSite
        const doc = yield* Portability.exportSite(owner(seeded.site.id))
        const text = JSON.stringify(doc)
        const stored = yield* (yield* SiteStore).get(seeded.site.id)
        expect(stored._tag).toEqual("Some")
        if (stored._tag === "Some") expect(text).not.toContain(stored.value.secretKeyHash)
        expect(text).not.toContain("passwordHash")
        expect(text).not.toContain("scrypt")
        if (Either.isRight(seeded.pw)) {
          expect(doc.commenters.some((c) => c.displayName === "Carol")).toBe(true)
        }
        const denied = yield* Effect.either(Portability.exportSite(seeded.mod))
        expect(Either.isLeft(denied) && denied.left._tag).toEqual("Forbidden")
      }),
    ),
    withCore(
      "Portability.importSite – should reject a malformed document, naming the path, writing nothing",
      Effect.gen(function* () {
        const seeded = yield* seedSite
        const doc = yield* Portability.exportSite(owner(seeded.site.id))
        const target = yield* site()
        const attempt = (bad: unknown) =>
          Effect.flip(Portability.importSite(owner(target.id), bad)).pipe(
            Effect.map((e) => (e._tag === "InvalidInput" ? `${e.code} ${e.message}` : e._tag)),
          )
        expect(yield* attempt("nope")).toMatch(/^import_invalid /)
        expect(yield* attempt({ ...doc, version: 2 })).toMatch(/^import_invalid version/)
        const badStatus = doc.comments.map((c, i) => (i === 1 ? { ...c, status: "hidden" } : c))
        expect(yield* attempt({ ...doc, comments: badStatus })).toMatch(
          /^import_invalid comments\.1\.status/,
        )
        const orphan = doc.comments.map((c, i) => (i === 2 ? { ...c, parentId: "missing" } : c))
        expect(yield* attempt({ ...doc, comments: orphan })).toMatch(
          /^import_invalid comments\.2\.parentId/,
        )
        const nobody = (doc.votes ?? []).map((v) => ({ ...v, voterId: "nobody" }))
        expect(yield* attempt({ ...doc, votes: nobody })).toMatch(
          /^import_invalid votes\.0\.voterId/,
        )
        const after = yield* Portability.exportSite(owner(target.id))
        expect(after.comments).toEqual([])
        expect(after.threads).toEqual([])
        const denied = yield* Effect.either(Portability.importSite(seeded.mod, doc))
        expect(Either.isLeft(denied) && denied.left._tag).toEqual("Forbidden")
      }),
    ),
  ],
}
