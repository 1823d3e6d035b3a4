/**
 * Moderation: the queue, approving and rejecting, spam, reports that send a
 * comment back to the queue, bans (normal and shadow, with expiry), and the
 * audit entry for every act.
 *
 * @since 0.1.0
 */
import { Clock, Effect, Either, Encoding, Option } from "effect"
import type { Ban, BanKind } from "../domain/Ban.js"
import { isActive } from "../domain/Ban.js"
import type { Comment } from "../domain/Comment.js"
import { siteThread } from "../domain/Event.js"
import type { ReportReason } from "../domain/Report.js"
import * as Search from "../domain/Search.js"
import { outranks } from "../domain/Role.js"
import {
  Conflict,
  Forbidden,
  InvalidInput,
  type NotFound,
  type StoreError,
  type Unauthorized,
} from "../Errors.js"
import { type CommenterId, type CommentId, type ReportId, uuidv7 } from "../Ids.js"
import { CommenterStore } from "../ports/CommenterStore.js"
import { CommentStore } from "../ports/CommentStore.js"
import type { EventBus } from "../ports/EventBus.js"
import type { EventLog } from "../ports/EventLog.js"
import { ModerationStore } from "../ports/ModerationStore.js"
import type { NotificationStore } from "../ports/NotificationStore.js"
import { SessionStore } from "../ports/SessionStore.js"
import type { ThreadStore } from "../ports/ThreadStore.js"
import type { SiteStore } from "../ports/SiteStore.js"
import { type Actor, commenterOf, label, roleOf } from "./Actor.js"
import * as Audit from "./Audit.js"
import * as Commenters from "./Commenters.js"
import { load } from "./Comments.js"
import { transition } from "./Transitions.js"
import { emit } from "./Events.js"
import { authorize } from "./Permissions.js"
import * as Sites from "./Sites.js"
import { authorComments, moderatorViews } from "./ModerationViews.js"
import type { CommentView } from "./Views.js"

type Deps =
  | CommentStore
  | CommenterStore
  | ModerationStore
  | NotificationStore
  | EventLog
  | EventBus
type Failure = NotFound | Forbidden | Unauthorized | Conflict | StoreError

/** Which part of the queue. @since 0.1.0 @category models */
export type QueueKind = "pending" | "reported" | "spam" | "rejected"

/**
 * The moderation queue, oldest first, with authors and threads.
 *
 * @since 0.1.0
 * @category queries
 */
export const queue = (
  actor: Actor,
  options: {
    readonly kind?: QueueKind
    readonly after?: CommentId | null
    readonly limit?: number
  } = {},
): Effect.Effect<
  ReadonlyArray<CommentView>,
  Forbidden | Unauthorized | StoreError,
  CommentStore | CommenterStore | ThreadStore
> =>
  Effect.gen(function* () {
    yield* authorize(actor, "queue.read")
    const store = yield* CommentStore
    const limit = Math.min(Math.max(options.limit ?? 50, 1), 200)
    const kind = options.kind ?? "pending"
    const after = options.after ?? null
    const rows =
      kind === "reported"
        ? yield* store.listReported(actor.siteId, after, limit)
        : yield* store.listByStatus(actor.siteId, [kind], after, limit)
    return yield* moderatorViews(actor, rows)
  })

const decide = (
  actor: Actor,
  id: CommentId,
  status: "approved" | "rejected" | "spam",
): Effect.Effect<Comment, Failure, Deps> =>
  Effect.gen(function* () {
    yield* authorize(actor, "comment.moderate")
    const comment = yield* load(actor, id)
    if (comment.status === "deleted")
      return yield* new Conflict({
        code: "comment_deleted",
        message: "A deleted comment cannot be moderated",
      })
    const eventType =
      status === "approved"
        ? "comment.approved"
        : status === "rejected"
          ? "comment.rejected"
          : "comment.spam"
    // Approving clears a shadow: a moderator has looked at it and let it through.
    const updated = yield* transition(
      actor,
      comment,
      status,
      eventType,
      status === "approved" ? { shadowed: false } : {},
    )
    if (comment.reportCount > 0) yield* (yield* ModerationStore).clearReports(actor.siteId, id)
    if (status === "approved")
      yield* (yield* CommenterStore).update(actor.siteId, comment.authorId, {
        trusted: true,
        updatedAt: yield* Clock.currentTimeMillis,
      })
    yield* Audit.record(
      actor,
      `comment.${status === "approved" ? "approve" : status === "rejected" ? "reject" : "spam"}`,
      `comment:${id}`,
      {
        from: comment.status,
      },
    )
    return updated
  })

