/**
 * Domain events: every change is one, numbered per thread. Realtime, webhooks,
 * notifications and metering consume them.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { SiteId, ThreadId } from "../Ids.js"

/** @since 0.1.0 @category models */
export const EventType = Schema.Literal(
  "comment.created",
  "comment.edited",
  "comment.deleted",
  "comment.approved",
  "comment.rejected",
  "comment.spam",
  "comment.reported",
  "vote.changed",
  "thread.locked",
  "thread.unlocked",
  "commenter.banned",
  "commenter.unbanned",
  "commenter.role",
)
/** @since 0.1.0 @category models */
export type EventType = typeof EventType.Type

/** An event before the log gave it a sequence. @since 0.1.0 @category models */
export const NewEvent = Schema.Struct({
  id: Schema.String,
  siteId: SiteId,
  /** Site-wide events (bans, roles) use the reserved thread id `_site`. */
  threadId: ThreadId,
  type: EventType,
  /** JSON-safe data: for comment events the public view of the comment. */
  data: Schema.Record({ key: Schema.String, value: Schema.Unknown }),
  createdAt: Schema.Number,
})
/** @since 0.1.0 @category models */
export type NewEvent = typeof NewEvent.Type

/** @since 0.1.0 @category models */
export const DomainEvent = Schema.Struct({
  ...NewEvent.fields,
  /** 1, 2, 3… per thread, without gaps: the SSE `id`. */
  seq: Schema.Int,
})
/** @since 0.1.0 @category models */
export type DomainEvent = typeof DomainEvent.Type

/** The thread id that site-wide events are filed under. @since 0.1.0 @category constants */
export const siteThread = "_site" as ThreadId
