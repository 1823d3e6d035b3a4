/**
 * UsageStore in memory: counters per site per month, and the set of commenters
 * active in each month.
 *
 * @since 0.1.0
 */
import { Effect } from "effect"
import { empty, type Month } from "../domain/Usage.js"
import type { SiteId } from "../Ids.js"
import type { UsageStoreShape } from "../ports/UsageStore.js"
import { getOrCreate, patched, peek, type State, site, type UsageMonth } from "./State.js"

const monthOf = (state: State, siteId: SiteId, month: Month): UsageMonth =>
  getOrCreate(site(state, siteId).usage, month, () => ({
    usage: Object.freeze(empty(siteId, month)),
    active: new Set(),
  }))

/** Every UTC day from `from` to `to`, both included, at most 366. */
const eachDay = (from: string, to: string): Array<string> => {
  const days: Array<string> = []
  const end = Date.parse(`${to}T00:00:00Z`)
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= end && days.length < 366; t += 86_400_000)
    days.push(new Date(t).toISOString().slice(0, 10))
  return days
}

/**
 * The memory UsageStore over shared state.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (state: State): UsageStoreShape => ({
  increment: (siteId, month, metric, amount) =>
    Effect.sync(() => {
      const entry = monthOf(state, siteId, month)
      const total = entry.usage[metric] + amount
      entry.usage = patched(entry.usage, { [metric]: total })
      return total
    }),

  markActive: (siteId, month, commenterId) =>
    Effect.sync(() => {
      const entry = monthOf(state, siteId, month)
      if (!entry.active.has(commenterId)) {
        entry.active.add(commenterId)
        entry.usage = patched(entry.usage, { activeCommenters: entry.usage.activeCommenters + 1 })
      }
      return entry.usage.activeCommenters
    }),

  incrementDaily: (siteId, day, counter, amount) =>
    Effect.sync(() => {
      const counters = getOrCreate(site(state, siteId).daily, day, () => new Map<string, number>())
      const total = (counters.get(counter) ?? 0) + amount
      counters.set(counter, total)
      return total
    }),

  daily: (siteId, fromDay, toDay) =>
    Effect.sync(() => {
      const days = peek(state, siteId)?.daily
      return eachDay(fromDay, toDay).map((day) => ({
        day,
        counters: Object.freeze(Object.fromEntries(days?.get(day) ?? [])),
      }))
    }),

  get: (siteId, month) =>
    Effect.sync(
      () => peek(state, siteId)?.usage.get(month)?.usage ?? Object.freeze(empty(siteId, month)),
    ),
})
