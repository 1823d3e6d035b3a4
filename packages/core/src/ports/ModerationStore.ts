/**
 * Port: reports, bans and the audit log.
 *
 * @since 0.1.0
 */
import { Context, type Effect, type Option } from "effect"
import type { AuditEntry } from "../domain/Audit.js"
import type { Ban } from "../domain/Ban.js"
import type { Report } from "../domain/Report.js"
import type { StoreError } from "../Errors.js"
import type { AuditId, CommenterId, CommentId, SiteId } from "../Ids.js"

/** @since 0.1.0 @category ports */
export interface ModerationStoreShape {
  /**
   * Adds the report unless this reporter already reported this comment, and
   * bumps the comment's `reportCount` in the same step. Returns whether it was
   * new and the comment's open report count afterwards.
   */
  readonly addReport: (
    report: Report,
  ) => Effect.Effect<{ readonly added: boolean; readonly count: number }, StoreError>
  readonly listReports: (
    siteId: SiteId,
    commentId: CommentId,
  ) => Effect.Effect<ReadonlyArray<Report>, StoreError>
  /** Removes the comment's reports and sets its `reportCount` to 0. */
  readonly clearReports: (siteId: SiteId, commentId: CommentId) => Effect.Effect<void, StoreError>
  /** Sets the commenter's ban, replacing any earlier one. */
  readonly putBan: (ban: Ban) => Effect.Effect<void, StoreError>
  readonly getBan: (
    siteId: SiteId,
    commenterId: CommenterId,
  ) => Effect.Effect<Option.Option<Ban>, StoreError>
  readonly removeBan: (
    siteId: SiteId,
    commenterId: CommenterId,
  ) => Effect.Effect<boolean, StoreError>
  readonly listBans: (siteId: SiteId) => Effect.Effect<ReadonlyArray<Ban>, StoreError>
  readonly appendAudit: (entry: AuditEntry) => Effect.Effect<void, StoreError>
  /** Newest first, before `beforeId`. */
  readonly listAudit: (
    siteId: SiteId,
    beforeId: AuditId | null,
    limit: number,
  ) => Effect.Effect<ReadonlyArray<AuditEntry>, StoreError>
}

/** @since 0.1.0 @category ports */
export class ModerationStore extends Context.Tag("@kommies/core/ModerationStore")<
  ModerationStore,
  ModerationStoreShape
>() {}
