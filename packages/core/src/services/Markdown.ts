/**
 * Markdown for comments: rendered on write to a small, safe subset of HTML.
 *
 * What a comment may contain:
 *
 * - paragraphs; a single newline is a line break (`<br>`), as in most comment
 *   boxes;
 * - `*emphasis*`, `**strong**`, `~~strikethrough~~`;
 * - `` `inline code` ``, fenced and indented code blocks; a fence's language
 *   becomes `class="language-…"` only if it matches `[a-z0-9+#-]{1,20}`;
 * - ordered and unordered lists, block quotes; quotes, lists and emphasis
 *   nest up to 20 levels, and what is nested deeper is dropped;
 * - links to `http:`, `https:` and `mailto:` URLs only, written
 *   `[text](url)`, `<url>`, reference-style, or bare (`https://…`,
 *   `www.…`, e-mail addresses; not bare host names such as `example.com` or
 *   `config.py`). Every link is exactly
 *   `<a href="…" rel="nofollow ugc noopener" target="_blank">` (titles are
 *   dropped). A link to anything else (`javascript:`, `data:`, relative or
 *   protocol-relative URLs, entity-encoded schemes, hosts a browser cannot
 *   parse) stays as the text that was written; an empty one (`[x]()`) is
 *   just its text.
 *
 * What it may not: raw HTML is escaped and shows as text; images become a
 * link to the image, labelled with its alt text (just the alt text inside
 * another link); headings become a paragraph in bold; tables, rules (`---`)
 * and typographic replacements are off.
 *
 * `render` is safe by construction (markdown-it with `html: false`, rules
 * enabled by allowlist, a strict link check) and then re-checked: its output
 * is written out again through a tag and attribute allowlist, so a change in
 * markdown-it cannot widen it. All functions are pure and deterministic, and
 * run in browsers as well as in Node.
 *
 * @since 0.1.0
 */
import type { Token } from "markdown-it"
import { engine, inlineText } from "../internal/markdownEngine.js"
import { sanitize } from "../internal/markdownSanitize.js"

/**
 * Renders a comment body (Markdown as written) to the safe HTML subset
 * described on this module. The result is ready to store as the comment's
 * `html` and to insert into a page as is.
 *
 * @example
 * ```ts
 * import { Markdown } from "@kommies/core"
 *
 * Markdown.render("Hi **there**, see https://example.com <script>alert(1)</script>")
 * // '<p>Hi <strong>there</strong>, see <a href="https://example.com"
 * //   rel="nofollow ugc noopener" target="_blank">https://example.com</a>
 * //   &lt;script&gt;alert(1)&lt;/script&gt;</p>'
 * ```
 *
 * @since 0.1.0
 * @category rendering
 */
export const render = (body: string): string => sanitize(engine.render(body)).trimEnd()

/**
 * How many links the rendered body contains: links written in Markdown, bare
 * URLs and e-mail addresses, and images (rendered as links). Links that
 * `render` refuses do not count. Used by the spam link-limit heuristic.
 *
 * @example
 * ```ts
 * countLinks("see https://a.example and [b](https://b.example)") // 2
 * countLinks("[x](javascript:alert(1))") // 0
 * ```
 *
 * @since 0.1.0
 * @category inspecting
 */
export const countLinks = (body: string): number => render(body).split("<a ").length - 1

const blockEnds: ReadonlySet<string> = new Set([
  "paragraph_close",
  "heading_close",
  "bullet_list_close",
  "ordered_list_close",
  "blockquote_close",
])

/**
 * The body as plain text, for notification e-mails, search and excerpts:
 * Markdown syntax removed, links reduced to their text, images to their alt
 * text, code kept; one line per line break, blocks separated by a blank line.
 * The result is not HTML: escape it before putting it into a page.
 *
 * @example
 * ```ts
 * toPlainText("**Hi** [there](https://example.com)\n\n- `a`\n- b")
 * // "Hi there\n\na\nb"
 * ```
 *
 * @since 0.1.0
 * @category inspecting
 */
export const toPlainText = (body: string): string => {
  let text = ""
  for (const token of engine.parse(body, {})) {
    if (token.type === "inline") text += `${inlineText(token.children ?? [])}\n`
    else if (token.type === "fence" || token.type === "code_block") text += `${token.content}\n\n`
    else if (blockEnds.has(token.type) && token.level === 0) text += "\n"
  }
  return text
    .split("\n")
    .map((line) => line.trimEnd())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim()
}

/**
 * `@name` at the start of the text or after a character that cannot be part
 * of an e-mail address, URL path or word; a name is 1–64 letters, digits,
 * `_`, `.` or `-`, not ending in `.` or `-`.
 */
const MENTION = /(^|[^\p{L}\p{N}_@./+\\-])@([\p{L}\p{N}_](?:[\p{L}\p{N}_.-]{0,62}[\p{L}\p{N}_])?)/gu

/** Runs of prose in an inline token list: code spans and line breaks end a run. */
const proseRuns = (tokens: ReadonlyArray<Token>): Array<string> => {
  const runs: Array<string> = []
  let run = ""
  for (const token of tokens) {
    if (token.type === "text") {
      run += token.content
    } else if (token.type !== "link_open" && token.type !== "link_close") {
      runs.push(run)
      run = token.type === "code_inline" ? "" : " "
    }
  }
  runs.push(run)
  return runs
}

/**
 * The names mentioned as `@name` in the body, outside inline code and code
 * blocks, in order of first mention, each once (compared case-insensitively;
 * the first spelling wins). E-mail addresses and URLs are not mentions.
 *
 * @example
 * ```ts
 * mentions("thanks @alice and @Bob, cc @alice; `@carol` is code") // ["alice", "Bob"]
 * ```
 *
 * @since 0.1.0
 * @category inspecting
 */
export const mentions = (body: string): ReadonlyArray<string> => {
  const seen = new Set<string>()
  const names: Array<string> = []
  for (const token of engine.parse(body, {})) {
    if (token.type !== "inline") continue
    for (const run of proseRuns(token.children ?? [])) {
      for (const match of run.matchAll(MENTION)) {
        const name = match[2]!
        const key = name.toLowerCase()
        if (!seen.has(key)) {
          seen.add(key)
          names.push(name)
        }
      }
    }
  }
  return names
}
