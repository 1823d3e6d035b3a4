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

  get: (siteId, month) =>
    Effect.sync(
      () => peek(state, siteId)?.usage.get(month)?.usage ?? Object.freeze(empty(siteId, month)),
    ),
})
