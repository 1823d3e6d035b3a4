/**
 * Comments: posting, replying, editing, deleting. Every rule about what a
 * comment may become lives here; stores only carry out the writes.
 *
 * @since 0.1.0
 */
import { Clock, Effect, Option } from "effect"
import { isActive } from "../domain/Ban.js"
import type { Comment, CommentStatus } from "../domain/Comment.js"
import type { Commenter } from "../domain/Commenter.js"
import {
  Conflict,
  Forbidden,
  InvalidInput,
  NotFound,
  type QuotaExceeded,
  type StoreError,
  type Unauthorized,
} from "../Errors.js"
import { type CommentId, uuidv7 } from "../Ids.js"
import { CommenterStore } from "../ports/CommenterStore.js"
import { CommentStore } from "../ports/CommentStore.js"
import type { EventBus } from "../ports/EventBus.js"
import type { EventLog } from "../ports/EventLog.js"
import { ModerationStore } from "../ports/ModerationStore.js"
import type { NotificationStore } from "../ports/NotificationStore.js"
import type { SiteStore } from "../ports/SiteStore.js"
import { SpamChecker } from "../ports/SpamChecker.js"
import type { ThreadStore } from "../ports/ThreadStore.js"
import { UsageStore } from "../ports/UsageStore.js"
import { type Actor, commenterOf, roleOf } from "./Actor.js"
import { emit } from "./Events.js"
import * as Markdown from "./Markdown.js"
import { Metering } from "./Metering.js"
import * as Notifications from "./Notifications.js"
import { authorize, can } from "./Permissions.js"
import * as Ranking from "./Ranking.js"
import * as Sites from "./Sites.js"
import * as Spam from "./Spam.js"
import * as Threads from "./Threads.js"
import { type CommentView, commentView, eventData } from "./Views.js"
import { authorOf, transition } from "./Transitions.js"
import * as Visibility from "./Visibility.js"
import { atLeast } from "../domain/Role.js"

/** What a new comment needs. @since 0.1.0 @category models */
export interface CreateComment {
  readonly threadKey: string
  readonly threadUrl?: string | null
  readonly threadTitle?: string | null
  readonly parentId?: CommentId | null
  /** Markdown. */
  readonly body: string
  /** The form's hidden field: bots fill it, people do not. */
  readonly honeypot?: string | null
  /** Milliseconds the form was open before submitting, as the client measured. */
  readonly elapsedMs?: number | null
  readonly ip?: string | null
  readonly userAgent?: string | null
}

/** Everything posting touches. @since 0.1.0 @category models */
export type Requirements =
  | SiteStore
  | ThreadStore
  | CommentStore
  | CommenterStore
  | ModerationStore
  | NotificationStore
  | EventLog
  | EventBus
  | SpamChecker
  | Metering
  | UsageStore

/** Errors posting may fail with. @since 0.1.0 @category models */
export type CommentError =
  | InvalidInput
  | NotFound
  | Forbidden
  | Unauthorized
  | Conflict
  | QuotaExceeded
  | StoreError

const notFound = new NotFound({ code: "comment_not_found", message: "No such comment" })

/** The comment if the actor may see it, else NotFound (never telling hidden from absent). @since 0.1.0 @category getters */
export const load = (
  actor: Actor,
  id: CommentId,
): Effect.Effect<Comment, NotFound | StoreError, CommentStore> =>
  Effect.gen(function* () {
    const found = yield* (yield* CommentStore).get(actor.siteId, id)
    if (Option.isNone(found) || !Visibility.canSee(actor, found.value)) return yield* notFound
    return found.value
  })

const validBody = (body: string, max: number): Effect.Effect<string, InvalidInput> => {
  const text = body.replace(/\r\n?/g, "\n").replace(/\s+$/, "")
  if (text.trim().length === 0)
    return Effect.fail(
      new InvalidInput({ code: "body_empty", message: "A comment needs some text" }),
    )
  if (text.length > max)
    return Effect.fail(
      new InvalidInput({
        code: "body_too_long",
        message: `A comment has at most ${max} characters`,
      }),
    )
  return Effect.succeed(text)
}

