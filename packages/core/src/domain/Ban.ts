/**
 * A ban: a commenter may not post (normal) or posts unseen (shadow), until it expires.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { CommenterId, SiteId } from "../Ids.js"

/** @since 0.1.0 @category models */
export const BanKind = Schema.Literal("normal", "shadow")
/** @since 0.1.0 @category models */
export type BanKind = typeof BanKind.Type

/** @since 0.1.0 @category models */
export const Ban = Schema.Struct({
  siteId: SiteId,
  commenterId: CommenterId,
  kind: BanKind,
  reason: Schema.NullOr(Schema.String),
  /** Null: until lifted. */
  expiresAt: Schema.NullOr(Schema.Number),
  createdBy: Schema.String,
  createdAt: Schema.Number,
})
/** @since 0.1.0 @category models */
export type Ban = typeof Ban.Type

/** Whether the ban is in force at `now`. @since 0.1.0 @category predicates */
export const isActive = (ban: Ban, now: number): boolean =>
  ban.expiresAt === null || ban.expiresAt > now
