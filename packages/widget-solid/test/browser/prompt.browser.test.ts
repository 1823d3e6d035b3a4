// @vitest-environment node
/**
 * examples/static in Chromium, as a reader signed out: embed.js alone until
 * the reader acts (what they download is measured here), the "Sign in to
 * comment" button (fetches the sign-in part on hover or focus, opens it on
 * click or Enter, busy without moving while it loads, a message and another
 * try when it fails), and axe-core clean in light, dark and Arabic. The
 * signed-in flows are ../../../client/test/browser/harness.ts's.
 */
import { existsSync } from "node:fs"
import { gzipSync } from "node:zlib"
import type { Browser, BrowserContext, Page, Route } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  axe,
  CHROMIUM,
  type Example,
  launch,
  startExample,
} from "../../../client/test/browser/harness.js"

const title = "embed.js in Chromium (examples/static): a reader signed out"
const KB = 1024

if (!existsSync(CHROMIUM)) {
  if (process.env.KOMMIES_REQUIRE_SERVICES === "1")
    describe(title, () => {
      it("needs Chromium (KOMMIES_REQUIRE_SERVICES=1)", () => {
        expect.fail(`no Chromium at ${CHROMIUM}: .ci/run installs Debian's chromium`)
      })
    })
  else
    describe.skip(`skipped: no Chromium at ${CHROMIUM}`, () => {
      it(title, () => {})
    })
} else
  describe(title, () => {
    let app: Example
    let browser: Browser
    const contexts: Array<BrowserContext> = []

    beforeAll(async () => {
      ;[app, browser] = await Promise.all([startExample("static"), launch()])
    }, 30_000)
    afterAll(async () => {
      await Promise.all(contexts.map((context) => context.close().catch(() => {})))
      await browser?.close()
      await app?.stop()
    })

    /** A fresh reader (no session), and the paths of the files of dist/ the page asked for. */
    const open = async () => {
      const context = await browser.newContext({
        serviceWorkers: "block",
        viewport: { width: 800, height: 900 },
      })
      contexts.push(context)
      const page = await context.newPage()
      page.setDefaultTimeout(10_000)
      const asked: Array<string> = []
      page.on("request", (request) => {
        const { origin, pathname } = new URL(request.url())
        if (origin === app.origin && /\.(js|css)$/.test(pathname)) asked.push(pathname)
      })
      const problems: Array<string> = []
      page.on("pageerror", (error) => problems.push(error.message))
      return { page, asked, problems }
    }

    /** Holds `embed-signin.js` until `release()`, or fails it. */
    const hold = async (page: Page, fail = false) => {
      let release = () => {}
      const held = new Promise<void>((resolve) => {
        release = resolve
      })
      await page.route("**/embed-signin.js", async (route: Route) => {
        await held
        await (fail ? route.abort("failed") : route.continue())
      })
      return release
    }

    const prompt = (page: Page, name = "Sign in to comment") =>
      page.getByRole("button", { name, exact: true })
    const settled = (page: Page) => page.getByText("No comments yet", { exact: false }).waitFor()

    it("downloads embed.js alone until the reader acts, then the sign-in part", async () => {
      const { page, asked, problems } = await open()
      const release = await hold(page)
      await page.goto(`${app.origin}/`)
      await prompt(page).waitFor()
      await settled(page)
      await page.waitForTimeout(300)
      expect(asked.sort()).toEqual(["/count.js", "/embed.js", "/styles.css"])
      // What the reader has downloaded: the scripts and the stylesheet, gzip -9 each.
      const sizes = Object.fromEntries(
        await Promise.all(
          asked.map(async (path) => {
            const bytes = new Uint8Array(await (await fetch(`${app.origin}${path}`)).arrayBuffer())
            return [path, gzipSync(bytes, { level: 9 }).length] as const
          }),
        ),
      )
      console.info(
        `a reader signed out, before acting: ${Object.entries(sizes)
          .map(([path, size]) => `${path} ${(size / KB).toFixed(2)} KB`)
          .join(", ")} (min+gzip)`,
      )
      expect(sizes["/embed.js"]).toBeLessThanOrEqual(15 * KB)
      const light = await axe(page)
      expect(light, JSON.stringify(light, null, 2)).toEqual([])

      // Pointing at it fetches the part; pressing it says it is busy, and nothing moves.
      const button = prompt(page)
      const box = await button.boundingBox()
      const list = await page.locator(".kommies-status").boundingBox()
      await button.hover()
      await expect.poll(() => asked.includes("/embed-signin.js")).toBe(true)
      await button.click()
      await expect.poll(() => button.getAttribute("aria-busy")).toBe("true")
      expect(await button.boundingBox()).toEqual(box)
      expect(await page.locator(".kommies-status").boundingBox()).toEqual(list)
      release()
      const name = page.getByLabel("Name", { exact: true })
      await name.waitFor()
      expect(await name.evaluate((el) => el === document.activeElement)).toBe(true)
      expect(await prompt(page).count()).toBe(0)
      expect(problems).toEqual([])
    })

    it("opens with the keyboard (focus fetches, Enter opens)", async () => {
      const { page, asked, problems } = await open()
      await page.goto(`${app.origin}/`)
      await prompt(page).waitFor()
      await settled(page)
      expect(asked.filter((path) => path.startsWith("/embed-"))).toEqual([])
      await prompt(page).focus()
      await expect.poll(() => asked.includes("/embed-signin.js")).toBe(true)
      await page.keyboard.press("Enter")
      const name = page.getByLabel("Name", { exact: true })
      await name.waitFor()
      expect(await name.evaluate((el) => el === document.activeElement)).toBe(true)
      expect(problems).toEqual([])
    })

    it("says so when the part fails to load, and tries again when pressed", async () => {
      const { page, problems } = await open()
      const release = await hold(page, true)
      release()
      await page.goto(`${app.origin}/`)
      const button = prompt(page)
      await button.click()
      await expect(page.getByRole("alert").textContent()).resolves.toBe(
        "Something went wrong. Please try again.",
      )
      expect(await button.getAttribute("aria-busy")).toBe("false")
      const failed = await axe(page)
      expect(failed, JSON.stringify(failed, null, 2)).toEqual([])
      await page.unroute("**/embed-signin.js")
      await button.click()
      await page.getByLabel("Name", { exact: true }).waitFor()
      expect(await page.getByRole("alert").count()).toBe(0)
      expect(problems).toEqual([])
    })

    it("is labelled and axe-clean in dark mode and in Arabic", async () => {
      const { page, asked } = await open()
      await page.goto(`${app.origin}/?theme=dark`)
      await prompt(page).waitFor()
      await page.locator('section.kommies[data-kommies-theme="dark"]').waitFor()
      const dark = await axe(page)
      expect(dark, JSON.stringify(dark, null, 2)).toEqual([])
      await page.goto(`${app.origin}/?locale=ar`)
      await prompt(page, "تسجيل الدخول للتعليق").waitFor()
      const rtl = await axe(page)
      expect(rtl, JSON.stringify(rtl, null, 2)).toEqual([])
      expect(asked.filter((path) => path.startsWith("/embed-"))).toEqual([])
    })
  })
