/**
 * Site export and import: a site's commenters, threads, comments, votes and
 * bans as one versioned JSON document (`Export.SiteExport`), and back.
 *
 * Both are offline jobs (the CLI, a dashboard download): they page through the
 * whole site, which request paths never do.
 *
 * An import writes each record with one atomic store write, under an id derived
 * from the target site and the exported id. Re-running an import that stopped
 * midway (or running it twice) finds what is already there and writes only
 * the rest, so it finishes the job and never duplicates: counts move only
 * with the comments actually written.
 *
 * @since 0.1.0
 */
import { Clock, Effect, Option } from "effect"
import type { Ban } from "../domain/Ban.js"
import type { Comment } from "../domain/Comment.js"
import type { Commenter } from "../domain/Commenter.js"
import * as Export from "../domain/Export.js"
import { outranks } from "../domain/Role.js"
import type { Thread } from "../domain/Thread.js"
import {
  type Forbidden,
  type InvalidInput,
  NotFound,
  type StoreError,
  type Unauthorized,
} from "../Errors.js"
import type { CommenterId, CommentId, SiteId, ThreadId } from "../Ids.js"
import { checkReferences, decode, invalid, parentsFirst } from "../internal/exportDocument.js"
import { derive } from "../internal/importIds.js"
import { CommenterStore } from "../ports/CommenterStore.js"
import { CommentStore } from "../ports/CommentStore.js"
import { ModerationStore } from "../ports/ModerationStore.js"
import type { Page } from "../ports/Page.js"
import { SiteStore } from "../ports/SiteStore.js"
import { ThreadStore } from "../ports/ThreadStore.js"
import { VoteStore } from "../ports/VoteStore.js"
import type { Actor } from "./Actor.js"
import * as Audit from "./Audit.js"
import * as Markdown from "./Markdown.js"
import { authorize } from "./Permissions.js"
import * as Visibility from "./Visibility.js"

/** The stores an export or an import uses. @since 0.1.0 @category models */
export type Deps =
  | SiteStore
  | CommenterStore
  | ThreadStore
  | CommentStore
  | VoteStore
  | ModerationStore

/** What an import wrote (records found already there are not counted). @since 0.1.0 @category models */
export interface ImportResult {
  readonly commenters: number
  readonly threads: number
  readonly comments: number
}

const pageSize = 500

/** Every item of a paged store listing. */
const all = <A extends { readonly id: string }, E, R>(
  read: (cursor: string | null) => Effect.Effect<Page<A>, E, R>,
) =>
  Effect.gen(function* () {
    // A store's scan may hand an item twice: the first one is kept.
    const out = new Map<string, A>()
    let cursor: string | null = null
    do {
      const page: Page<A> = yield* read(cursor)
      for (const item of page.items) if (!out.has(item.id)) out.set(item.id, item)
      cursor = page.cursor
    } while (cursor !== null)
    return [...out.values()]
  })

const byId = (a: { readonly id: string }, b: { readonly id: string }) =>
  a.id < b.id ? -1 : a.id > b.id ? 1 : 0

/**
 * The site as an export document: commenters (never password hashes), threads,
 * comments oldest first (parents before their replies), votes and bans.
 *
 * @since 0.1.0
 * @category export
 * @example
 * import { Portability } from "@kommies/core"
 *
 * const doc = yield* Portability.exportSite(owner)
 * await writeFile("site.json", JSON.stringify(doc))
 */
