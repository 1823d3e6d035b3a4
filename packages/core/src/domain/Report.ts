/**
 * A report: a reader flags a comment for moderators.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { CommenterId, CommentId, ReportId, SiteId } from "../Ids.js"

/** @since 0.1.0 @category models */
export const ReportReason = Schema.Literal("spam", "abuse", "off-topic", "other")
/** @since 0.1.0 @category models */
export type ReportReason = typeof ReportReason.Type

/** @since 0.1.0 @category models */
export const Report = Schema.Struct({
  id: ReportId,
  siteId: SiteId,
  commentId: CommentId,
  reporterId: CommenterId,
  reason: ReportReason,
  note: Schema.NullOr(Schema.String),
  createdAt: Schema.Number,
})
/** @since 0.1.0 @category models */
export type Report = typeof Report.Type
