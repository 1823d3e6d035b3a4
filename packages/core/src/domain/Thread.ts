/**
 * A thread: the comments of one page of a site.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { SiteId, ThreadId } from "../Ids.js"

/** @since 0.1.0 @category models */
export const Thread = Schema.Struct({
  id: ThreadId,
  siteId: SiteId,
  /** The page id the embedder gives, or a normalized URL. Unique per site. */
  key: Schema.String,
  url: Schema.NullOr(Schema.String),
  title: Schema.NullOr(Schema.String),
  locked: Schema.Boolean,
  /** Comments anybody can see (approved, not shadowed, not deleted). Kept exact by the store. */
  commentCount: Schema.Int,
  createdAt: Schema.Number,
  updatedAt: Schema.Number,
})
/** @since 0.1.0 @category models */
export type Thread = typeof Thread.Type
