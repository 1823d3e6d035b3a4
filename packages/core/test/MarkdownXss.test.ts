/**
 * Every payload of the XSS corpora (../shared/corpora/xss/, beside the
 * repository) rendered through `Markdown.render`, then parsed with htmlparser2:
 * only allowlisted tags and attributes, only http/https/mailto links.
 */
import { describe, expect, it } from "@effect/vitest"
import { engine } from "../src/internal/markdownEngine.js"
import { sanitize } from "../src/internal/markdownSanitize.js"
import { render } from "../src/services/Markdown.js"
import {
  checkHtml,
  contexts,
  corporaAvailable,
  loadCorpora,
  type Payload,
  servicesRequired,
  XSS_DIR,
} from "./markdownChecks.js"

interface Failure {
  readonly source: string
  readonly context: string
  readonly body: string
  readonly html: string
  readonly problems: ReadonlyArray<string>
}

/** Renders each payload in each context; the failures, with the offending payload. */
const failuresOf = (payloads: ReadonlyArray<Payload>): Array<Failure> => {
  const failures: Array<Failure> = []
  for (const payload of payloads) {
    for (const [context, wrap] of contexts) {
      const body = wrap(payload.body)
      const html = render(body)
      const problems = checkHtml(html)
      if (problems.length > 0)
        failures.push({ source: payload.source, context, body, html, problems })
    }
  }
  return failures
}

const expectNoFailures = (failures: ReadonlyArray<Failure>): void => {
  expect(failures.slice(0, 5), `${failures.length} renders failed; the first few:`).toEqual([])
}

if (!corporaAvailable && servicesRequired) {
  describe("Markdown XSS corpora", () => {
    it("needs ../shared/corpora (KOMMIES_REQUIRE_SERVICES=1)", () => {
      expect.fail(`../shared/corpora not found at ${XSS_DIR}`)
    })
  })
} else if (!corporaAvailable) {
  describe.skip("skipped: ../shared/corpora not found", () => {
    it("renders every XSS payload safely", () => {})
  })
} else {
  const corpora = loadCorpora()
  const all = [...corpora.dompurify, ...corpora.payloadList, ...corpora.markdown]

  describe("Markdown XSS corpora", () => {
    it("has the payloads SOURCES.md describes", () => {
      expect(corpora.dompurify.length).toBe(223)
      expect(corpora.payloadList.length).toBe(6613)
      expect(corpora.markdown.length).toBe(51)
    })

    it("DOMPurify fixtures (223) render to the allowlist, in every context", () => {
      expectNoFailures(failuresOf(corpora.dompurify))
    })

    it("payload list (6,613 lines) renders to the allowlist, in every context", () => {
      expectNoFailures(failuresOf(corpora.payloadList))
    })

    it("Markdown vectors render to the allowlist, in every context", () => {
      expectNoFailures(failuresOf(corpora.markdown))
    })

    it("the payload list as one long comment renders to the allowlist", () => {
      const body = corpora.payloadList.map((payload) => payload.body).join("\n")
      expect(checkHtml(render(body))).toEqual([])
    })

    it("refuses every javascript:, vbscript: and data: link among the Markdown vectors", () => {
      for (const payload of corpora.markdown) {
        const html = render(payload.body)
        expect(html, payload.source).not.toMatch(/href="\s*(?:javascript|vbscript|data|file):/i)
      }
    })

    it("markdown-it's own output already fits the allowlist (the second layer changes nothing)", () => {
      const changed: Array<string> = []
      for (const payload of all) {
        for (const [context, wrap] of contexts) {
          const html = engine.render(wrap(payload.body))
          if (sanitize(html) !== html) changed.push(`${payload.source} (${context})`)
        }
      }
      expect(changed.slice(0, 5), `${changed.length} outputs changed`).toEqual([])
    })
  })
}
