/**
 * Comment ids ordered by a numeric rank, highest first, ties by id (newest first):
 * the order of the `top`, `hot` and `best` sorts, kept on write so that a page is
 * found by binary search instead of sorting a parent's replies on every read.
 *
 * @since 0.1.0
 */

interface Entry<K extends string> {
  readonly key: number
  readonly id: K
}

/** Whether `e` comes before (key, id) in (key desc, id desc) order. */
const before = <K extends string>(e: Entry<K>, key: number, id: K): boolean =>
  e.key > key || (e.key === key && e.id > id)

/** Whether `e` comes before or at (key, id). */
const atOrBefore = <K extends string>(e: Entry<K>, key: number, id: K): boolean =>
  e.key > key || (e.key === key && e.id >= id)

/** Index of the first item for which `precedes` is false (it holds for a prefix). */
const seek = <A>(items: ReadonlyArray<A>, precedes: (a: A) => boolean): number => {
  let lo = 0
  let hi = items.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (precedes(items[mid] as A)) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** Entries per bucket before it splits: keeps every insert and delete O(log n + bucket). */
const bucketSize = 512

/**
 * (key, id) entries in (key desc, id desc) order, in buckets of bounded size, so
 * that moving one entry never shifts the whole list.
 *
 * @since 0.1.0
 * @category models
 */
export class RankIndex<K extends string> {
  private readonly buckets: Array<Array<Entry<K>>> = []
  private count = 0

  /** How many ids the index holds. @since 0.1.0 */
  get size(): number {
    return this.count
  }

  /** The bucket where the prefix that `precedes` holds for ends. */
  private bucketOf(precedes: (e: Entry<K>) => boolean): number {
    return seek(this.buckets, (b) => precedes(b[b.length - 1] as Entry<K>))
  }

  /** Files `id` under `key`. @since 0.1.0 */
  add(key: number, id: K): void {
    const entry = { key, id }
    this.count++
    if (this.buckets.length === 0) {
      this.buckets.push([entry])
      return
    }
    const precedes = (e: Entry<K>) => before(e, key, id)
    const b = Math.min(this.bucketOf(precedes), this.buckets.length - 1)
    const bucket = this.buckets[b] as Array<Entry<K>>
    bucket.splice(seek(bucket, precedes), 0, entry)
    if (bucket.length > bucketSize) {
      this.buckets.splice(b + 1, 0, bucket.splice(bucket.length >>> 1))
    }
  }

  /** Removes `id`, filed under `key`. @since 0.1.0 */
  delete(key: number, id: K): void {
    const precedes = (e: Entry<K>) => before(e, key, id)
    let b = this.bucketOf(precedes)
    let at = b < this.buckets.length ? seek(this.buckets[b] as Array<Entry<K>>, precedes) : -1
    if (this.buckets[b]?.[at]?.id !== id) {
      // Only a key that does not compare (NaN) lands here: find it the slow way.
      b = this.buckets.findIndex((bucket) => bucket.some((e) => e.id === id))
      if (b < 0) return
      at = (this.buckets[b] as Array<Entry<K>>).findIndex((e) => e.id === id)
    }
    const bucket = this.buckets[b] as Array<Entry<K>>
    bucket.splice(at, 1)
    this.count--
    if (bucket.length === 0) this.buckets.splice(b, 1)
  }

  /** Moves `id` from `from` to `to`. @since 0.1.0 */
  move(from: number, to: number, id: K): void {
    if (Object.is(from, to)) return
    this.delete(from, id)
    this.add(to, id)
  }

  /** Ids strictly after the position (all when null), in rank order. @since 0.1.0 */
  *after(position: { readonly key: number; readonly id: K } | null): Generator<K, void, undefined> {
    const buckets = this.buckets
    let b = 0
    let i = 0
    if (position !== null) {
      const precedes = (e: Entry<K>) => atOrBefore(e, position.key, position.id)
      b = this.bucketOf(precedes)
      if (b >= buckets.length) return
      i = seek(buckets[b] as Array<Entry<K>>, precedes)
    }
    for (; b < buckets.length; b++, i = 0) {
      const bucket = buckets[b] as Array<Entry<K>>
      for (; i < bucket.length; i++) yield (bucket[i] as Entry<K>).id
    }
  }
}
