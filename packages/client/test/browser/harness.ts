/**
 * The browser tests of the widgets, shared by widget-react, widget-vue and
 * widget-solid: start an example app (examples/<name>/server.mjs, as
 * `npm start` would, on a free port), then drive its page in Debian's Chromium
 * with playwright-core against the real API: sign in as a guest (in
 * embed.js, after pressing "Sign in to comment"), preview, post, reply, vote,
 * see another browser context's comment arrive live behind the "Show 1 new
 * comment" notice, edit, delete, switch to dark mode and to Arabic (RTL), take
 * screenshots, and run axe-core in the page (no serious or critical
 * violations). Without /usr/bin/chromium a suite says "skipped: …",
 * unless KOMMIES_REQUIRE_SERVICES=1, then it fails. Needs the build.
 */
import { type ChildProcess, spawn } from "node:child_process"
import { existsSync, mkdirSync, readFileSync } from "node:fs"
import { createRequire } from "node:module"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"

export const CHROMIUM = "/usr/bin/chromium"
export const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
]
const servicesRequired = process.env.KOMMIES_REQUIRE_SERVICES === "1"
const examples = fileURLToPath(new URL("../../../../examples/", import.meta.url))
const axeSource = readFileSync(
  createRequire(import.meta.url).resolve("axe-core/axe.min.js"),
  "utf8",
)

export const launch = (): Promise<Browser> =>
  chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS })

export interface Example {
  readonly child: ChildProcess
  readonly origin: string
  readonly key: string
  readonly stop: () => Promise<void>
}

/** Starts examples/<name> on a free port and waits for the key it prints. */
export const startExample = (name: string): Promise<Example> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["server.mjs"], {
      cwd: `${examples}${name}`,
      env: { ...process.env, PORT: "0" },
      stdio: ["ignore", "pipe", "pipe"],
    })
    let output = ""
    const timer = setTimeout(() => {
      child.kill("SIGKILL")
      reject(new Error(`the ${name} example printed no key within 20 s:\n${output}`))
    }, 20_000)
    const onData = (chunk: Buffer) => {
      output += chunk.toString("utf8")
      const origin = /on (http:\/\/\S+)/.exec(output)?.[1]
      const key = /public key:\s+(kp_[A-Za-z0-9_-]+)/.exec(output)?.[1]
      if (origin !== undefined && key !== undefined) {
        clearTimeout(timer)
        const stop = () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done()
            const kill = setTimeout(() => child.kill("SIGKILL"), 5_000)
            child.once("exit", () => {
              clearTimeout(kill)
              done()
            })
            child.kill("SIGTERM")
          })
        resolve({ child, origin, key, stop })
      }
    }
    child.stdout.on("data", onData)
    child.stderr.on("data", onData)
    child.once("exit", (code) => {
      clearTimeout(timer)
      reject(new Error(`the ${name} example exited (${code}):\n${output}`))
    })
  })

/** Posts a comment through the API as a new guest (from Node: no browser involved). */
export const seedComment = async (example: Example, name: string, body: string) => {
  const api = `${example.origin}/kommies`
  const headers = { "x-kommies-key": example.key, "content-type": "application/json" }
  const signed = await fetch(`${api}/auth/guest`, {
    method: "POST",
    headers,
    body: JSON.stringify({ displayName: name }),
  })
  const { accessToken } = (await signed.json()) as { accessToken: string }
  const posted = await fetch(`${api}/threads/${encodeURIComponent("/demo")}/comments`, {
    method: "POST",
    headers: { ...headers, authorization: `Bearer ${accessToken}` },
    body: JSON.stringify({ body }),
  })
  expect(posted.status).toBe(201)
}

export interface AxeViolation {
  readonly id: string
  readonly impact: string | null
  readonly help: string
  readonly nodes: number
}

/** axe-core's axe.min.js injected into the page; the serious and critical violations. */
export const axe = async (page: Page): Promise<Array<AxeViolation>> => {
  await page.addScriptTag({ content: axeSource })
  const violations = await page.evaluate(async () => {
    const run = (window as unknown as { axe: { run: (context: unknown) => Promise<unknown> } }).axe
      .run
    const result = (await run(document)) as {
      violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<unknown> }>
    }
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.length,
    }))
  })
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical")
}

