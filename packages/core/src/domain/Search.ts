/**
 * Search words: how a comment body, a display name and a moderator's query are
 * cut into the words a search index holds. One rule, in core, used by every
 * store, so a query finds the same comments whichever store answers it.
 *
 * A word is a run of letters and digits (any script), lower-cased, with accents
 * folded (`Café` → `cafe`). Everything else separates words.
 *
 * @since 0.1.0
 */

/**
 * The longest query a search accepts, in characters.
 *
 * @since 0.1.0
 * @category limits
 */
export const maxQueryLength = 200

/**
 * The most words a query may hold; every word must match, so more words only
 * narrow the result while costing one more index lookup each.
 *
 * @since 0.1.0
 * @category limits
 */
export const maxQueryWords = 8

/**
 * The longest word kept: longer runs (hashes, base64) are cut to this length on
 * both sides, so they still match themselves.
 *
 * @since 0.1.0
 * @category limits
 */
export const maxWordLength = 64

const separators = /[^\p{L}\p{N}]+/u
const marks = /\p{M}+/gu

/**
 * The words of `text`, in order of first appearance, each once.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import { Search } from "@kommies/core"
 *
 * Search.words("Déjà vu, DÉJÀ!") // ["deja", "vu"]
 */
export const words = (text: string): ReadonlyArray<string> => {
  const folded = text.normalize("NFKD").replace(marks, "").toLowerCase()
  const out = new Set<string>()
  for (const part of folded.split(separators)) {
    if (part.length > 0) out.add(part.slice(0, maxWordLength))
  }
  return [...out]
}

/**
 * Whether every word of `query` is among `candidates` (the words of a body or
 * of a display name). An empty query matches nothing.
 *
 * @since 0.1.0
 * @category predicates
 */
export const matchesAll = (
  query: ReadonlyArray<string>,
  candidates: ReadonlyArray<string>,
): boolean => {
  if (query.length === 0) return false
  const set = new Set(candidates)
  return query.every((w) => set.has(w))
}
