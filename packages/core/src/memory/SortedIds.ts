/**
 * A set of string keys kept in ascending order, for the keyset pagination of the
 * memory store. Ids are UUIDv7, so ascending id order is creation order.
 *
 * @since 0.1.0
 */

/**
 * Ascending set of ids with binary-search insert and remove, and cursors that
 * start next to a given id without scanning what comes before it.
 *
 * @since 0.1.0
 * @category models
 */
export class SortedIds<K extends string> {
  private readonly ids: Array<K> = []

  /** How many ids the set holds. @since 0.1.0 */
  get size(): number {
    return this.ids.length
  }

  /** Index of the first id that is not less than `id`. */
  private lowerBound(id: K): number {
    let lo = 0
    let hi = this.ids.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if ((this.ids[mid] as K) < id) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  /** Index of the first id greater than `id`. */
  private upperBound(id: K): number {
    let lo = 0
    let hi = this.ids.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if ((this.ids[mid] as K) <= id) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  /** Adds `id`; false when it was there. Appending a newer id is O(1). @since 0.1.0 */
  add(id: K): boolean {
    const last = this.ids[this.ids.length - 1]
    if (last === undefined || last < id) {
      this.ids.push(id)
      return true
    }
    const at = this.lowerBound(id)
    if (this.ids[at] === id) return false
    this.ids.splice(at, 0, id)
    return true
  }

  /** Removes `id`; false when it was not there. @since 0.1.0 */
  delete(id: K): boolean {
    const at = this.lowerBound(id)
    if (this.ids[at] !== id) return false
    this.ids.splice(at, 1)
    return true
  }

  /** Whether `id` is in the set. @since 0.1.0 */
  has(id: K): boolean {
    return this.ids[this.lowerBound(id)] === id
  }

  /** Ids greater than `after` (all when null), smallest first. @since 0.1.0 */
  *ascending(after: K | null): Generator<K, void, undefined> {
    const ids = this.ids
    for (let i = after === null ? 0 : this.upperBound(after); i < ids.length; i++) {
      yield ids[i] as K
    }
  }

  /** Ids less than `before` (all when null), greatest first. @since 0.1.0 */
  *descending(before: K | null): Generator<K, void, undefined> {
    const ids = this.ids
    for (let i = (before === null ? ids.length : this.lowerBound(before)) - 1; i >= 0; i--) {
      yield ids[i] as K
    }
  }

  /** Every id, smallest first (the live array: do not keep it across writes). @since 0.1.0 */
  values(): ReadonlyArray<K> {
    return this.ids
  }
}

/**
 * Up to `limit` results of `select` over `source` (undefined skips a value), in the
 * source's order; stops reading as soon as the page is full.
 *
 * @since 0.1.0
 * @category utils
 */
export const take = <A, B>(
  source: Iterable<A>,
  limit: number,
  select: (a: A) => B | undefined,
): Array<B> => {
  const out: Array<B> = []
  if (limit <= 0) return out
  for (const a of source) {
    const b = select(a)
    if (b === undefined) continue
    out.push(b)
    if (out.length >= limit) break
  }
  return out
}

/**
 * A page size as a store uses it: a whole number, never negative (NaN counts as 0).
 *
 * @since 0.1.0
 * @category utils
 */
export const pageSize = (limit: number): number => (limit > 0 ? Math.floor(limit) : 0)
