// @vitest-environment node
/**
 * Server rendering with no DOM at all: `renderToString` of `Comments` with
 * `loadThread`'s data holds the comments' text, and runs no mounted hook.
 */
import { loadThread } from "@kommies/client"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { createSSRApp, h } from "vue"
import { renderToString } from "vue/server-renderer"
import { Comments } from "../src/index.js"
import { type Api, startApi } from "../../client/test/support/api.js"

let api: Api
beforeAll(async () => {
  api = await startApi()
})
afterAll(() => api.close())

describe("server rendering", () => {
  it("ssr – should render the comments' text from initialData, with no loading state", async () => {
    const bob = api.client()
    await bob.guest({ displayName: "Bob" })
    const top = await bob.createComment("/ssr", { body: "Rendered on the **server**" })
    await bob.createComment("/ssr", { body: "And its reply", parentId: top.id })
    expect(typeof document).toBe("undefined")

    const initialData = await loadThread(api.client(), "/ssr", { sort: "new" })
    const html = await renderToString(
      createSSRApp(() =>
        h(Comments, { site: api.siteKey, page: "/ssr", initialData, theme: "auto", sort: "new" }),
      ),
    )
    expect(html).toContain("Rendered on the <strong>server</strong>")
    expect(html).toContain("And its reply")
    expect(html).toContain(">2 comments</h2>")
    expect(html).toContain(`id="comment-${top.id}"`)
    expect(html).toContain('data-kommies-theme="auto"')
    expect(html).toContain('<option value="new" selected>')
    expect(html).not.toContain("kommies-skeleton")
    // Signed out on the server: the sign-in form, not someone's session.
    expect(html).toContain("Comment as a guest")
  })

  it("ssr – should render placeholders without initialData", async () => {
    const html = await renderToString(
      createSSRApp(() => h(Comments, { site: "kp_test", page: "/nothing-yet" })),
    )
    expect(html.match(/kommies-skeleton"/g)).toHaveLength(3)
  })
})
