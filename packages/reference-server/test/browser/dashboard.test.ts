/**
 * The dashboard in Chromium against a real saas server, moderating a site:
 * an owner signs up, creates a site, sets pre-moderation, copies the embed
 * snippet into a page on another origin where a reader comments through
 * embed.js, approves the comment in bulk, bans the commenter from their
 * history, searches, reads analytics and usage, survives an expired access
 * token, and rotates the public key (the page's old key stops working).
 * Every screen is checked with axe-core (no violations) and photographed
 * into __screenshots__/. The team, billing, dark mode and the account's
 * own flows are in dashboard-account.test.ts.
 *
 * The cases run in order and build on each other, like a person would.
 */
import type { Page } from "playwright-core"
import { afterAll, beforeAll, expect, it } from "vitest"
import {
  browserDescribe,
  check,
  type EmbedPage,
  heading,
  menu,
  signUp,
  startEmbedPage,
  useHarness,
  watch,
} from "./support.js"

const OWNER = "owner@example.com"
/** The widget holds back comments sent within 2 s of the composer opening (too-fast submit). */
const HUMAN_PAUSE_MS = 2_100

browserDescribe("dashboard in Chromium (saas): a site and its comments", () => {
  const harness = useHarness("saas")
  let embed: EmbedPage
  let owner: Page
  let ownerProblems: Array<string>
  let publicKey = ""
  let commenterHistory = ""

  beforeAll(async () => {
    embed = await startEmbedPage()
    const context = await harness.open()
    await context.grantPermissions(["clipboard-read", "clipboard-write"], {
      origin: harness.world.origin,
    })
    owner = await context.newPage()
    owner.setDefaultTimeout(10_000)
    ownerProblems = watch(owner)
  })
  afterAll(() => embed?.close())
  const open = () => harness.open()

  it("sign up – an account is created and verified with the emailed code", async () => {
    await owner.goto(`${harness.world.origin}/dashboard/`)
    await heading(owner, "Sign in")
    await check(owner, "sign-in")
    await owner.getByRole("link", { name: /Create an account/ }).click()
    await signUp(harness.world, owner, "Olive Owner", OWNER)
    await heading(owner, "Your sites")
    await expect(owner.getByRole("button", { name: "Sign out" }).isVisible()).resolves.toBe(true)
  })

  it("sites – a new site shows its secret key once", async () => {
    await owner.getByLabel("Site name").fill("My blog")
    await owner.getByLabel("Allowed origins").fill(embed.origin)
    await owner.getByRole("button", { name: "Create site" }).click()
    const secret = owner.getByTestId("shown-once")
    await secret.waitFor()
    expect(await secret.textContent()).toMatch(/^ks_/)
    await check(owner, "sites")
    await owner.getByRole("link", { name: "My blog" }).click()
    await heading(owner, "Install")
    expect(owner.url()).toMatch(/#\/sites\/[^/]+\/install$/)
    // A reload resumes the session from the refresh cookie: no second sign-in.
    await owner.reload()
    await heading(owner, "Install")
    // The secret key is gone for good: nothing on any screen shows it again.
    expect(await owner.getByTestId("shown-once").count()).toBe(0)
  })

  it("settings – pre-moderation is saved; a bad value shows the API's problem", async () => {
    await menu(owner, "Settings").click()
    await heading(owner, "Settings")
    // Every site has a widget theme, automatic until the owner chooses.
    await expect(owner.getByLabel("Widget theme").inputValue()).resolves.toBe("auto")
    await owner.getByLabel("Moderation mode").selectOption("pre")
    await owner.getByLabel("Widget theme").selectOption("light")
    await owner.getByRole("button", { name: "Save settings" }).click()
    await owner.getByText("Settings saved.").waitFor()
    await check(owner, "settings")
    await owner.reload()
    await heading(owner, "Settings")
    await expect(owner.getByLabel("Widget theme").inputValue()).resolves.toBe("light")
    // The browser's own checks are bypassed to see the server's validation message.
    await owner.getByLabel("Deepest reply level").evaluate((input) => {
      ;(input as HTMLInputElement).removeAttribute("max")
    })
    await owner.getByLabel("Deepest reply level").fill("99")
    await owner.getByRole("button", { name: "Save settings" }).click()
    const alert = owner.getByRole("alert")
    await alert.waitFor()
    expect(await alert.getAttribute("data-code")).toMatch(/invalid|bad_request|validation/)
    await owner.getByLabel("Deepest reply level").fill("5")
    await owner.getByRole("button", { name: "Save settings" }).click()
    await owner.getByText("Settings saved.").waitFor()
  })

  it("install – the copied script tag shows comments on another origin, and a reader posts", async () => {
    await menu(owner, "Install").click()
    await heading(owner, "Install")
    await check(owner, "install")
    publicKey = (await owner.locator("p code").first().textContent()) ?? ""
    expect(publicKey).toMatch(/^kp_/)
    await owner.getByRole("button", { name: "Copy Any page: the script tag snippet" }).click()
    await owner.getByText("Copied", { exact: true }).waitFor()
    const snippet = await owner.evaluate(() => navigator.clipboard.readText())
    expect(snippet).toContain(`data-kommies-site="${publicKey}"`)
    expect(snippet).toContain(`${harness.world.origin}/embed.js`)
    embed.setBody(snippet)

    const reader = await (await open()).newPage()
    reader.setDefaultTimeout(10_000)
    await reader.goto(`${embed.origin}/post/1`)
    const name = reader.getByLabel("Name", { exact: true })
    // embed.js shows a "Sign in to comment" button until the reader asks for the form.
    const ask = reader.getByRole("button", { name: "Sign in to comment", exact: true })
    await name.or(ask).first().waitFor()
    if (await ask.isVisible()) await ask.click()
    await name.fill("Rita Reader")
    await reader
      .locator("form")
      .filter({ has: name })
      .getByRole("button", { name: "Sign in", exact: true })
      .click()
    const box = reader.getByRole("textbox", { name: "Write a comment" })
    await box.waitFor()
    const opened = Date.now()
    await box.fill("First! Great **post**")
    await reader.waitForTimeout(Math.max(0, opened + HUMAN_PAUSE_MS - Date.now()))
    await reader
      .locator("form")
      .filter({ has: box })
      .getByRole("button", { name: "Post", exact: true })
      .click()
    await reader.getByText("Awaiting moderation").first().waitFor()
  })

  it("moderation – the comment waits in the queue and is approved in bulk", async () => {
    await menu(owner, "Moderation").click()
    await heading(owner, "Moderation")
    const row = owner.getByRole("row").filter({ hasText: "First! Great post" })
    await row.waitFor()
    // The page the comment is on: its key, under its title when the page gave one.
    await row.getByRole("cell").filter({ hasText: "/post/1" }).waitFor()
    await check(owner, "moderation")
    commenterHistory =
      (await row.getByRole("link", { name: "Rita Reader" }).getAttribute("href")) ?? ""
    expect(commenterHistory).toMatch(/^#\/sites\/.+\/commenters\//)
    await owner.getByRole("checkbox", { name: "Select all comments" }).check()
    await expect(owner.getByText("1 selected").isVisible()).resolves.toBe(true)
    await owner.getByRole("button", { name: "Approve", exact: true }).click()
    await owner.getByText("1 comment approved.").waitFor()
    await owner.getByText("Nothing here: the queue is empty.").waitFor()
    // The other filters: nothing was reported, marked as spam or rejected.
    for (const kind of ["Reported", "Spam", "Rejected"]) {
      await owner.getByRole("radio", { name: kind }).check()
      await owner.getByText("Nothing here: the queue is empty.").waitFor()
    }
    await owner.getByRole("radio", { name: "Pending" }).check()
    // Published: anybody reading the thread through the API sees it now.
    const thread = await fetch(
      `${harness.world.origin}/api/threads/${encodeURIComponent("/post/1")}/comments?key=${publicKey}`,
    )
    expect(thread.status).toBe(200)
    const page = (await thread.json()) as { comments: Array<{ html: string; status: string }> }
    expect(page.comments.map((c) => c.status)).toEqual(["approved"])
  })

  it("history – the commenter's comments, and a ban from there", async () => {
    await owner.goto(`${harness.world.origin}/dashboard/${commenterHistory}`)
    await heading(owner, "Rita Reader")
    await owner.getByRole("row").filter({ hasText: "First! Great post" }).waitFor()
    await check(owner, "commenter")
    await owner.getByLabel("Duration").selectOption("1 week")
    await owner.getByLabel("Reason (for the audit log)").fill("Testing bans")
    await expect(owner.getByText("Not banned.").isVisible()).resolves.toBe(true)
    await owner.getByRole("button", { name: "Ban Rita Reader" }).click()
    await owner.getByText(/Rita Reader is banned until/).waitFor()
    // On the next visit the ban shows at once, with a way to lift it.
    await owner.reload()
    await heading(owner, "Rita Reader")
    await owner.getByText(/^Banned until /).waitFor()
    await owner.getByText(/Testing bans/).waitFor()
    await check(owner, "commenter-banned")
    await owner.getByRole("button", { name: "Unban Rita Reader" }).click()
    await owner.getByText("Rita Reader's ban is lifted.").waitFor()
    await owner.getByText("Not banned.").waitFor()
    await owner.getByRole("radio", { name: "Shadow ban (only they see their comments)" }).check()
    await owner.getByRole("button", { name: "Ban Rita Reader" }).click()
    await owner.getByText(/^Shadow-banned until the ban is lifted/).waitFor()
    await owner.getByLabel("Commenter role").selectOption("moderator")
    await owner.getByRole("button", { name: "Set role" }).click()
    await owner.getByText("Rita Reader is now moderator.").waitFor()
    await owner.getByLabel("Commenter role").selectOption("user")
    await owner.getByRole("button", { name: "Set role" }).click()
    await owner.getByText("Rita Reader is now user.").waitFor()
    await menu(owner, "Audit log").click()
    await heading(owner, "Audit log")
    await owner.getByRole("cell", { name: "commenter.ban" }).first().waitFor()
    await owner.getByRole("cell", { name: "commenter.unban" }).waitFor()
    await owner.getByRole("cell", { name: "commenter.role" }).first().waitFor()
    await check(owner, "audit")
  })

  it("search – finds the comment by a word of its body, with a link to the author", async () => {
    await menu(owner, "Search").click()
    await heading(owner, "Search")
    await owner.getByLabel("Search comments").fill("great")
    await owner.getByRole("button", { name: "Search", exact: true }).click()
    await owner.getByText("1 result for “great”").waitFor()
    const row = owner.getByRole("row").filter({ hasText: "First! Great post" })
    await row.getByRole("link", { name: "Rita Reader" }).waitFor()
    await check(owner, "search")
  })

  it("analytics and usage – a chart drawn with the day's comment, and the meters", async () => {
    await menu(owner, "Analytics").click()
    await heading(owner, "Analytics")
    await expect.poll(() => owner.getByTestId("total-comments").textContent()).toBe("1")
    const chart = owner.getByRole("figure", { name: /^Comments per day/ })
    const canvas = chart.locator("canvas")
    await canvas.waitFor()
    const drawn = await canvas.evaluate((el) => {
      const c = el as HTMLCanvasElement
      const pixels = c.getContext("2d")?.getImageData(0, 0, c.width, c.height).data ?? []
      let inked = 0
      for (let i = 3; i < pixels.length; i += 4) if ((pixels[i] ?? 0) > 0) inked++
      return { width: c.width, inked }
    })
    expect(drawn.width).toBeGreaterThan(200)
    expect(drawn.inked).toBeGreaterThan(100)
    // The same numbers as a table (inside "The numbers"), for people who do not see the canvas.
    await expect(chart.locator("td", { hasText: /^1$/ }).count()).resolves.toBe(1)
    await check(owner, "analytics")

    await menu(owner, "Usage").click()
    await heading(owner, "Usage")
    const comments = owner.getByTestId("meter-comments")
    await comments.waitFor()
    expect(await comments.locator("output").textContent()).toMatch(/^1\b/)
    await check(owner, "usage")
  })

  it("session – a 401 refreshes the session once and the call is tried again", async () => {
    let refused = 0
    let refreshes = 0
    const count = (request: { url: () => string }) => {
      if (request.url().endsWith("/dashboard/api/refresh")) refreshes++
    }
    owner.on("request", count)
    // As if the access token had just expired: the API refuses the first call.
    await owner.route("**/api/site/usage", (route) =>
      refused++ === 0
        ? route.fulfill({
            status: 401,
            contentType: "application/problem+json",
            body: JSON.stringify({
              type: "urn:kommies:problem:token_expired",
              title: "Unauthorized",
              status: 401,
              detail: "The access token has expired",
              code: "token_expired",
            }),
          })
        : route.continue(),
    )
    try {
      await menu(owner, "Analytics").click()
      await heading(owner, "Analytics")
      await menu(owner, "Usage").click()
      await heading(owner, "Usage")
      await owner.getByTestId("meter-comments").waitFor()
      expect(refused).toBe(2)
      expect(refreshes).toBe(1)
      expect(await owner.getByRole("alert").count()).toBe(0)
    } finally {
      owner.off("request", count)
      await owner.unroute("**/api/site/usage")
    }
  })

  it("keys – rotating the public key stops the old one on the page", async () => {
    await menu(owner, "Keys").click()
    await heading(owner, "Keys")
    await check(owner, "keys")
    await owner.getByRole("button", { name: "Rotate public key" }).click()
    await owner.getByRole("button", { name: "Yes, rotate the public key" }).click()
    await expect.poll(() => owner.getByTestId("public-key").textContent()).not.toBe(publicKey)
    const fresh = (await owner.getByTestId("public-key").textContent()) ?? ""
    expect(fresh).toMatch(/^kp_/)

    // A new secret key is shown once, and works as the site's owner key.
    await owner.getByRole("button", { name: "Rotate secret key" }).click()
    await owner.getByRole("button", { name: "Yes, rotate the secret key" }).click()
    const secret = (await owner.getByTestId("shown-once").textContent()) ?? ""
    expect(secret).toMatch(/^ks_/)
    const site = await fetch(`${harness.world.origin}/api/site`, {
      headers: { authorization: `Bearer ${secret}` },
    })
    expect(site.status).toBe(200)
    expect(((await site.json()) as { publicKey: string }).publicKey).toBe(fresh)

    // The page still embeds the old key: the API refuses it. The refusal says
    // nothing about any site, so it carries CORS headers for the page, which
    // reads it and says what is wrong; the status is also seen through the
    // DevTools protocol.
    const reader = await (await open()).newPage()
    const cdp = await reader.context().newCDPSession(reader)
    // Requests of the thread (not CORS preflights), and the status each got.
    const threadRequests = new Set<string>()
    const answers: Array<number> = []
    cdp.on("Network.requestWillBeSent", (event) => {
      if (event.request.url.includes("/api/threads/") && event.request.method !== "OPTIONS")
        threadRequests.add(event.requestId)
    })
    cdp.on("Network.responseReceivedExtraInfo", (event) => {
      if (threadRequests.has(event.requestId)) answers.push(event.statusCode)
    })
    await cdp.send("Network.enable")
    await reader.goto(`${embed.origin}/post/1`)
    await expect.poll(() => answers.length, { timeout: 10_000 }).toBeGreaterThan(0)
    expect(
      answers.every((status) => status === 401 || status === 404),
      `${answers}`,
    ).toBe(true)
    expect(await reader.getByText("First! Great post").count()).toBe(0)
    await reader.getByRole("alert").filter({ hasText: "This site's key is not valid." }).waitFor()
    const old = await fetch(
      `${harness.world.origin}/api/threads/${encodeURIComponent("/post/1")}/comments?key=${publicKey}`,
      { headers: { origin: embed.origin } },
    )
    expect([401, 404]).toContain(old.status)
    expect(old.headers.get("access-control-allow-origin")).toBe(embed.origin)
    // With the new key, the same thread reads fine.
    const thread = await fetch(
      `${harness.world.origin}/api/threads/${encodeURIComponent("/post/1")}/comments?key=${fresh}`,
    )
    expect(thread.status).toBe(200)
  })

  it("no page error and no CSP refusal all along", () => {
    expect(ownerProblems).toEqual([])
  })
})