/** Publishes a comment (and trusts its author for `first` moderation). @since 0.1.0 @category commands */
export const approve = (actor: Actor, id: CommentId) => decide(actor, id, "approved")
/** Rejects a comment: hidden from everybody but its author. @since 0.1.0 @category commands */
export const reject = (actor: Actor, id: CommentId) => decide(actor, id, "rejected")
/** Marks a comment as spam. @since 0.1.0 @category commands */
export const markSpam = (actor: Actor, id: CommentId) => decide(actor, id, "spam")

/**
 * Reports a comment. Each reader counts once; when the open reports reach
 * the site's threshold, a published comment goes back to the queue.
 *
 * @since 0.1.0
 * @category commands
 */
export const report = (
  actor: Actor,
  id: CommentId,
  reason: ReportReason,
  note: string | null = null,
): Effect.Effect<
  { readonly reports: number; readonly queued: boolean },
  Failure | InvalidInput,
  Deps | SiteStore
> =>
  Effect.gen(function* () {
    yield* authorize(actor, "comment.report")
    const reporterId = commenterOf(actor)
    if (reporterId === null)
      return yield* new Forbidden({ code: "commenter_required", message: "Sign in to report" })
    const comment = yield* load(actor, id)
    if (comment.authorId === reporterId)
      return yield* new Forbidden({
        code: "report_own",
        message: "You cannot report your own comment",
      })
    if (note !== null && note.length > 1000)
      return yield* new InvalidInput({
        code: "note_too_long",
        message: "A report note has at most 1000 characters",
      })
    const { added, count } = yield* (yield* ModerationStore).addReport({
      id: (yield* uuidv7) as ReportId,
      siteId: actor.siteId,
      commentId: id,
      reporterId,
      reason,
      note,
      createdAt: yield* Clock.currentTimeMillis,
    })
    const site = yield* Sites.get(actor.siteId)
    let queued = false
    if (added && comment.status === "approved" && count >= site.settings.reportThreshold) {
      const fresh = yield* load(actor, id)
      if (fresh.status === "approved") {
        yield* transition(actor, fresh, "pending", "comment.reported")
        queued = true
      }
    }
    return { reports: count, queued }
  })

/** How long and what kind. @since 0.1.0 @category models */
export interface BanOptions {
  readonly kind?: BanKind
  readonly reason?: string | null
  /** Seconds; omitted = until lifted. */
  readonly durationSeconds?: number | null
}

/**
 * Bans a commenter: `normal` stops them posting; `shadow` lets them post
 * comments only they (and moderators) see. Nobody bans someone of their own
 * rank or above. A normal ban also signs them out.
 *
 * @since 0.1.0
 * @category commands
 */
export const ban = (
  actor: Actor,
  commenterId: CommenterId,
  options: BanOptions = {},
): Effect.Effect<Ban, Failure | InvalidInput, Deps | SessionStore> =>
  Effect.gen(function* () {
    yield* authorize(actor, "commenter.ban")
    const target = yield* Commenters.get(actor.siteId, commenterId)
    if (!outranks(roleOf(actor), target.role))
      return yield* new Forbidden({
        code: "ban_forbidden",
        message: "You cannot ban someone of your rank or above",
      })
    const duration = options.durationSeconds ?? null
    if (
      duration !== null &&
      (!Number.isFinite(duration) || duration <= 0 || duration > 100 * 365 * 86_400)
    )
      return yield* new InvalidInput({
        code: "duration_invalid",
        message: "A ban lasts a positive number of seconds",
      })
    const now = yield* Clock.currentTimeMillis
    const record: Ban = {
      siteId: actor.siteId,
      commenterId,
      kind: options.kind ?? "normal",
      reason: options.reason?.slice(0, 500) ?? null,
      expiresAt: duration === null ? null : now + duration * 1000,
      createdBy: label(actor),
      createdAt: now,
    }
    yield* (yield* ModerationStore).putBan(record)
    if (record.kind === "normal")
      yield* (yield* SessionStore).revokeSubject(`commenter:${commenterId}`, now)
    yield* Audit.record(actor, "commenter.ban", `commenter:${commenterId}`, {
      kind: record.kind,
      expiresAt: record.expiresAt,
      reason: record.reason,
    })
    yield* emit(actor.siteId, siteThread, "commenter.banned", {
      commenterId,
      kind: record.kind,
      expiresAt: record.expiresAt,
    })
    return record
  })

