/**
 * The one rule for link targets in rendered comments: `http:`, `https:` and
 * `mailto:` only, checked on the URL as markdown-it normalizes it (entities
 * decoded, then percent-encoded) and again on the final HTML.
 */

/** Longest href we emit; longer links stay text. */
const MAX_HREF_LENGTH = 2048

/**
 * Printable ASCII without space: a normalized URL is percent-encoded, so a
 * control character, U+2028 or raw non-ASCII means it was not normalized.
 */
const PRINTABLE = /^[\x21-\x7e]+$/

/** Characters a normalized URL never holds, and that could end an attribute. */
const MARKUP = /["<>\\`]/

const HTTP = /^https?:\/\/[a-z0-9[]/i
const MAILTO = /^mailto:[^@/?#]+@[^@/]/i

const PROTOCOLS: ReadonlySet<string> = new Set(["http:", "https:", "mailto:"])

/** Whether the WHATWG URL parser (as browsers use it) reads an allowed scheme. */
const parsesSafely = (href: string): boolean => {
  try {
    return PROTOCOLS.has(new URL(href).protocol)
  } catch {
    return false
  }
}

/**
 * Whether `href` (already normalized, not HTML-escaped) may be a link target.
 * Relative, protocol-relative and every other scheme are refused, and so is
 * a URL that a browser could not parse (say, an invalid host name).
 */
export const isSafeHref = (href: string): boolean =>
  href.length <= MAX_HREF_LENGTH &&
  PRINTABLE.test(href) &&
  !MARKUP.test(href) &&
  (HTTP.test(href) || MAILTO.test(href)) &&
  parsesSafely(href)
