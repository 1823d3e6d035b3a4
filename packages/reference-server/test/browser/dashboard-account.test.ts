/**
 * The dashboard in Chromium against a real saas server, around the account
 * and the team: an owner invites a moderator, who accepts in another browser
 * (signing up first, with a code sent again) and sees the queue but not the
 * keys; the owner promotes and then removes them; invited again as an admin,
 * they leave on their own; billing is off on this server; dark mode follows the
 * system; sign out, sign in, and a reset password. Every screen is checked
 * with axe-core (no violations) and photographed into __screenshots__/.
 *
 * The cases run in order and build on each other, like a person would.
 */
import type { Page } from "playwright-core"
import { beforeAll, expect, it } from "vitest"
import {
  browserDescribe,
  check,
  heading,
  menu,
  PASSWORD,
  signUp,
  useHarness,
  watch,
} from "./support.js"

const OWNER = "olive@example.com"
const MODERATOR = "mo@example.com"

browserDescribe("dashboard in Chromium (saas): team and account", () => {
  const harness = useHarness("account")
  let owner: Page
  let mod: Page
  let ownerProblems: Array<string>
  let modProblems: Array<string>
  let siteId = ""

  beforeAll(async () => {
    owner = await (await harness.open()).newPage()
    owner.setDefaultTimeout(10_000)
    ownerProblems = watch(owner)
    mod = await (await harness.open()).newPage()
    mod.setDefaultTimeout(10_000)
    modProblems = watch(mod)
  })

  it("setup – an owner with a site", async () => {
    await owner.goto(`${harness.world.origin}/dashboard/#/signup`)
    await signUp(harness.world, owner, "Olive Owner", OWNER)
    await heading(owner, "Your sites")
    await owner.getByLabel("Site name").fill("Team site")
    await owner.getByRole("button", { name: "Create site" }).click()
    await owner.getByRole("link", { name: "Team site" }).click()
    await heading(owner, "Install")
    siteId = /#\/sites\/([^/]+)\//.exec(owner.url())?.[1] ?? ""
    expect(siteId).not.toBe("")
  })

  it("team – an invited moderator signs up, accepts, and sees the queue but not the keys", async () => {
    await menu(owner, "Team").click()
    await heading(owner, "Team")
    await owner.getByLabel("Email to invite").fill(MODERATOR)
    await owner.getByLabel("Role", { exact: true }).selectOption("moderator")
    await owner.getByRole("button", { name: "Send invitation" }).click()
    await owner.getByText(`Invitation sent to ${MODERATOR}.`).waitFor()
    await owner.getByText(`${MODERATOR} as moderator`).waitFor()
    await check(owner, "team")

    await mod.goto(await harness.world.invitation(MODERATOR))
    await heading(mod, "You are invited")
    await check(mod, "invitation")
    await mod.getByRole("link", { name: "Create an account" }).click()
    // The first code goes astray: a new one is sent, and only the new one works.
    await heading(mod, "Create an account")
    await mod.getByLabel("Name").fill("Mo Derator")
    await mod.getByLabel("Email").fill(MODERATOR)
    await mod.getByLabel("Password").fill(PASSWORD)
    const sent = (await harness.world.mails(MODERATOR)).length
    await mod.getByRole("button", { name: "Create account" }).click()
    await heading(mod, "Verify your email")
    const lost = await harness.world.code(MODERATOR, sent)
    await mod.getByRole("button", { name: "Send the code again" }).click()
    await mod.getByText(/A new code is on its way/).waitFor()
    await check(mod, "verify-resent")
    const fresh = await harness.world.code(MODERATOR, sent + 1)
    await mod.getByLabel("Code").fill(lost)
    await mod.getByRole("button", { name: "Verify" }).click()
    await mod.getByRole("alert").waitFor()
    await mod.getByLabel("Code").fill(fresh)
    await mod.getByRole("button", { name: "Verify" }).click()
    await heading(mod, "You are invited")
    await mod.getByRole("button", { name: "Accept invitation" }).click()
    await heading(mod, "Moderation")
    expect(mod.url()).toContain(`#/sites/${siteId}/moderation`)
    await expect(menu(mod, "Moderation").count()).resolves.toBe(1)
    await expect(menu(mod, "Search").count()).resolves.toBe(1)
    for (const hidden of ["Keys", "Billing", "Settings", "Audit log", "Analytics"])
      await expect(menu(mod, hidden).count(), hidden).resolves.toBe(0)
    await check(mod, "moderator-queue")
    // A moderator's Team screen is only the way out.
    await menu(mod, "Team").click()
    await heading(mod, "Team")
    await mod.getByRole("button", { name: "Leave this site" }).waitFor()
    expect(await mod.getByRole("table").count()).toBe(0)
    await check(mod, "moderator-team")
    await menu(mod, "Moderation").click()
    await heading(mod, "Moderation")
    // Typing the address of a screen the role may not open says so.
    await mod.goto(`${harness.world.origin}/dashboard/#/sites/${siteId}/keys`)
    await heading(mod, "Not for your role")

    await owner.reload()
    await heading(owner, "Team")
    await owner.getByRole("cell", { name: MODERATOR }).waitFor()
    await owner.getByText("None.").waitFor()
  })

  it("team – the owner makes the moderator an admin, then removes them", async () => {
    await owner.getByLabel("Role of Mo Derator").selectOption("admin")
    await expect.poll(() => owner.getByLabel("Role of Mo Derator").inputValue()).toBe("admin")
    await mod.goto(`${harness.world.origin}/dashboard/#/sites/${siteId}/settings`)
    await mod.reload()
    await heading(mod, "Settings")
    await expect(menu(mod, "Keys").count()).resolves.toBe(0)

    // By keyboard: the question takes focus, Escape takes it back to the button.
    const remove = owner.getByRole("button", { name: "Remove Mo Derator" })
    await remove.focus()
    await owner.keyboard.press("Enter")
    const yes = owner.getByRole("button", { name: "Yes, remove Mo Derator" })
    await expect.poll(() => yes.evaluate((el) => el === document.activeElement)).toBe(true)
    await owner.keyboard.press("Escape")
    await expect.poll(() => remove.evaluate((el) => el === document.activeElement)).toBe(true)
    await owner.keyboard.press("Enter")
    await owner.keyboard.press("Enter")
    await expect.poll(() => owner.getByRole("cell", { name: MODERATOR }).count()).toBe(0)
    await mod.reload()
    await heading(mod, "Site not found")
    expect(modProblems).toEqual([])
  })

  it("team – an invited admin leaves the site on their own; the owner cannot leave", async () => {
    await owner.getByLabel("Email to invite").fill(MODERATOR)
    await owner.getByLabel("Role", { exact: true }).selectOption("admin")
    await owner.getByRole("button", { name: "Send invitation" }).click()
    await owner.getByText(`Invitation sent to ${MODERATOR}.`).waitFor()
    await expect(owner.getByRole("button", { name: "Leave this site" }).count()).resolves.toBe(0)
    await mod.goto(await harness.world.invitation(MODERATOR))
    await heading(mod, "You are invited")
    await mod.getByRole("button", { name: "Accept invitation" }).click()
    await heading(mod, "Moderation")
    await menu(mod, "Team").click()
    await heading(mod, "Team")
    await mod.getByRole("cell", { name: OWNER }).waitFor()
    await mod.getByRole("button", { name: "Leave this site" }).click()
    await mod.getByRole("button", { name: "Yes, leave Team site" }).click()
    await heading(mod, "Your sites")
    await expect(mod.getByRole("link", { name: "Team site" }).count()).resolves.toBe(0)
    await owner.reload()
    await heading(owner, "Team")
    await owner.getByRole("cell", { name: OWNER }).waitFor()
    await expect.poll(() => owner.getByRole("cell", { name: MODERATOR }).count()).toBe(0)
    expect(modProblems).toEqual([])
  })

  it("keyboard – the first Tab reaches “Skip to content”, which lands on the screen's title", async () => {
    await owner.reload()
    await heading(owner, "Team")
    await owner.keyboard.press("Tab")
    const skip = owner.getByRole("button", { name: "Skip to content" })
    await expect.poll(() => skip.evaluate((el) => el === document.activeElement)).toBe(true)
    await owner.keyboard.press("Enter")
    const title = owner.getByRole("heading", { level: 1, name: "Team" })
    await expect.poll(() => title.evaluate((el) => el === document.activeElement)).toBe(true)
    expect(await owner.title()).toBe("Team – Kommies")
  })

  it("billing – off on this server: every plan is unlimited", async () => {
    await menu(owner, "Billing").click()
    await heading(owner, "Billing")
    await owner.getByText("Billing is off on this server — every plan is unlimited").waitFor()
    await check(owner, "billing")
  })

  it("dark mode – follows the system, still without axe violations", async () => {
    await owner.emulateMedia({ colorScheme: "dark" })
    await menu(owner, "Analytics").click()
    await heading(owner, "Analytics")
    await owner
      .getByRole("figure", { name: /^Comments per day/ })
      .locator("canvas")
      .waitFor()
    const background = await owner.evaluate(() => getComputedStyle(document.body).backgroundColor)
    expect(background).toBe("rgb(17, 19, 23)")
    await check(owner, "analytics-dark")
    await menu(owner, "Team").click()
    await heading(owner, "Team")
    await check(owner, "team-dark")
    await owner.emulateMedia({ colorScheme: "light" })
  })

  it("sign out – the session ends, and a reload does not bring it back", async () => {
    await owner.getByRole("button", { name: "Sign out" }).click()
    await heading(owner, "Sign in")
    await owner.reload()
    await heading(owner, "Sign in")
  })

  it("sign in – a wrong password is refused, the right one signs in", async () => {
    await owner.getByLabel("Email").fill(OWNER)
    await owner.getByLabel("Password").fill("not the password")
    await owner.getByRole("button", { name: "Sign in" }).click()
    await owner.getByRole("alert").waitFor()
    await check(owner, "sign-in-refused")
    await owner.getByLabel("Password").fill(PASSWORD)
    await owner.getByRole("button", { name: "Sign in" }).click()
    await heading(owner, "Your sites")
    await owner.getByRole("button", { name: "Sign out" }).click()
    await heading(owner, "Sign in")
  })

  it("reset – a forgotten password is replaced with the emailed code", async () => {
    await owner.getByRole("link", { name: "Forgot your password?" }).click()
    await heading(owner, "Reset your password")
    await owner.getByLabel("Email").fill(OWNER)
    const sent = (await harness.world.mails(OWNER)).length
    await owner.getByRole("button", { name: "Send code" }).click()
    await heading(owner, "Choose a new password")
    await check(owner, "reset")
    await owner.getByLabel("Code").fill(await harness.world.code(OWNER, sent))
    await owner.getByLabel("New password").fill(`${PASSWORD} 2`)
    await owner.getByRole("button", { name: "Save and sign in" }).click()
    await heading(owner, "Your sites")
    await owner.getByRole("link", { name: "Team site" }).waitFor()
    expect(ownerProblems).toEqual([])
  })
})
