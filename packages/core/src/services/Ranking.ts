/**
 * Sort keys for `top`, `hot` and `best`. All are fixed at write time (they
 * depend on votes and creation time, never on "now"), which is what lets every
 * sort use keyset pagination.
 *
 * @since 0.1.0
 */

/** Seconds from which hot ranks count (2024-01-01T00:00:00Z); keeps numbers small. */
const hotEpochSeconds = 1_704_067_200

/** A score of 10 outweighs 12.5 hours of age; 100 outweighs 25 hours. */
const hotHalfLifeSeconds = 45_000

/**
 * Reddit's hot rank: log10 of the score's size, signed, plus age. Newer
 * comments start higher, so older ones decay relative to them.
 *
 * @since 0.1.0
 * @category ranking
 */
export const hot = (upvotes: number, downvotes: number, createdAt: number): number => {
  const score = upvotes - downvotes
  const order = Math.log10(Math.max(Math.abs(score), 1))
  const sign = score > 0 ? 1 : score < 0 ? -1 : 0
  const seconds = createdAt / 1000 - hotEpochSeconds
  return Math.round((sign * order + seconds / hotHalfLifeSeconds) * 1e7) / 1e7
}

/**
 * Lower bound of the Wilson score interval (95%) for the share of upvotes:
 * a comment with 10 up and 1 down beats one with 1 up and 0 down.
 *
 * @since 0.1.0
 * @category ranking
 */
export const best = (upvotes: number, downvotes: number): number => {
  const n = upvotes + downvotes
  if (n === 0) return 0
  const z = 1.959963984540054
  const p = upvotes / n
  const bound =
    (p + (z * z) / (2 * n) - z * Math.sqrt((p * (1 - p) + (z * z) / (4 * n)) / n)) /
    (1 + (z * z) / n)
  return Math.round(bound * 1e9) / 1e9
}

/** The three ranks at once. @since 0.1.0 @category ranking */
export const ranks = (upvotes: number, downvotes: number, createdAt: number) => ({
  score: upvotes - downvotes,
  hot: hot(upvotes, downvotes, createdAt),
  best: best(upvotes, downvotes),
})
