/**
 * Paged listings of the memory store for exports: items of a map in id order,
 * the cursor being the last id of the page. Sorting on every page is fine for
 * an in-process store walked by an offline job.
 *
 * @since 0.1.0
 */
import type { Page } from "../ports/Page.js"
import { pageSize } from "./SortedIds.js"
import { compareIds } from "./State.js"

/**
 * The page of `items` (keyed by id) after `cursor`, ascending by id.
 *
 * @since 0.1.0
 * @category constructors
 */
export const byId = <K extends string, A>(
  items: ReadonlyMap<K, A> | undefined,
  cursor: string | null,
  limit: number,
): Page<A> => {
  const size = pageSize(limit)
  if (items === undefined || size === 0) return { items: [], cursor: null }
  const ids = [...items.keys()]
    .filter((id) => cursor === null || compareIds(id, cursor) > 0)
    .sort(compareIds)
  const chosen = ids.slice(0, size)
  const page = chosen.flatMap((id) => {
    const item = items.get(id)
    return item === undefined ? [] : [item]
  })
  return { items: page, cursor: ids.length > size ? (chosen[chosen.length - 1] ?? null) : null }
}