export const exportSite = (
  actor: Actor,
): Effect.Effect<Export.SiteExport, Forbidden | Unauthorized | NotFound | StoreError, Deps> =>
  Effect.gen(function* () {
    yield* authorize(actor, "data.export")
    const siteId = actor.siteId
    const site = yield* (yield* SiteStore).get(siteId)
    if (Option.isNone(site)) {
      return yield* new NotFound({ code: "site_not_found", message: "No such site" })
    }
    const commenterStore = yield* CommenterStore
    const threadStore = yield* ThreadStore
    const commentStore = yield* CommentStore
    const voteStore = yield* VoteStore
    const commenters = yield* all((c) => commenterStore.listBySite(siteId, c, pageSize))
    const threads = yield* all((c) => threadStore.listBySite(siteId, c, pageSize))
    const comments: Array<Comment> = []
    let before: CommentId | null = null
    for (;;) {
      const page: ReadonlyArray<Comment> = yield* commentStore.listBySite(siteId, before, pageSize)
      comments.push(...page)
      const last = page[page.length - 1]
      if (last === undefined || page.length < pageSize) break
      before = last.id
    }
    comments.sort(byId)
    const votes = yield* Effect.forEach(
      comments.filter((c) => c.upvotes + c.downvotes > 0),
      (c) =>
        Effect.map(voteStore.listByComment(siteId, c.id), (vs) =>
          vs.map((v) => ({
            commentId: c.id,
            voterId: v.voterId,
            direction: v.direction,
            at: v.at,
          })),
        ),
      { concurrency: 8 },
    )
    const bans = yield* (yield* ModerationStore).listBans(siteId)
    yield* Audit.record(actor, "site.export", `site:${siteId}`, {
      commenters: commenters.length,
      threads: threads.length,
      comments: comments.length,
    })
    return {
      format: Export.format,
      version: Export.version,
      exportedAt: yield* Clock.currentTimeMillis,
      site: {
        name: site.value.name,
        settings: site.value.settings,
        allowedOrigins: site.value.allowedOrigins,
      },
      commenters: commenters
        .sort(byId)
        .map(({ siteId: _site, passwordHash: _hash, ...rest }): Export.ExportedCommenter => rest),
      threads: threads.sort(byId).map(({ siteId: _site, ...rest }): Export.ExportedThread => rest),
      comments: comments.map(
        ({ siteId: _site, version: _version, ...rest }): Export.ExportedComment => rest,
      ),
      votes: votes.flat(),
      bans: bans.map(({ siteId: _site, ...rest }): Export.ExportedBan => rest),
    }
  })

const importCommenters = (siteId: SiteId, doc: Export.SiteExport) =>
  Effect.gen(function* () {
    const store = yield* CommenterStore
    const ids = new Map<string, CommenterId>()
    let written = 0
    for (const c of doc.commenters) {
      const id = derive(siteId, "commenter", c.id, c.createdAt) as CommenterId
      ids.set(c.id, id)
      if (Option.isSome(yield* store.get(siteId, id))) continue
      // An imported owner becomes an admin: only the site decides who owns it.
      const role = outranks(c.role, "admin") ? "admin" : c.role
      const record: Commenter = { ...c, id, siteId, role, passwordHash: null }
      const inserted = yield* store.insert(record).pipe(
        Effect.as(true),
        Effect.catchTag("Conflict", () => Effect.succeed(false)),
      )
      if (inserted) {
        written++
        continue
      }
      // The site already knows this person (same email or external id): use them.
      const existing =
        c.externalId !== null
          ? yield* store.getByExternalId(siteId, c.origin, c.externalId)
          : Option.none<Commenter>()
      const found = Option.isSome(existing)
        ? existing
        : c.email !== null
          ? yield* store.getByEmail(siteId, c.email)
          : Option.none<Commenter>()
      if (Option.isNone(found)) {
        return yield* invalid(`commenters.${c.id}`, "clashes with a commenter of the site")
      }
      ids.set(c.id, found.value.id)
    }
    return { ids, written }
  })

const importThreads = (siteId: SiteId, doc: Export.SiteExport) =>
  Effect.gen(function* () {
    const store = yield* ThreadStore
    const ids = new Map<string, ThreadId>()
    let written = 0
    for (const t of doc.threads) {
      const existing = yield* store.getByKey(siteId, t.key)
      if (Option.isSome(existing)) {
        ids.set(t.id, existing.value.id)
        continue
      }
      const thread: Thread = {
        ...t,
        id: derive(siteId, "thread", t.id, t.createdAt) as ThreadId,
        siteId,
        commentCount: 0,
      }
      const stored = yield* store.getOrInsert(thread)
      if (stored.id === thread.id) written++
      ids.set(t.id, stored.id)
    }
    return { ids, written }
  })

