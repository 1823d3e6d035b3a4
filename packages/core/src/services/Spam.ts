/**
 * Spam heuristics that need no outside service: honeypot, too-fast submit,
 * word filter and link limit. They decide whether a new comment is published,
 * queued or marked as spam before any SpamChecker is asked.
 *
 * @since 0.1.0
 */
import type { SiteSettings } from "../domain/Site.js"

/** @since 0.1.0 @category models */
export type Verdict = "publish" | "queue" | "spam"

/** @since 0.1.0 @category models */
export interface Assessment {
  readonly verdict: Verdict
  /** Stable codes: `honeypot`, `too_fast`, `word_filter`, `link_limit`. */
  readonly reasons: ReadonlyArray<string>
}

/** @since 0.1.0 @category models */
export interface Signals {
  readonly body: string
  readonly linkCount: number
  /** The hidden form field; any content means a bot filled it. */
  readonly honeypot: string | null
  /** Milliseconds between showing the form and submitting it, when the client says. */
  readonly elapsedMs: number | null
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")

/**
 * Words of the filter found in the body, whole words, case-insensitive,
 * Unicode-aware (a filtered word inside a longer word does not match).
 *
 * @since 0.1.0
 * @category rules
 */
export const filteredWords = (body: string, words: ReadonlyArray<string>): ReadonlyArray<string> =>
  words.filter((word) => {
    const w = word.trim()
    if (w.length === 0) return false
    return new RegExp(`(?<![\\p{L}\\p{N}_])${escapeRegExp(w)}(?![\\p{L}\\p{N}_])`, "iu").test(body)
  })

/**
 * Assesses a new comment. Honeypot and too-fast submits are spam; the word
 * filter and too many links send it to the queue.
 *
 * @since 0.1.0
 * @category rules
 * @example
 * Spam.assess({ body, linkCount: 0, honeypot: null, elapsedMs: 5000 }, settings).verdict // "publish"
 */
export const assess = (signals: Signals, settings: SiteSettings): Assessment => {
  const spam: Array<string> = []
  const queue: Array<string> = []
  if (signals.honeypot !== null && signals.honeypot.length > 0) spam.push("honeypot")
  if (signals.elapsedMs !== null && signals.elapsedMs < settings.minSubmitMillis)
    spam.push("too_fast")
  if (filteredWords(signals.body, settings.wordFilter).length > 0) queue.push("word_filter")
  if (signals.linkCount > settings.linkLimit) queue.push("link_limit")
  if (spam.length > 0) return { verdict: "spam", reasons: [...spam, ...queue] }
  if (queue.length > 0) return { verdict: "queue", reasons: queue }
  return { verdict: "publish", reasons: [] }
}
