/**
 * axe-core over what `Comments` renders in jsdom: signed out, and signed in
 * as a moderator with comments, replies, an open reply form and a report
 * form. (Colour contrast needs a real browser: the browser tests check it.)
 */
import axe from "axe-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { Comments } from "../src/index.js"
import { byText, clientFor, createSite, mount, type Server, startServer, until } from "./support.js"

let server: Server
let siteKey: string
let siteId: string

beforeAll(async () => {
  server = startServer()
  const site = await createSite(server)
  siteKey = site.publicKey
  siteId = site.id
  const author = clientFor(server, siteKey)
  await author.guest({ displayName: "Ann" })
  const first = await author.createComment("/a11y", { body: "A *first* comment with `code`" })
  await author.createComment("/a11y", { body: "A reply", parentId: first.id })
  await author.createComment("/a11y", { body: "Another, with a [link](https://example.com)" })
})
afterAll(() => server.dispose())

const violations = async (root: Element) => {
  const { violations } = await axe.run(root, {
    rules: { "color-contrast": { enabled: false }, region: { enabled: false } },
  })
  return violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(" | ")}`)
}

describe("accessibility", () => {
  it("axe – should find no violations signed out", async () => {
    const view = mount(clientFor(server, siteKey), () => <Comments page="/a11y" />)
    await until(() => view.container.querySelectorAll(".kommies-comment").length === 3)
    expect(await violations(view.container)).toEqual([])
    view.dispose()
  })

  it("axe – should find no violations signed in as a moderator, with forms open", async () => {
    const mod = clientFor(server, siteKey)
    const me = await mod.guest({ displayName: "Mo" })
    await server.kommies.commenters.setRole(
      server.kommies.actors.secretKey(siteId as never),
      me.id as never,
      "moderator",
    )
    await mod.refresh()
    const view = mount(mod, () => <Comments page="/a11y" theme="auto" />)
    const items = await until(() => {
      const all = view.container.querySelectorAll<HTMLElement>(
        ".kommies-list:not(.kommies-list--replies) > li",
      )
      return all.length === 2 && view.container.querySelector(".kommies-mod") && all
    })
    byText<HTMLButtonElement>(items[0]!, "button", "Reply")!.click()
    byText<HTMLButtonElement>(items[1]!, "button", "Report")!.click()
    expect(await violations(view.container)).toEqual([])
    view.dispose()
  })
})
