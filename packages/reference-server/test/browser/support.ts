/**
 * What the dashboard's browser tests stand on: a saas reference server on
 * port 0 (memory stores, a recording mailer to read codes and invitation
 * links from), a tiny page server on another origin for embed.js, Debian's
 * Chromium through playwright-core, axe-core in the page, screenshots.
 * Without /usr/bin/chromium the suite says "skipped: …", unless
 * KOMMIES_REQUIRE_SERVICES=1, then it fails. Needs the widget's and the
 * dashboard's builds (embed.js, dist/dashboard).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs"
import { createRequire } from "node:module"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core"
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest"
import type { PaymentProvider } from "@kommies/core"
import type { Layer } from "effect"
import { startWorld, type World } from "./world.js"

export { type EmbedPage, startEmbedPage, startWorld, type World } from "./world.js"

export const CHROMIUM = "/usr/bin/chromium"
export const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
]
export const PASSWORD = "a long enough password"
const packageRoot = fileURLToPath(new URL("../../", import.meta.url))
export const SHOTS = join(packageRoot, "test", "browser", "__screenshots__")

/**
 * `describe` when Chromium and the builds are there; otherwise a skip that
 * says why, or a failure under KOMMIES_REQUIRE_SERVICES=1.
 */
export const browserDescribe = (title: string, body: () => void) => {
  const missing = [
    existsSync(CHROMIUM) ? null : `no Chromium at ${CHROMIUM}`,
    existsSync(join(packageRoot, "dist", "dashboard", "index.html"))
      ? null
      : "the dashboard is not built (node packages/reference-server/scripts/build-dashboard.mjs)",
    existsSync(join(packageRoot, "..", "widget-solid", "dist", "embed.js"))
      ? null
      : "embed.js is not built (npm run build -w @kommies/widget-solid)",
  ].filter((why): why is string => why !== null)
  if (missing.length === 0) return describe(title, body)
  if (process.env.KOMMIES_REQUIRE_SERVICES === "1")
    return describe(title, () => {
      it("needs Chromium and the builds (KOMMIES_REQUIRE_SERVICES=1)", () => {
        expect.fail(missing.join("; "))
      })
    })
  return describe.skip(`skipped: ${missing.join("; ")}`, () => {
    it(title, () => {})
  })
}

export const launch = (): Promise<Browser> =>
  chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS })

/** A fresh browser context (its own cookies), at a desktop size. */
export const newContext = (browser: Browser): Promise<BrowserContext> =>
  browser.newContext({ serviceWorkers: "block", viewport: { width: 1200, height: 900 } })

/**
 * Page errors and Content-Security-Policy refusals: the dashboard runs under
 * `script-src 'self'`, so an inline script or eval shows up here.
 */
export const watch = (page: Page): Array<string> => {
  const problems: Array<string> = []
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`))
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) problems.push(`csp: ${message.text()}`)
  })
  return problems
}

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve("axe-core/axe.min.js"),
  "utf8",
)

export interface AxeViolation {
  readonly id: string
  readonly impact: string | null
  readonly help: string
  readonly targets: ReadonlyArray<string>
}

/**
 * Every axe-core violation on the page. The source is evaluated through the
 * DevTools protocol, which the page's CSP does not govern (a `<script>` tag
 * would be refused, as it should be).
 */
export const axe = async (page: Page): Promise<Array<AxeViolation>> => {
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axeSource)
  return page.evaluate(async () => {
    const { axe } = window as unknown as {
      axe: { run: (context: unknown) => Promise<{ violations: Array<Record<string, unknown>> }> }
    }
    const result = await axe.run(document)
    return result.violations.map((v) => ({
      id: String(v.id),
      impact: (v.impact as string | null) ?? null,
      help: String(v.help),
      targets: (v.nodes as Array<{ target: Array<string> }>).map((n) => n.target.join(" ")),
    }))
  })
}

/** Screenshot named for the screen, and no axe violation on it. */
export const check = async (page: Page, name: string) => {
  mkdirSync(SHOTS, { recursive: true })
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true })
  const violations = await axe(page)
  expect(violations, `${name}: ${JSON.stringify(violations, null, 2)}`).toEqual([])
}

/** What a suite shares: its server, its browser, and the contexts it opened. */
export interface Harness {
  readonly world: World
  readonly browser: Browser
  /** A new browser context (own cookies), closed after the suite. */
  readonly open: () => Promise<BrowserContext>
}

/**
 * Starts a server and Chromium for the suite, and stops them after it. When
 * a case fails, every open page is photographed as `failure-<label>-…png`.
 */
export const useHarness = (
  label: string,
  env: Record<string, string> = {},
  paymentProvider?: Layer.Layer<PaymentProvider.PaymentProvider>,
): Harness => {
  let world: World | undefined
  let browser: Browser | undefined
  const contexts: Array<BrowserContext> = []
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true })
    for (const file of readdirSync(SHOTS))
      if (file.startsWith(`failure-${label}-`)) rmSync(join(SHOTS, file))
    ;[world, browser] = await Promise.all([startWorld(env, paymentProvider), launch()])
  })
  afterEach(async (context) => {
    if (context.task.result?.state !== "fail") return
    const pages = contexts.flatMap((c) => c.pages())
    const name = context.task.name.split(" ")[0]
    await Promise.all(
      pages.map((page, i) =>
        page
          .screenshot({ path: join(SHOTS, `failure-${label}-${name}-${i}.png`), fullPage: true })
          .catch(() => {}),
      ),
    )
  })
  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close().catch(() => {})))
    await browser?.close()
    await world?.server.close({ graceMs: 1_000 })
  })
  return {
    get world() {
      if (world === undefined) throw new Error("the server has not started")
      return world
    },
    get browser() {
      if (browser === undefined) throw new Error("Chromium has not started")
      return browser
    },
    open: async () => {
      if (browser === undefined) throw new Error("Chromium has not started")
      const context = await newContext(browser)
      contexts.push(context)
      return context
    },
  }
}

/** Waits for a screen's title. */
export const heading = (page: Page, name: string) =>
  page.getByRole("heading", { level: 1, name, exact: true }).waitFor()

/** A link of the site's menu. */
export const menu = (page: Page, name: string) =>
  page.getByRole("navigation", { name: /menu$/ }).getByRole("link", { name, exact: true })

/** Creates an account from the create-account screen, through the emailed code. */
export const signUp = async (world: World, page: Page, name: string, email: string) => {
  await heading(page, "Create an account")
  await page.getByLabel("Name").fill(name)
  await page.getByLabel("Email").fill(email)
  await page.getByLabel("Password").fill(PASSWORD)
  const sent = (await world.mails(email)).length
  await page.getByRole("button", { name: "Create account" }).click()
  await heading(page, "Verify your email")
  await page.getByLabel("Code").fill(await world.code(email, sent))
  await page.getByRole("button", { name: "Verify" }).click()
}
