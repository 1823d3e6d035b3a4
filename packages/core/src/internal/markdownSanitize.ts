/**
 * Defence in depth for rendered comments: re-reads the HTML that markdown-it
 * produced and writes it out again through an allowlist, so that a change in
 * markdown-it (a new rule, a renderer that adds an attribute) cannot widen
 * what a comment may contain.
 *
 * - Only the tags in {@link ALLOWED_TAGS}, written as `<tag attr="value">`;
 *   any other `<` is escaped and shows as text.
 * - Only the attributes below, each re-validated and re-escaped: `a` gets
 *   exactly `href` (http/https/mailto), `rel` and `target`; `code` a
 *   `language-…` class; `ol` a numeric `start`. Everything else is dropped.
 * - A link whose href fails the check loses its tags and keeps its text.
 * - Tags are balanced: a stray closing tag is escaped, open ones are closed.
 */
import { isSafeHref } from "./markdownUrl.js"

/** Every element a rendered comment may contain. */
export const ALLOWED_TAGS: ReadonlySet<string> = new Set([
  "a",
  "blockquote",
  "br",
  "code",
  "em",
  "li",
  "ol",
  "p",
  "pre",
  "s",
  "strong",
  "ul",
])

/** `rel` and `target` of every link, whatever the renderer wrote. */
export const LINK_REL = "nofollow ugc noopener"
export const LINK_TARGET = "_blank"

/** The only class a `code` element may carry. */
export const LANGUAGE_CLASS = /^language-[a-z0-9+#-]{1,20}$/

const VOID_TAGS: ReadonlySet<string> = new Set(["br"])
const START = /^[0-9]{1,9}$/

/** A whole tag as markdown-it writes one: lower-case, double-quoted values. */
const TAG = /<(\/?)([a-z][a-z0-9]{0,15})((?:[ \t\n]+[a-z][a-z0-9-]{0,31}="[^"<>]*")*)[ \t\n]*\/?>/y
const ATTRIBUTE = /[ \t\n]+([a-z][a-z0-9-]{0,31})="([^"<>]*)"/g
/** A character reference that may stay as it is in text. */
const REFERENCE = /^&(?:[a-zA-Z][a-zA-Z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6});/

const escapeText = (text: string): string => {
  let out = ""
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (c === "&") {
      const ref = REFERENCE.exec(text.slice(i, i + 40))
      if (ref === null) {
        out += "&amp;"
      } else {
        out += ref[0]
        i += ref[0].length - 1
      }
    } else if (c === "<") out += "&lt;"
    else if (c === ">") out += "&gt;"
    else out += c
  }
  return out
}

const escapeAttribute = (value: string): string =>
  value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;")

const ATTRIBUTE_ENTITIES: Readonly<Record<string, string>> = {
  "&amp;": "&",
  "&lt;": "<",
  "&gt;": ">",
  "&quot;": '"',
  "&#39;": "'",
  "&#x27;": "'",
}

/**
 * Decodes the few references an escaped attribute holds; `null` when it holds
 * any other, so that no lenient decoding can hide a scheme.
 */
const decodeAttribute = (value: string): string | null => {
  let failed = false
  const decoded = value.replace(/&[^;&]{0,8};?/g, (ref) => {
    const char = ATTRIBUTE_ENTITIES[ref]
    if (char === undefined) failed = true
    return char ?? ""
  })
  return failed ? null : decoded
}

const attributesOf = (source: string): Map<string, string> => {
  const attributes = new Map<string, string>()
  for (const match of source.matchAll(ATTRIBUTE)) {
    if (!attributes.has(match[1]!)) attributes.set(match[1]!, match[2]!)
  }
  return attributes
}

/** The opening tag to emit, or `null` to drop the element and keep its text. */
const openTag = (name: string, attributes: Map<string, string>): string | null => {
  switch (name) {
    case "a": {
      const raw = attributes.get("href")
      const href = raw === undefined ? null : decodeAttribute(raw)
      if (href === null || !isSafeHref(href)) return null
      return `<a href="${escapeAttribute(href)}" rel="${LINK_REL}" target="${LINK_TARGET}">`
    }
    case "code": {
      const raw = attributes.get("class")
      return raw !== undefined && LANGUAGE_CLASS.test(raw) ? `<code class="${raw}">` : "<code>"
    }
    case "ol": {
      const raw = attributes.get("start")
      return raw !== undefined && START.test(raw) ? `<ol start="${raw}">` : "<ol>"
    }
    default:
      return `<${name}>`
  }
}

/**
 * Writes `html` out again through the allowlist. Idempotent; on markdown-it's
 * own output for the subset it changes nothing.
 */
export const sanitize = (html: string): string => {
  const open: Array<{ readonly name: string; readonly kept: boolean }> = []
  let out = ""
  let pos = 0
  while (pos < html.length) {
    const lt = html.indexOf("<", pos)
    if (lt === -1) {
      out += escapeText(html.slice(pos))
      break
    }
    out += escapeText(html.slice(pos, lt))
    TAG.lastIndex = lt
    const tag = TAG.exec(html)
    const name = tag?.[2]
    if (tag === null || name === undefined || !ALLOWED_TAGS.has(name)) {
      out += "&lt;"
      pos = lt + 1
      continue
    }
    pos = lt + tag[0].length
    if (tag[1] === "/") {
      const top = open[open.length - 1]
      if (top?.name === name) {
        open.pop()
        if (top.kept) out += `</${name}>`
      } else {
        out += escapeText(tag[0])
      }
    } else if (VOID_TAGS.has(name)) {
      out += `<${name}>`
    } else {
      const emitted = openTag(name, attributesOf(tag[3] ?? ""))
      open.push({ name, kept: emitted !== null })
      if (emitted !== null) out += emitted
    }
  }
  for (let i = open.length - 1; i >= 0; i--) {
    const entry = open[i]!
    if (entry.kept) out += `</${entry.name}>`
  }
  return out
}
