/**
 * The audit log: every moderation and admin act, who did it and when.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { AuditId, SiteId } from "../Ids.js"

/** @since 0.1.0 @category models */
export const AuditEntry = Schema.Struct({
  id: AuditId,
  siteId: SiteId,
  /** `commenter:<id>`, `account:<id>`, `key:secret` or `system`. */
  actor: Schema.String,
  /** e.g. `comment.approve`, `commenter.ban`, `site.settings`. */
  action: Schema.String,
  /** e.g. `comment:<id>`. */
  target: Schema.String,
  details: Schema.Record({ key: Schema.String, value: Schema.Unknown }),
  createdAt: Schema.Number,
})
/** @since 0.1.0 @category models */
export type AuditEntry = typeof AuditEntry.Type