const viewFor = (actor: Actor, comment: Comment, author: Commenter | undefined) =>
  commentView(comment, author, {
    commenterId: commenterOf(actor),
    moderator: can(actor, "comment.moderate"),
  })

/**
 * Posts a comment or a reply as a signed-in commenter (guests sign in as guest
 * commenters first). Decides its status from the site's moderation mode, the
 * spam heuristics, the SpamChecker and any ban, renders its Markdown, counts
 * it against the plan, and emits `comment.created`.
 *
 * @since 0.1.0
 * @category commands
 * @example
 * const view = yield* Comments.create(actor, { threadKey: "/post/1", body: "Hello *world*" })
 */
export const create = (
  actor: Actor,
  input: CreateComment,
): Effect.Effect<CommentView, CommentError, Requirements> =>
  Effect.gen(function* () {
    yield* authorize(actor, "comment.create")
    const authorId = commenterOf(actor)
    if (authorId === null)
      return yield* new Forbidden({ code: "commenter_required", message: "Sign in to comment" })
    const site = yield* Sites.get(actor.siteId)
    const author = yield* Effect.flatMap(CommenterStore, (s) => s.get(site.id, authorId)).pipe(
      Effect.flatMap(
        Option.match({
          onNone: () =>
            Effect.fail(
              new Forbidden({ code: "commenter_required", message: "Unknown commenter" }),
            ),
          onSome: Effect.succeed,
        }),
      ),
    )
    const now = yield* Clock.currentTimeMillis
    const ban = yield* Effect.flatMap(ModerationStore, (s) => s.getBan(site.id, authorId))
    const activeBan = Option.filter(ban, (b) => isActive(b, now))
    if (Option.isSome(activeBan) && activeBan.value.kind === "normal")
      return yield* new Forbidden({
        code: "banned",
        message: "You are banned from commenting on this site",
      })
    const shadowed = Option.isSome(activeBan)

    const body = yield* validBody(input.body, site.settings.maxBodyLength)
    const thread = yield* Threads.resolve(site.id, input.threadKey, {
      url: input.threadUrl ?? null,
      title: input.threadTitle ?? null,
    })
    const staff = atLeast(roleOf(actor), "moderator")
    if (thread.locked && !staff)
      return yield* new Conflict({ code: "thread_locked", message: "This thread is locked" })

    let depth = 0
    const parentId = input.parentId ?? null
    if (parentId !== null) {
      const parent = yield* load(actor, parentId).pipe(
        Effect.mapError(
          () =>
            new InvalidInput({
              code: "parent_invalid",
              message: "The comment replied to does not exist",
            }),
        ),
      )
      if (parent.threadId !== thread.id || parent.status === "deleted")
        return yield* new InvalidInput({
          code: "parent_invalid",
          message: "The comment replied to is not in this thread",
        })
      depth = parent.depth + 1
      if (depth > site.settings.maxDepth)
        return yield* new InvalidInput({
          code: "max_depth",
          message: `Replies nest at most ${site.settings.maxDepth} deep`,
        })
    }

    const metering = yield* Metering
    yield* metering.check(site.id, "comments")

    const html = Markdown.render(body)
    const assessment = Spam.assess(
      {
        body,
        linkCount: Markdown.countLinks(body),
        honeypot: input.honeypot ?? null,
        elapsedMs: input.elapsedMs ?? null,
      },
      site.settings,
    )
    let status: CommentStatus = "approved"
    if (!staff) {
      const checker = assessment.verdict === "publish" ? yield* SpamChecker : null
      const verdict =
        checker === null
          ? "unsure"
          : yield* checker.check({
              siteId: site.id,
              body,
              authorName: author.displayName,
              authorEmail: author.email,
              ip: input.ip ?? null,
              userAgent: input.userAgent ?? null,
              pageUrl: thread.url,
            })
      if (assessment.verdict === "spam" || verdict === "spam") status = "spam"
      else if (
        assessment.verdict === "queue" ||
        site.settings.moderation === "pre" ||
        (site.settings.moderation === "first" && !author.trusted)
      )
        status = "pending"
    }

    const visible = Visibility.isVisible({ status, shadowed, tombstone: false })
    const ranks = Ranking.ranks(0, 0, now)
    const comment: Comment = {
      id: (yield* uuidv7) as CommentId,
      siteId: site.id,
      threadId: thread.id,
      parentId,
      depth,
      authorId,
      body,
      html,
      status,
      shadowed,
      visible,
      upvotes: 0,
      downvotes: 0,
      score: ranks.score,
      hot: ranks.hot,
      best: ranks.best,
      replyCount: 0,
      reportCount: 0,
      version: 1,
      createdAt: now,
      editedAt: null,
      updatedAt: now,
    }
    yield* (yield* CommentStore).insert(comment, Visibility.deltas(null, comment))
    yield* metering.record(site.id, "comments")
    const usage = yield* UsageStore
    const day = new Date(now).toISOString().slice(0, 10)
    yield* usage.incrementDaily(site.id, day, status === "spam" ? "spam" : "comments", 1)
    yield* metering.recordActive(site.id, authorId)
    yield* emit(site.id, thread.id, "comment.created", {
      ...eventData(comment, author),
      reasons: assessment.reasons,
    })
    if (visible) yield* Notifications.onPublished(comment, author)
    return viewFor(actor, comment, author)
  })

