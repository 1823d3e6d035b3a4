/**
 * ModerationStore on Redis: reports in a hash per comment (one per reporter)
 * counted on the comment in the same script, bans in a hash per site, and the
 * audit log as a hash plus its ids in lex order.
 *
 * @since 0.1.0
 */
import type {
  AuditEntry as AuditModule,
  Ban as BanModule,
  ModerationStore,
  Report as ReportModule,
} from "@kommies/core"
import { Effect, Option } from "effect"
import { packId } from "../encoding.js"
import { site, siteBase } from "../keys.js"
import { parseRecord } from "../rows.js"
import { compareIds, decoding, pageSize, pairs, run, script } from "../run.js"
import type { RedisConnectionShape } from "../../RedisConnection.js"

type Report = ReportModule.Report
type Ban = BanModule.Ban
type AuditEntry = AuditModule.AuditEntry

/**
 * The Redis ModerationStore over a connection.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (conn: RedisConnectionShape): ModerationStore.ModerationStoreShape => {
  const baseOf = (siteId: string) => siteBase(conn.prefix, siteId)
  return {
    addReport: (report) => {
      const base = baseOf(report.siteId)
      return script(conn, "ModerationStore.addReport", "kmReportAdd", [
        base + site.reports(packId(report.commentId)),
        base,
        packId(report.commentId),
        report.reporterId,
        JSON.stringify(report),
      ]).pipe(
        Effect.map((reply) => {
          const [added, count] = reply as [number, number]
          return { added: added === 1, count: Number(count) }
        }),
      )
    },

    listReports: (siteId, commentId) =>
      run(conn, "ModerationStore.listReports", (c) =>
        c.hvals(baseOf(siteId) + site.reports(packId(commentId))),
      ).pipe(
        Effect.flatMap((values) =>
          decoding(conn, "ModerationStore.listReports", () =>
            values
              .map((v) => parseRecord<Report>(v, "report"))
              .sort((a, b) => a.createdAt - b.createdAt || compareIds(a.id, b.id)),
          ),
        ),
      ),

    clearReports: (siteId, commentId) => {
      const base = baseOf(siteId)
      return script(conn, "ModerationStore.clearReports", "kmReportClear", [
        base + site.reports(packId(commentId)),
        base,
        packId(commentId),
      ]).pipe(Effect.asVoid)
    },

    putBan: (ban) =>
      run(conn, "ModerationStore.putBan", (c) =>
        c.hset(baseOf(ban.siteId) + site.bans, ban.commenterId, JSON.stringify(ban)),
      ).pipe(Effect.asVoid),

    getBan: (siteId, commenterId) =>
      run(conn, "ModerationStore.getBan", (c) =>
        c.hget(baseOf(siteId) + site.bans, commenterId),
      ).pipe(
        Effect.flatMap((json) =>
          decoding(conn, "ModerationStore.getBan", () =>
            json === null ? Option.none() : Option.some(parseRecord<Ban>(json, "ban")),
          ),
        ),
      ),

    removeBan: (siteId, commenterId) =>
      run(conn, "ModerationStore.removeBan", (c) =>
        c.hdel(baseOf(siteId) + site.bans, commenterId),
      ).pipe(Effect.map((n) => n > 0)),

    listBans: (siteId) =>
      run(conn, "ModerationStore.listBans", (c) => c.hvals(baseOf(siteId) + site.bans)).pipe(
        Effect.flatMap((values) =>
          decoding(conn, "ModerationStore.listBans", () =>
            values
              .map((v) => parseRecord<Ban>(v, "ban"))
              .sort(
                (a, b) => b.createdAt - a.createdAt || compareIds(a.commenterId, b.commenterId),
              ),
          ),
        ),
      ),

    appendAudit: (entry) => {
      const base = baseOf(entry.siteId)
      return script(conn, "ModerationStore.appendAudit", "kmLexAppend", [
        base + site.audit,
        base + site.auditIds,
        entry.id,
        JSON.stringify(entry),
      ]).pipe(Effect.asVoid)
    },

    listAudit: (siteId, beforeId, limit) => {
      const base = baseOf(siteId)
      return script(conn, "ModerationStore.listAudit", "kmLexHashPage", [
        base + site.auditIds,
        base + site.audit,
        beforeId === null ? "+" : `(${beforeId}`,
        "-",
        pageSize(limit),
        "desc",
      ]).pipe(
        Effect.flatMap((reply) =>
          decoding(conn, "ModerationStore.listAudit", () =>
            pairs(reply).map(([, json]) => parseRecord<AuditEntry>(json, "audit entry")),
          ),
        ),
      )
    },
  }
}
