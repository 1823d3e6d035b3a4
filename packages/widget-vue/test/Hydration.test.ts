/**
 * Hydration of server-rendered `Comments`: the browser's first render
 * matches the server's HTML (no mismatch, the same DOM nodes kept), even for
 * a reader who is signed in, and only then becomes interactive.
 */
import { loadThread, memoryStorage } from "@kommies/client"
import { screen } from "@testing-library/vue"
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest"
import { createSSRApp, h, nextTick } from "vue"
import { renderToString } from "vue/server-renderer"
import { Comments } from "../src/index.js"
import { type Api, startApi } from "../../client/test/support/api.js"

let api: Api
beforeAll(async () => {
  api = await startApi()
})
afterAll(() => api.close())

const serverHtml = async (page: string) => {
  // As a server would: load, render, and serialize the data into the page.
  const initialData = await loadThread(api.client(), page)
  const html = await renderToString(
    createSSRApp(() => h(Comments, { site: api.siteKey, page, initialData })),
  )
  return { html, initialData: JSON.parse(JSON.stringify(initialData)) }
}

const hydrate = async (html: string, props: InstanceType<typeof Comments>["$props"]) => {
  const container = document.createElement("div")
  container.innerHTML = html
  document.body.append(container)
  const nodes = [...container.querySelectorAll("li, h2, p")]
  const warn = vi.spyOn(console, "warn").mockImplementation(() => {})
  const error = vi.spyOn(console, "error").mockImplementation(() => {})
  createSSRApp(() => h(Comments, props)).mount(container)
  await nextTick()
  const errors = [...warn.mock.calls, ...error.mock.calls]
  warn.mockRestore()
  error.mockRestore()
  return { container, nodes, errors }
}

describe("hydration", () => {
  it("hydrate – should keep the server's DOM with no mismatch", async () => {
    const bob = api.client()
    await bob.guest({ displayName: "Bob" })
    await bob.createComment("/hydrate", { body: "Hydrate *me*" })
    const { html, initialData } = await serverHtml("/hydrate")
    const { container, nodes, errors } = await hydrate(html, {
      client: api.client(),
      page: "/hydrate",
      initialData,
      live: false,
    })
    expect(errors).toEqual([])
    expect(nodes.length).toBeGreaterThan(2)
    expect([...container.querySelectorAll("li, h2, p")].slice(0, nodes.length)).toEqual(nodes)
    expect(container.textContent).toContain("Hydrate me")
  })

  it("hydrate – should match the server as a signed-in reader, then show their composer", async () => {
    const storage = memoryStorage()
    const ann = api.client(storage)
    await ann.guest({ displayName: "Ann" })
    await ann.createComment("/hydrate-signed-in", { body: "Mine" })
    const { html, initialData } = await serverHtml("/hydrate-signed-in")
    const { errors } = await hydrate(html, {
      client: ann,
      page: "/hydrate-signed-in",
      initialData,
      live: false,
    })
    expect(errors).toEqual([])
    await screen.findByRole("textbox", { name: "Write a comment" })
    // Reloaded as Ann: her own comment now carries its Markdown (editable).
    await screen.findByRole("button", { name: "Edit" })
  })
})