/** Lifts a ban. @since 0.1.0 @category commands */
export const unban = (
  actor: Actor,
  commenterId: CommenterId,
): Effect.Effect<boolean, Failure, Deps> =>
  Effect.gen(function* () {
    yield* authorize(actor, "commenter.ban")
    const removed = yield* (yield* ModerationStore).removeBan(actor.siteId, commenterId)
    if (removed) {
      yield* Audit.record(actor, "commenter.unban", `commenter:${commenterId}`, {})
      yield* emit(actor.siteId, siteThread, "commenter.unbanned", { commenterId })
    }
    return removed
  })

/** Bans in force on the site. @since 0.1.0 @category queries */
export const bans = (
  actor: Actor,
): Effect.Effect<ReadonlyArray<Ban>, Forbidden | Unauthorized | StoreError, ModerationStore> =>
  Effect.gen(function* () {
    yield* authorize(actor, "commenter.ban")
    const now = yield* Clock.currentTimeMillis
    return (yield* (yield* ModerationStore).listBans(actor.siteId)).filter((b) => isActive(b, now))
  })

/** The ban in force on a commenter, if any. @since 0.1.0 @category queries */
export const banOf = (
  actor: Actor,
  commenterId: CommenterId,
): Effect.Effect<Option.Option<Ban>, StoreError, ModerationStore> =>
  Effect.gen(function* () {
    const now = yield* Clock.currentTimeMillis
    return Option.filter(yield* (yield* ModerationStore).getBan(actor.siteId, commenterId), (b) =>
      isActive(b, now),
    )
  })

/**
 * A commenter's comments on the site, newest first (moderators, or the
 * commenter themself). `ModerationViews.history` adds their standing.
 *
 * @since 0.1.0
 * @category queries
 */
export const history = authorComments

/**
 * A page of search results: comment views, newest first, and the cursor of
 * the next page (null at the end).
 *
 * @since 0.1.0
 * @category models
 */
export interface SearchResult {
  readonly comments: ReadonlyArray<CommentView>
  readonly nextCursor: string | null
}

const searchCursor = {
  encode: (id: CommentId): string => Encoding.encodeBase64Url(`s1:${id}`),
  decode: (cursor: string): Effect.Effect<CommentId, InvalidInput> => {
    const text = Either.getOrUndefined(Encoding.decodeBase64UrlString(cursor))
    return text?.startsWith("s1:") === true && text.length > 3 && text.length <= 67
      ? Effect.succeed(text.slice(3) as CommentId)
      : Effect.fail(
          new InvalidInput({ code: "cursor_invalid", message: "The search cursor is not valid" }),
        )
  },
}

/**
 * Searches the site's comments (moderators): those whose body holds every word
 * of `q` as a whole word, or whose author's name does, newest first. Words are
 * compared case-insensitively with accents folded (`Search.words`). Hidden
 * comments (pending, spam, rejected, deleted) are found too; their views say
 * their status. Fails with InvalidInput `search_query_empty` when `q` has no
 * word, `search_query_too_long` past `Search.maxQueryLength` characters or
 * `Search.maxQueryWords` words, and `cursor_invalid` for a cursor this did not give.
 *
 * @since 0.1.0
 * @category queries
 * @example
 * import { Moderation } from "@kommies/core"
 *
 * const page = Moderation.search(actor, { q: "refund policy", limit: 20 })
 */
export const search = (
  actor: Actor,
  options: { readonly q: string; readonly limit?: number; readonly cursor?: string | null },
): Effect.Effect<
  SearchResult,
  InvalidInput | Forbidden | Unauthorized | StoreError,
  CommentStore | CommenterStore | ThreadStore
> =>
  Effect.gen(function* () {
    yield* authorize(actor, "queue.read")
    const words = Search.words(options.q)
    if (options.q.length > Search.maxQueryLength || words.length > Search.maxQueryWords) {
      return yield* new InvalidInput({
        code: "search_query_too_long",
        message: `A search holds at most ${Search.maxQueryLength} characters and ${Search.maxQueryWords} words`,
      })
    }
    if (words.length === 0) {
      return yield* new InvalidInput({
        code: "search_query_empty",
        message: "A search needs at least one word",
      })
    }
    const limit = Math.min(Math.max(options.limit ?? 50, 1), 200)
    const store = yield* CommentStore
    let cursor = options.cursor ? yield* searchCursor.decode(options.cursor) : null
    const rows: Array<Comment> = []
    // A store may stop early to bound its work; a few more calls usually fill the page.
    for (let round = 0; round < 4 && rows.length < limit; round++) {
      const page = yield* store.search(actor.siteId, words, { limit: limit - rows.length, cursor })
      rows.push(...page.comments)
      cursor = page.cursor
      if (cursor === null) break
    }
    return {
      comments: yield* moderatorViews(actor, rows),
      nextCursor: cursor === null ? null : searchCursor.encode(cursor),
    }
  })
