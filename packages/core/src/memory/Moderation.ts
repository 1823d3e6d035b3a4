/**
 * ModerationStore in memory: reports (one per reporter and comment, counted on the
 * comment), bans, and the audit log.
 *
 * @since 0.1.0
 */
import { Effect, Option } from "effect"
import type { AuditEntry } from "../domain/Audit.js"
import type { Ban } from "../domain/Ban.js"
import type { Report } from "../domain/Report.js"
import type { ModerationStoreShape } from "../ports/ModerationStore.js"
import * as CommentIndex from "./CommentIndex.js"
import { pageSize, take } from "./SortedIds.js"
import {
  compareIds,
  duplicate,
  getOrCreate,
  patched,
  peek,
  type State,
  site,
  snapshot,
} from "./State.js"

/**
 * The memory ModerationStore over shared state.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (state: State): ModerationStoreShape => ({
  addReport: (report) =>
    Effect.sync(() => {
      const data = site(state, report.siteId)
      const reports = getOrCreate(data.reports, report.commentId, () => [] as Report[])
      const comment = data.comments.get(report.commentId)
      if (reports.some((r) => r.reporterId === report.reporterId)) {
        return { added: false, count: comment?.reportCount ?? reports.length }
      }
      reports.push(snapshot(report))
      if (comment === undefined) return { added: true, count: reports.length }
      const next = patched(comment, { reportCount: comment.reportCount + 1 })
      CommentIndex.replace(data, comment, next)
      return { added: true, count: next.reportCount }
    }),

  listReports: (siteId, commentId) =>
    Effect.sync(() => [...(peek(state, siteId)?.reports.get(commentId) ?? [])]),

  clearReports: (siteId, commentId) =>
    Effect.sync(() => {
      const data = peek(state, siteId)
      if (data === undefined) return
      data.reports.delete(commentId)
      const comment = data.comments.get(commentId)
      if (comment !== undefined && comment.reportCount !== 0) {
        CommentIndex.replace(data, comment, patched(comment, { reportCount: 0 }))
      }
    }),

  putBan: (ban) =>
    Effect.sync(() => {
      site(state, ban.siteId).bans.set(ban.commenterId, snapshot(ban))
    }),

  getBan: (siteId, commenterId) =>
    Effect.sync(() => Option.fromNullable(peek(state, siteId)?.bans.get(commenterId))),

  removeBan: (siteId, commenterId) =>
    Effect.sync(() => peek(state, siteId)?.bans.delete(commenterId) ?? false),

  listBans: (siteId) =>
    Effect.sync(() => {
      const bans = peek(state, siteId)?.bans
      if (bans === undefined) return []
      return Array.from(bans.values()).sort(
        (a: Ban, b: Ban) => b.createdAt - a.createdAt || compareIds(a.commenterId, b.commenterId),
      )
    }),

  appendAudit: (entry) =>
    Effect.suspend(() => {
      const data = site(state, entry.siteId)
      if (data.audit.has(entry.id)) return Effect.fail(duplicate("audit entry", entry.id))
      data.audit.set(entry.id, snapshot(entry))
      data.auditIds.add(entry.id)
      return Effect.void
    }),

  listAudit: (siteId, beforeId, limit) =>
    Effect.sync(() => {
      const data = peek(state, siteId)
      if (data === undefined) return []
      return take(
        data.auditIds.descending(beforeId),
        pageSize(limit),
        (id): AuditEntry | undefined => data.audit.get(id),
      )
    }),
})
