/**
 * The one markdown-it instance behind `Markdown`: configured once, never
 * reconfigured, so rendering is deterministic.
 *
 * Rules are enabled by allowlist (`enableOnly`), so a rule that a later
 * markdown-it adds stays off; renaming one makes this module throw at load,
 * which the tests notice.
 */
import MarkdownIt from "markdown-it"
import type { Options, RendererRule, StateCore, Token } from "markdown-it"
import { LANGUAGE_CLASS, LINK_REL, LINK_TARGET } from "./markdownSanitize.js"
import { isSafeHref } from "./markdownUrl.js"

const CORE_RULES = ["normalize", "block", "inline", "linkify", "text_join"]
const BLOCK_RULES = [
  "code",
  "fence",
  "blockquote",
  "list",
  "reference",
  "heading",
  "lheading",
  "paragraph",
]
const INLINE_RULES = [
  "text",
  "linkify",
  "newline",
  "escape",
  "backticks",
  "strikethrough",
  "emphasis",
  "link",
  "image",
  "autolink",
  "entity",
]
const INLINE_POST_RULES = ["balance_pairs", "strikethrough", "emphasis", "fragments_join"]

/** How deep quotes, lists and emphasis may nest; deeper content is dropped. */
const MAX_NESTING = 20

// markdown-it reads `maxNesting` from the options; @types/markdown-it omits it.
const options: Options & { readonly maxNesting: number } = {
  html: false,
  xhtmlOut: false,
  breaks: true,
  linkify: true,
  typographer: false,
  maxNesting: MAX_NESTING,
}
const md = new MarkdownIt("default", options)

const { escapeHtml, unescapeAll } = md.utils

const linkTag = (href: string): string =>
  `<a href="${escapeHtml(href)}" rel="${LINK_REL}" target="${LINK_TARGET}">`

/** Whether `tokens[idx]` sits between a `link_open` and its `link_close`. */
const insideLink = (tokens: ReadonlyArray<Token>, idx: number): boolean => {
  let depth = 0
  for (let i = idx - 1; i >= 0; i--) {
    const type = tokens[i]!.type
    if (type === "link_close") depth++
    else if (type === "link_open") {
      if (depth === 0) return true
      depth--
    }
  }
  return false
}

/** The text of inline tokens, unescaped (images give their alt text). */
export const inlineText = (tokens: ReadonlyArray<Token>): string => {
  let text = ""
  for (const token of tokens) {
    switch (token.type) {
      case "text":
      case "code_inline":
        text += token.content
        break
      case "softbreak":
      case "hardbreak":
        text += "\n"
        break
      case "image":
        text += inlineText(token.children ?? [])
        break
    }
  }
  return text
}

/**
 * A core rule after `linkify`: markdown-it checks most hrefs with
 * `validateLink`, but lets an empty destination through (`[x]()` gives
 * `href=""`). Any link whose href fails the check is unwrapped to its text,
 * and any such image to its alt text, whichever rule made it.
 */
const unwrapUnsafeLinks = (state: StateCore): void => {
  for (const block of state.tokens) {
    if (block.type !== "inline" || block.children === null) continue
    const kept: Array<Token> = []
    const unwrapped: Array<boolean> = []
    for (const token of block.children) {
      if (token.type === "link_open") {
        const unsafe = !isSafeHref(token.attrGet("href") ?? "")
        unwrapped.push(unsafe)
        if (unsafe) continue
      } else if (token.type === "link_close") {
        if (unwrapped.pop() === true) continue
      } else if (token.type === "image" && !isSafeHref(token.attrGet("src") ?? "")) {
        const text = new state.Token("text", "", 0)
        text.content = inlineText(token.children ?? [])
        kept.push(text)
        continue
      }
      kept.push(token)
    }
    block.children = kept
  }
}

/** The `language-…` class for a fence's info string, or none. */
const languageClass = (info: string): string | null => {
  const name = unescapeAll(info).trim().split(/\s+/)[0]?.toLowerCase() ?? ""
  const candidate = `language-${name}`
  return LANGUAGE_CLASS.test(candidate) ? candidate : null
}

const rules: Record<string, RendererRule> = {
  link_open: (tokens, idx) => linkTag(tokens[idx]!.attrGet("href") ?? ""),
  // No images: a valid image becomes a link to it, labelled with its alt text
  // (or its URL); inside a link, just the alt text.
  image: (tokens, idx) => {
    const token = tokens[idx]!
    const src = token.attrGet("src") ?? ""
    const alt = inlineText(token.children ?? [])
    if (insideLink(tokens, idx)) return escapeHtml(alt)
    return `${linkTag(src)}${escapeHtml(alt.trim() === "" ? src : alt)}</a>`
  },
  // No headings: a heading is a paragraph in bold.
  heading_open: () => "<p><strong>",
  heading_close: () => "</strong></p>\n",
  code_block: (tokens, idx) => `<pre><code>${escapeHtml(tokens[idx]!.content)}</code></pre>\n`,
  fence: (tokens, idx) => {
    const token = tokens[idx]!
    const language = languageClass(token.info)
    const open = language === null ? "<code>" : `<code class="${language}">`
    return `<pre>${open}${escapeHtml(token.content)}</code></pre>\n`
  },
}

const configure = (): MarkdownIt => {
  md.core.ruler.enableOnly(CORE_RULES)
  md.block.ruler.enableOnly(BLOCK_RULES)
  md.inline.ruler.enableOnly(INLINE_RULES)
  md.inline.ruler2.enableOnly(INLINE_POST_RULES)
  md.validateLink = isSafeHref
  md.core.ruler.after("linkify", "unwrap_unsafe_links", unwrapUnsafeLinks)

  // Bare URLs: with a scheme (http, https, mailto), e-mail addresses and
  // `www.` hosts; not every `word.tld` (`config.py`, `node.js`).
  md.linkify.set({ fuzzyLink: true, fuzzyEmail: true, fuzzyIP: false })
  md.linkify.add("ftp:", null).add("//", null)
  const match = md.linkify.match.bind(md.linkify)
  md.linkify.match = (text) => {
    const found = match(text)
    return found === null
      ? null
      : found.filter((link) => link.schema !== "" || /^www\./i.test(link.raw))
  }

  Object.assign(md.renderer.rules, rules)
  return md
}

/** The configured instance. Never mutate it outside this module. */
export const engine: MarkdownIt = configure()
