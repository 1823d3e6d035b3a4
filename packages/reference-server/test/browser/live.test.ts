/**
 * Presence and typing in Chromium: two readers on the demo page (whose
 * comments have `data-kommies-live`), each in a browser context of its own,
 * over the server's realtime WebSocket. Both see "2 reading now"; one signs
 * in as a guest and types in the composer, and the other sees their name
 * typing; when one leaves, the other's notice goes. No axe violation, no
 * Content-Security-Policy refusal (the socket is `connect-src 'self'`).
 */
import type { Page } from "playwright-core"
import { expect, it } from "vitest"
import { axe, browserDescribe, useHarness, watch } from "./support.js"

/** The live region of the demo's comments. */
const notice = (page: Page) => page.locator('.kommies-header [aria-live="polite"]')

browserDescribe("embed.js live notices in Chromium: readers and typing on the demo page", () => {
  const harness = useHarness("live")

  const reader = async () => {
    const page = await (await harness.open()).newPage()
    page.setDefaultTimeout(10_000)
    const problems = watch(page)
    await page.goto(`${harness.world.origin}/demo`)
    return { page, problems }
  }

  it("live – two readers see each other, and one sees the other typing", async () => {
    const ada = await reader()
    const bo = await reader()
    for (const { page } of [ada, bo])
      await expect.poll(() => notice(page).textContent()).toBe("2 reading now")

    // Ada signs in as a guest and types; Bo sees her name (the socket identified her).
    const ask = ada.page.getByRole("button", { name: "Sign in to comment", exact: true })
    await ask.click()
    const name = ada.page.getByLabel("Name", { exact: true })
    await name.fill("Ada")
    await ada.page
      .locator("form")
      .filter({ has: name })
      .getByRole("button", { name: "Sign in", exact: true })
      .click()
    const box = ada.page.getByRole("textbox", { name: "Write a comment" })
    await box.waitFor()
    // The name follows the token a moment after signing in: keep typing until it shows.
    const typing = bo.page.getByText("Ada is typing…")
    for (let i = 0; i < 20 && !(await typing.isVisible()); i++) {
      await box.pressSequentially("hi ")
      await bo.page.waitForTimeout(500)
    }
    await typing.waitFor()
    await expect.poll(() => notice(bo.page).textContent()).toBe("2 reading now · Ada is typing…")
    // Nobody else types on Ada's side: she only sees the count.
    expect(await notice(ada.page).textContent()).toBe("2 reading now")
    expect(await axe(bo.page)).toEqual([])
    expect(await axe(ada.page)).toEqual([])

    // Ada leaves: Bo is the only reader again, and nothing is said.
    await ada.page.context().close()
    await expect.poll(() => notice(bo.page).textContent(), { timeout: 10_000 }).toBe("")
    expect(ada.problems).toEqual([])
    expect(bo.problems).toEqual([])
  }, 60_000)
})