/**
 * Replaces the Markdown of a comment: only its author, only within the site's
 * edit window, never once deleted. An edit that now trips the word filter or
 * the link limit sends the comment back to the queue.
 *
 * @since 0.1.0
 * @category commands
 */
export const edit = (
  actor: Actor,
  id: CommentId,
  newBody: string,
): Effect.Effect<CommentView, CommentError, Requirements> =>
  Effect.gen(function* () {
    const site = yield* Sites.get(actor.siteId)
    const comment = yield* load(actor, id)
    yield* authorize(actor, "comment.edit", comment.authorId)
    if (comment.status === "deleted" || comment.status === "spam" || comment.status === "rejected")
      return yield* new Conflict({
        code: "not_editable",
        message: "This comment can no longer be edited",
      })
    const now = yield* Clock.currentTimeMillis
    if (now - comment.createdAt > site.settings.editWindowSeconds * 1000)
      return yield* new Conflict({
        code: "edit_window_closed",
        message: "The time to edit this comment is over",
      })
    const body = yield* validBody(newBody, site.settings.maxBodyLength)
    const assessment = Spam.assess(
      { body, linkCount: Markdown.countLinks(body), honeypot: null, elapsedMs: null },
      site.settings,
    )
    const staff = atLeast(roleOf(actor), "moderator")
    const status: CommentStatus =
      comment.status === "approved" && assessment.verdict !== "publish" && !staff
        ? "pending"
        : comment.status
    const visible = Visibility.isVisible({ status, shadowed: comment.shadowed, tombstone: false })
    const after = { status, visible }
    const updated = yield* (yield* CommentStore).update(
      site.id,
      id,
      comment.version,
      { body, html: Markdown.render(body), status, visible, editedAt: now, updatedAt: now },
      Visibility.deltas(comment, after),
    )
    if (Option.isNone(updated))
      return yield* new Conflict({
        code: "comment_changed",
        message: "The comment changed meanwhile; try again",
      })
    const author = yield* authorOf(updated.value)
    yield* emit(site.id, comment.threadId, "comment.edited", eventData(updated.value, author))
    return viewFor(actor, updated.value, author)
  })

/**
 * Deletes a comment: its author, or a moderator. A visible comment with
 * visible replies stays as a tombstone (no text, no author) that holds them.
 *
 * @since 0.1.0
 * @category commands
 */
export const remove = (
  actor: Actor,
  id: CommentId,
): Effect.Effect<void, CommentError, Requirements> =>
  Effect.gen(function* () {
    const comment = yield* load(actor, id)
    yield* authorize(actor, "comment.delete", comment.authorId)
    if (comment.status === "deleted") return
    yield* transition(actor, comment, "deleted", "comment.deleted")
  })

/**
 * One comment as the actor may see it.
 *
 * @since 0.1.0
 * @category queries
 */
export const get = (
  actor: Actor,
  id: CommentId,
): Effect.Effect<CommentView, NotFound | StoreError, CommentStore | CommenterStore> =>
  Effect.gen(function* () {
    const comment = yield* load(actor, id)
    return viewFor(actor, comment, yield* authorOf(comment))
  })