/** Errors a page throws, and React's/Vue's hydration complaints. */
const watch = (page: Page): Array<string> => {
  const problems: Array<string> = []
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`))
  page.on("console", (message) => {
    if (/hydrat/i.test(message.text())) problems.push(`console: ${message.text()}`)
  })
  return problems
}

const signIn = async (page: Page, name: string) => {
  const field = page.getByLabel("Name", { exact: true })
  // embed.js shows a "Sign in to comment" button until the reader asks for the form.
  const ask = page.getByRole("button", { name: "Sign in to comment", exact: true })
  await field.or(ask).first().waitFor()
  if (await ask.isVisible()) await ask.click()
  await field.fill(name)
  await page
    .locator("form")
    .filter({ has: field })
    .getByRole("button", { name: "Sign in", exact: true })
    .click()
  await page.getByRole("textbox", { name: "Write a comment" }).waitFor()
  return Date.now()
}

/**
 * A site holds back comments sent within `minSubmitMillis` (2 s) of the composer
 * opening as spam: write like a person, not faster.
 */
const MIN_SUBMIT_MS = 2_100
const humanly = async (page: Page, opened: number) => {
  const left = opened + MIN_SUBMIT_MS - Date.now()
  if (left > 0) await page.waitForTimeout(left)
}

const post = async (page: Page, body: string, opened: number) => {
  const box = page.getByRole("textbox", { name: "Write a comment" })
  await box.fill(body)
  await humanly(page, opened)
  await page
    .locator("form")
    .filter({ has: box })
    .getByRole("button", { name: "Post", exact: true })
    .click()
}

/** The innermost list item holding this text: the comment itself. */
const comment = (page: Page, text: string) =>
  page
    .locator("li")
    .filter({ has: page.getByText(text, { exact: true }) })
    .last()

/** The score a comment shows: its votes' group is labelled with it, "1 point". */
const score = async (item: ReturnType<typeof comment>) =>
  Number(
    /^(-?\d+) points?$/.exec(
      (await item
        .getByRole("group", { name: /^-?\d+ points?$/ })
        .first()
        .getAttribute("aria-label")) ?? "",
    )?.[1] ?? Number.NaN,
  )

/** The same comment by its permalink anchor (`#comment-<id>`), whatever it shows later. */
const pinned = async (page: Page, item: ReturnType<typeof comment>) => {
  const id = await item.getAttribute("id")
  expect(id).toMatch(/^comment-/)
  return page.locator(`li[id="${id}"]`)
}

export interface SuiteOptions {
  /** Which framework, for the test names. */
  readonly label: string
  /** The page is rendered on the server: check its HTML holds the comments before any script. */
  readonly ssr?: boolean
  /** The page has count.js badges. */
  readonly counts?: boolean
}

export const browserSuite = (example: string, options: SuiteOptions) => {
  const title = `${options.label} in Chromium (examples/${example})`
  if (!existsSync(CHROMIUM)) {
    if (servicesRequired) {
      describe(title, () => {
        it("needs Chromium (KOMMIES_REQUIRE_SERVICES=1)", () => {
          expect.fail(`no Chromium at ${CHROMIUM}: .ci/run installs Debian's chromium`)
        })
      })
    } else {
      describe.skip(`skipped: no Chromium at ${CHROMIUM}`, () => {
        it(title, () => {})
      })
    }
    return
  }

  describe(title, () => {
    let app: Example
    let browser: Browser
    const contexts: Array<BrowserContext> = []
    const shots = join(tmpdir(), `kommies-browser-${example}`)
    mkdirSync(shots, { recursive: true })

    beforeAll(async () => {
      ;[app, browser] = await Promise.all([startExample(example), launch()])
      await seedComment(app, "Seed", "Seeded by the **API**")
    }, 30_000)
    afterAll(async () => {
      await Promise.all(contexts.map((context) => context.close().catch(() => {})))
      await browser?.close()
      await app?.stop()
    })
    const open = async (javaScriptEnabled = true) => {
      const context = await browser.newContext({
        javaScriptEnabled,
        serviceWorkers: "block",
        viewport: { width: 800, height: 900 },
      })
      contexts.push(context)
      return context.newPage()
    }

    if (options.ssr) {
      it("server rendering – the page's HTML holds the comments before any script runs", async () => {
        const html = await (await fetch(`${app.origin}/`)).text()
        expect(html).toContain("Seeded by the <strong>API</strong>")
        const page = await open(false)
        await page.goto(`${app.origin}/`)
        await expect(page.getByText("Seeded by the").isVisible()).resolves.toBe(true)
        await expect(page.getByRole("heading", { name: "1 comment" }).isVisible()).resolves.toBe(
          true,
        )
      })
    }

    it("post, reply, vote, live comment, edit, delete, dark, RTL, screenshots and axe", async () => {
      const ann = await open()
      ann.setDefaultTimeout(10_000)
      try {
        await flow(ann)
      } catch (error) {
        await ann.screenshot({ path: join(shots, "failure.png"), fullPage: true }).catch(() => {})
        throw error
      }
    }, 60_000)

    const flow = async (ann: Page) => {
      const problems = watch(ann)
      await ann.goto(`${app.origin}/`)
      await comment(ann, "API").waitFor()
      if (options.counts) {
        const badge = ann.locator('[data-kommies-count][data-kommies-page="/demo"]')
        await expect.poll(() => badge.textContent()).toBe("1 comment")
        const other = ann.locator('[data-kommies-count][data-kommies-page="/about"]')
        await expect.poll(() => other.textContent()).toBe("0 comments")
      }

      // preview: the server renders the Markdown, then back to writing
      const signedIn = await signIn(ann, "Ann")
      await ann.getByRole("textbox", { name: "Write a comment" }).fill("Hello **world**")
      await ann.getByRole("tab", { name: "Preview" }).first().click()
      await ann.locator('[role="tabpanel"] strong', { hasText: "world" }).waitFor()
      await ann.getByRole("tab", { name: "Write" }).first().click()

      // post
      await post(ann, "Hello **world**", signedIn)
      await ann.locator("strong", { hasText: "world" }).waitFor()
      await ann.getByRole("heading", { name: "2 comments" }).waitFor()

      // reply
      const mine = ann.locator("li").filter({ has: ann.locator("strong", { hasText: "world" }) })
      await mine.first().getByRole("button", { name: "Reply", exact: true }).first().click()
      const reply = ann.getByRole("textbox", { name: "Reply to Ann" })
      const opened = Date.now()
      await reply.fill("A reply")
      await humanly(ann, opened)
      await ann
        .locator("form")
        .filter({ has: reply })
        .getByRole("button", { name: "Post", exact: true })
        .click()
      await comment(ann, "A reply").waitFor()
      await ann.getByRole("heading", { name: "3 comments" }).waitFor()

      // vote (on someone else's comment)
      const seeded = comment(ann, "API")
      await seeded.getByRole("button", { name: "Upvote" }).click()
      await expect.poll(() => score(seeded)).toBe(1)
      expect(
        await seeded.getByRole("button", { name: "Upvote" }).getAttribute("aria-pressed"),
      ).toBe("true")

      // another reader's comment arrives live, behind a notice
      const bob = await open()
      bob.setDefaultTimeout(10_000)
      await bob.goto(`${app.origin}/`)
      await post(bob, "Live from Bob", await signIn(bob, "Bob"))
      await comment(bob, "Live from Bob").waitFor()
      const notice = ann.getByRole("button", { name: "Show 1 new comment" })
      await notice.waitFor()
      expect(await ann.getByText("Live from Bob", { exact: true }).count()).toBe(0)
      await notice.click()
      await comment(ann, "Live from Bob").waitFor()
      // Bob sees Ann's vote live too
      await expect.poll(() => score(comment(bob, "API"))).toBe(1)

      // edit
      const replied = await pinned(ann, comment(ann, "A reply"))
      await replied.getByRole("button", { name: "Edit", exact: true }).click()
      const edit = replied.getByRole("textbox", { name: "Edit", exact: true })
      await edit.fill("An _edited_ reply")
      await replied.getByRole("button", { name: "Save", exact: true }).click()
      await ann.locator("em", { hasText: "edited" }).waitFor()

      // delete
      const edited = ann
        .locator("li")
        .filter({ has: ann.locator("em", { hasText: "edited" }) })
        .last()
      await edited.getByRole("button", { name: "Delete", exact: true }).click()
      // Two presses of one button: "Delete", then "Delete this comment?".
      await edited.getByRole("button", { name: "Delete this comment?", exact: true }).click()
      await ann.locator("em", { hasText: "edited" }).waitFor({ state: "detached" })
      await ann.getByRole("heading", { name: "3 comments" }).waitFor()

      await ann.screenshot({ path: join(shots, "light.png"), fullPage: true })
      const light = await axe(ann)
      expect(light, JSON.stringify(light, null, 2)).toEqual([])

      // dark mode (the page's link: ?theme=dark), still signed in
      await ann.getByRole("link", { name: "Dark" }).click()
      await ann.locator('[data-kommies-theme="dark"]').first().waitFor()
      await comment(ann, "Live from Bob").waitFor()
      await ann.getByRole("textbox", { name: "Write a comment" }).waitFor()
      await ann.screenshot({ path: join(shots, "dark.png"), fullPage: true })
      const dark = await axe(ann)
      expect(dark, JSON.stringify(dark, null, 2)).toEqual([])

      // Arabic, right to left
      await ann.getByRole("link", { name: "العربية" }).click()
      const root = ann.locator('[dir="rtl"]').first()
      await root.waitFor()
      await comment(ann, "Live from Bob").waitFor()
      expect(await root.evaluate((el) => getComputedStyle(el).direction)).toBe("rtl")
      expect(await ann.getByRole("button", { name: "Reply", exact: true }).count()).toBe(0)
      await ann.screenshot({ path: join(shots, "rtl.png"), fullPage: true })
      const rtl = await axe(ann)
      expect(rtl, JSON.stringify(rtl, null, 2)).toEqual([])

      expect(problems).toEqual([])
    }
  })
}