const importComments = (
  siteId: SiteId,
  commenters: ReadonlyMap<string, CommenterId>,
  threads: ReadonlyMap<string, ThreadId>,
  order: ReadonlyArray<Export.ExportedComment>,
) =>
  Effect.gen(function* () {
    const store = yield* CommentStore
    const stored = new Map<string, Comment>()
    let written = 0
    for (const c of order) {
      const id = derive(siteId, "comment", c.id, c.createdAt) as CommentId
      const existing = yield* store.get(siteId, id)
      if (Option.isSome(existing)) {
        stored.set(c.id, existing.value)
        continue
      }
      const parent = c.parentId === null ? undefined : stored.get(c.parentId)
      const deleted = c.status === "deleted"
      const comment: Comment = {
        ...c,
        id,
        siteId,
        threadId: threads.get(c.threadId) as ThreadId,
        parentId: parent?.id ?? null,
        depth: parent === undefined ? 0 : parent.depth + 1,
        authorId: commenters.get(c.authorId) as CommenterId,
        body: deleted ? "" : c.body,
        // Rendered again: stored html is always what core rendered, never what a file says.
        html: deleted ? "" : Markdown.render(c.body),
        visible: Visibility.isVisible({
          status: c.status,
          shadowed: c.shadowed,
          tombstone: deleted && c.visible,
        }),
        score: c.upvotes - c.downvotes,
        replyCount: 0,
        reportCount: 0,
        version: 1,
      }
      yield* store.insert(comment, Visibility.deltas(null, comment))
      stored.set(c.id, comment)
      written++
    }
    return { stored, written }
  })

/**
 * Imports an export document into the actor's site (owners). Commenters come
 * in without passwords (they sign in again) and are matched to the site's own
 * commenters by email or external id; threads are matched by key; comments keep
 * their parents, statuses, times and scores, and the thread and reply counts
 * are recounted as they are written; votes and bans follow. The site's own
 * name, settings and origins are left as they are.
 *
 * Fails with InvalidInput `import_invalid` (the message names the path) when
 * the document is not a valid export or refers to records it does not hold;
 * nothing is written then.
 *
 * @since 0.1.0
 * @category import
 * @example
 * import { Portability } from "@kommies/core"
 *
 * const written = yield* Portability.importSite(owner, JSON.parse(await readFile("site.json", "utf8")))
 */
export const importSite = (
  actor: Actor,
  doc: unknown,
): Effect.Effect<ImportResult, InvalidInput | Forbidden | Unauthorized | StoreError, Deps> =>
  Effect.gen(function* () {
    yield* authorize(actor, "data.import")
    const decoded = yield* decode(doc)
    yield* checkReferences(decoded)
    const order = yield* parentsFirst(decoded.comments)
    const siteId = actor.siteId
    const commenters = yield* importCommenters(siteId, decoded)
    const threads = yield* importThreads(siteId, decoded)
    const comments = yield* importComments(siteId, commenters.ids, threads.ids, order)
    const votes = yield* VoteStore
    for (const v of decoded.votes ?? []) {
      const comment = comments.stored.get(v.commentId) as Comment
      // Counts came with the comment: the vote is recorded without moving them,
      // and a vote already there (a re-run) is left alone.
      yield* votes.swap({
        siteId,
        commentId: comment.id,
        voterId: commenters.ids.get(v.voterId) as CommenterId,
        authorId: comment.authorId,
        expected: null,
        next: v.direction,
        upDelta: 0,
        downDelta: 0,
        karmaDelta: 0,
        at: v.at ?? decoded.exportedAt,
      })
    }
    const moderation = yield* ModerationStore
    for (const b of decoded.bans) {
      const ban: Ban = {
        ...b,
        siteId,
        commenterId: commenters.ids.get(b.commenterId) as CommenterId,
      }
      yield* moderation.putBan(ban)
    }
    const result = {
      commenters: commenters.written,
      threads: threads.written,
      comments: comments.written,
    }
    yield* Audit.record(actor, "site.import", `site:${siteId}`, { ...result })
    return result
  })
