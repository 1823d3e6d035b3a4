/**
 * A page of a paged store listing whose cursor only the store understands
 * (an id for some backends, a scan position for others).
 *
 * @since 0.1.0
 */

/**
 * Items of one page, and where the next page starts: `null` when the listing
 * is done. The page size asked for is a hint: a page may be shorter, even
 * empty, while `cursor` is not null (keep reading until it is), and a store
 * that scans may return more. Paged listings are for offline jobs
 * (exports): items written during the walk may be left out, and a store that
 * scans may hand an item twice (readers keep the first).
 *
 * @since 0.1.0
 * @category models
 */
export interface Page<A> {
  readonly items: ReadonlyArray<A>
  readonly cursor: string | null
}
