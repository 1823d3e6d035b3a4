/**
 * The dashboard of a standalone server in Chromium: one site configured by
 * the server, owned by the first account that verifies its email; nobody
 * creates sites there, and billing is not a thing.
 */
import { expect, it } from "vitest"
import { browserDescribe, check, heading, menu, signUp, useHarness, watch } from "./support.js"

browserDescribe("dashboard in Chromium (standalone)", () => {
  const harness = useHarness("standalone", {
    KOMMIES_MODE: "standalone",
    KOMMIES_SITE_NAME: "The team blog",
  })

  it("the first verified account owns the server's site; no site can be created", async () => {
    const page = await (await harness.open()).newPage()
    page.setDefaultTimeout(10_000)
    const problems = watch(page)
    await page.goto(`${harness.world.origin}/dashboard/#/signup`)
    await signUp(harness.world, page, "Sam Standalone", "sam@example.com")
    await heading(page, "Your sites")
    await page.getByText(/its one site is configured by the server/).waitFor()
    expect(await page.getByRole("button", { name: "Create site" }).count()).toBe(0)
    const site = page.getByRole("row").filter({ hasText: "The team blog" })
    await site.waitFor()
    await expect(site.getByRole("cell", { name: "owner", exact: true }).count()).resolves.toBe(1)
    await check(page, "standalone-sites")

    await site.getByRole("link", { name: "The team blog" }).click()
    await heading(page, "Install")
    await menu(page, "Billing").click()
    await page.getByText("Billing is off on this server — every plan is unlimited").waitFor()
    expect(problems).toEqual([])
  })
})
