/**
 * axe-core over the rendered widget in jsdom, with most of its controls on
 * screen (a moderator with a reply open, a report form, the sign-in form).
 * jsdom has no layout, so colour contrast waits for the browser tests.
 */
import { cleanup, fireEvent, render, screen } from "@testing-library/vue"
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest"
import { Comments } from "../src/index.js"
import { type Api, startApi } from "../../client/test/support/api.js"
import { violations } from "../../client/test/support/dom.js"

let api: Api
beforeAll(async () => {
  api = await startApi()
})
afterAll(() => api.close())
afterEach(cleanup)

describe("accessibility", () => {
  it("axe – should find no violations, signed out and as a moderator", async () => {
    const bob = api.client()
    await bob.guest({ displayName: "Bob" })
    const top = await bob.createComment("/axe", { body: "Hello *axe*" })
    await bob.createComment("/axe", { body: "A reply", parentId: top.id })

    const signedOut = render(Comments, { props: { client: api.client(), page: "/axe" } })
    await screen.findByText("A reply")
    expect(await violations()).toEqual([])
    signedOut.unmount()

    const mod = api.client()
    await mod.guest({ displayName: "Mo" })
    await api.promote(mod, "moderator")
    render(Comments, { props: { client: mod, page: "/axe" } })
    await screen.findByRole("button", { name: "Lock thread" })
    await fireEvent.click(screen.getAllByRole("button", { name: "Reply" })[0] as HTMLElement)
    await screen.findByRole("textbox", { name: "Reply to Bob" })
    expect(await violations()).toEqual([])
    await fireEvent.click(screen.getAllByRole("button", { name: "Report" })[0] as HTMLElement)
    await screen.findByRole("form", { name: "Report this comment" })
    expect(await violations()).toEqual([])
  })
})
