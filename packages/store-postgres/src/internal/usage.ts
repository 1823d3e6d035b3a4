/**
 * UsageStore on PostgreSQL: one row per site and month (upserted, so increments
 * are one statement each), the set of commenters active in a month, and named
 * daily counters.
 */
import type { SqlClient } from "@effect/sql/SqlClient"
import type { Ids, Usage, UsageStore } from "@kommies/core"
import { Effect } from "effect"
import { attempt } from "./errors.js"
import { num } from "./sql.js"

/** The column of each metric (a fixed set: never a caller's string in SQL). */
const metricColumn = {
  comments: "comments",
  threadLoads: "thread_loads",
  apiCalls: "api_calls",
} as const

const maxDays = 366

/** Every UTC day from `from` to `to`, both included, at most 366. */
const eachDay = (from: string, to: string): Array<string> => {
  const days: Array<string> = []
  const end = Date.parse(`${to}T00:00:00Z`)
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= end && days.length < maxDays; t += 86_400_000)
    days.push(new Date(t).toISOString().slice(0, 10))
  return days
}

/** UsageStore over `sql`. */
export const make = (sql: SqlClient): UsageStore.UsageStoreShape => {
  const activeNow = (siteId: Ids.SiteId, month: Usage.Month) =>
    Effect.map(
      sql`SELECT active_commenters FROM usage_months WHERE site_id = ${siteId} AND month = ${month}`,
      (rows) => (rows[0] === undefined ? 0 : num(rows[0].active_commenters)),
    )

  return {
    increment: (siteId, month, metric, amount) => {
      const column = sql.literal(metricColumn[metric])
      return sql`INSERT INTO usage_months (site_id, month, ${column})
        VALUES (${siteId}, ${month}, ${amount})
        ON CONFLICT (site_id, month) DO UPDATE SET ${column} = usage_months.${column} + EXCLUDED.${column}
        RETURNING ${column} AS total`.pipe(
        Effect.map((rows) => num(rows[0]?.total ?? 0)),
        attempt("UsageStore.increment"),
      )
    },

    // The membership insert waits for a racing one to commit and then does
    // nothing; the count moves only with a new member, in the same statement.
    markActive: (siteId, month, commenterId) =>
      Effect.gen(function* () {
        const [row] = yield* sql`WITH member AS (
          INSERT INTO usage_active (site_id, month, commenter_id)
          VALUES (${siteId}, ${month}, ${commenterId})
          ON CONFLICT DO NOTHING RETURNING 1
        )
        INSERT INTO usage_months (site_id, month, active_commenters)
        SELECT ${siteId}, ${month}, 1 FROM member
        ON CONFLICT (site_id, month) DO UPDATE
          SET active_commenters = usage_months.active_commenters + 1
        RETURNING active_commenters`
        return row === undefined ? yield* activeNow(siteId, month) : num(row.active_commenters)
      }).pipe(attempt("UsageStore.markActive")),

    get: (siteId, month) =>
      sql`SELECT comments, thread_loads, active_commenters, api_calls FROM usage_months
        WHERE site_id = ${siteId} AND month = ${month}`.pipe(
        Effect.map(
          ([row]): Usage.Usage => ({
            siteId,
            month,
            comments: num(row?.comments ?? 0),
            threadLoads: num(row?.thread_loads ?? 0),
            activeCommenters: num(row?.active_commenters ?? 0),
            apiCalls: num(row?.api_calls ?? 0),
          }),
        ),
        attempt("UsageStore.get"),
      ),

    incrementDaily: (siteId, day, counter, amount) =>
      sql`INSERT INTO usage_daily (site_id, day, counter, value)
        VALUES (${siteId}, ${day}, ${counter}, ${amount})
        ON CONFLICT (site_id, day, counter) DO UPDATE SET value = usage_daily.value + EXCLUDED.value
        RETURNING value`.pipe(
        Effect.map((rows) => num(rows[0]?.value ?? 0)),
        attempt("UsageStore.incrementDaily"),
      ),

    daily: (siteId, fromDay, toDay) => {
      const days = eachDay(fromDay, toDay)
      const last = days[days.length - 1]
      if (last === undefined) return Effect.succeed([])
      return sql`SELECT day, counter, value FROM usage_daily
        WHERE site_id = ${siteId} AND day >= ${days[0]} AND day <= ${last}`.pipe(
        Effect.map((rows) => {
          const byDay = new Map<string, Record<string, number>>()
          for (const row of rows) {
            const counters = byDay.get(String(row.day)) ?? {}
            counters[String(row.counter)] = num(row.value)
            byDay.set(String(row.day), counters)
          }
          return days.map((day) => ({ day, counters: byDay.get(day) ?? {} }))
        }),
        attempt("UsageStore.daily"),
      )
    },
  }
}
