/**
 * Shared by the Markdown tests: an independent check of rendered HTML
 * (htmlparser2, not our own tokenizer) and the XSS corpora from
 * `../shared/corpora/xss/` beside the repository.
 */
import { existsSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { Parser } from "htmlparser2"

/** The tags a rendered comment may hold, and the attributes each may carry. */
export const ALLOWED: Readonly<Record<string, ReadonlyArray<string>>> = {
  a: ["href", "rel", "target"],
  blockquote: [],
  br: [],
  code: ["class"],
  em: [],
  li: [],
  ol: ["start"],
  p: [],
  pre: [],
  s: [],
  strong: [],
  ul: [],
}

/** Named here so a failure reads plainly, though the allowlist already excludes them. */
export const FORBIDDEN = [
  "script",
  "style",
  "iframe",
  "frame",
  "frameset",
  "svg",
  "math",
  "img",
  "image",
  "object",
  "embed",
  "form",
  "input",
  "button",
  "textarea",
  "select",
  "link",
  "meta",
  "base",
  "template",
  "noscript",
  "video",
  "audio",
  "source",
  "details",
  "dialog",
  "marquee",
  "xmp",
  "noembed",
  "plaintext",
  "title",
]

const SAFE_SCHEME = /^(?:https?:\/\/|mailto:)/

/** Why an href is unsafe, or `null`. Decoded already (htmlparser2 decodes attributes). */
const hrefProblem = (href: string): string | null => {
  // Browsers strip leading/trailing C0 controls and spaces, and drop tabs and
  // newlines anywhere, before reading the scheme.
  const folded = href
    // biome-ignore lint/suspicious/noControlCharactersInRegex: C0 controls are what browsers strip
    .replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, "")
    .replace(/[\t\n\r]/g, "")
    .toLowerCase()
  if (!SAFE_SCHEME.test(folded)) return `href scheme: ${JSON.stringify(href)}`
  let protocol: string
  try {
    protocol = new URL(href).protocol
  } catch {
    return `href does not parse: ${JSON.stringify(href)}`
  }
  return ["http:", "https:", "mailto:"].includes(protocol) ? null : `href protocol ${protocol}`
}

/**
 * Everything wrong with `html` as the output of `Markdown.render`: tags and
 * attributes outside the allowlist, unsafe hrefs, wrong rel/target, comments,
 * processing instructions, unbalanced tags. Empty when it is fine.
 */
export const checkHtml = (html: string): Array<string> => {
  const problems: Array<string> = []
  const parser = new Parser(
    {
      onopentag(name, attribs, isImplied) {
        if (isImplied) problems.push(`implied <${name}>`)
        if (FORBIDDEN.includes(name.toLowerCase())) problems.push(`forbidden <${name}>`)
        const allowed = ALLOWED[name]
        if (allowed === undefined) {
          problems.push(`tag <${name}>`)
          return
        }
        for (const [attribute, value] of Object.entries(attribs)) {
          if (/^on/i.test(attribute)) problems.push(`event handler ${attribute} on <${name}>`)
          if (!allowed.includes(attribute)) problems.push(`attribute ${attribute} on <${name}>`)
          if (
            name === "code" &&
            attribute === "class" &&
            !/^language-[a-z0-9+#-]{1,20}$/.test(value)
          ) {
            problems.push(`code class ${JSON.stringify(value)}`)
          }
          if (name === "ol" && attribute === "start" && !/^[0-9]+$/.test(value)) {
            problems.push(`ol start ${JSON.stringify(value)}`)
          }
        }
        if (name === "a") {
          const href = attribs.href
          const problem = href === undefined ? "link without href" : hrefProblem(href)
          if (problem !== null) problems.push(problem)
          if (attribs.rel !== "nofollow ugc noopener") problems.push(`rel ${attribs.rel}`)
          if (attribs.target !== "_blank") problems.push(`target ${attribs.target}`)
        }
      },
      onclosetag(name, isImplied) {
        if (isImplied && name !== "br") problems.push(`unclosed <${name}>`)
      },
      oncomment(data) {
        problems.push(`comment ${JSON.stringify(data)}`)
      },
      oncdatastart() {
        problems.push("CDATA section")
      },
      onprocessinginstruction(name) {
        problems.push(`processing instruction ${name}`)
      },
    },
    { decodeEntities: true, lowerCaseTags: false, lowerCaseAttributeNames: false },
  )
  parser.write(html)
  parser.end()
  return problems
}

/** One input from the corpora: where it came from, and the text. */
export interface Payload {
  readonly source: string
  readonly body: string
}

/** `../shared/corpora/xss/` beside the repository folder. */
export const XSS_DIR = fileURLToPath(new URL("../../../../shared/corpora/xss/", import.meta.url))

/** Whether the corpora are there; a clone without `../shared` skips their suites. */
export const corporaAvailable = existsSync(XSS_DIR)

/** CI sets `KOMMIES_REQUIRE_SERVICES=1`: then a missing corpus or browser fails. */
export const servicesRequired = process.env.KOMMIES_REQUIRE_SERVICES === "1"

/** The three payload files, each payload with its file and position. */
export const loadCorpora = (): {
  readonly dompurify: ReadonlyArray<Payload>
  readonly payloadList: ReadonlyArray<Payload>
  readonly markdown: ReadonlyArray<Payload>
} => {
  const read = (file: string): string => readFileSync(join(XSS_DIR, file), "utf8")
  const dompurify = (JSON.parse(read("dompurify-payloads.json")) as Array<string>).map(
    (body, i) => ({ source: `dompurify-payloads.json[${i}]`, body }),
  )
  const lines = read("payload-list.txt").split("\n")
  if (lines[lines.length - 1] === "") lines.pop()
  const payloadList = lines.map((body, i) => ({ source: `payload-list.txt:${i + 1}`, body }))
  const markdown = (JSON.parse(read("markdown-payloads.json")) as Array<{ payload: string }>).map(
    (entry, i) => ({ source: `markdown-payloads.json[${i}]`, body: entry.payload }),
  )
  return { dompurify, payloadList, markdown }
}

/**
 * The Markdown contexts each payload is also tried in: as a link target, an
 * autolink, a reference definition, an image, inside emphasis in a list in a
 * quote, and inside a link's text.
 */
export const contexts: ReadonlyArray<readonly [string, (payload: string) => string]> = [
  ["as written", (p) => p],
  ["link destination", (p) => `[x](${p})`],
  ["angle-bracket destination", (p) => `[x](<${p}>)`],
  ["autolink", (p) => `<${p}>`],
  ["reference definition", (p) => `[x]\n\n[x]: ${p}`],
  ["image", (p) => `![${p}](${p})`],
  ["quote, list, strong", (p) => `> - **${p}**`],
  ["link text", (p) => `[${p}](https://example.com/)`],
]
