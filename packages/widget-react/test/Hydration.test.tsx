/**
 * Hydration of server-rendered `<Comments>`: the browser's first render
 * matches the server's HTML (no mismatch, the same DOM nodes kept), even
 * for a reader who is signed in, and only then becomes interactive.
 */
import { loadThread, memoryStorage } from "@kommies/client"
import { act, screen } from "@testing-library/react"
import { hydrateRoot } from "react-dom/client"
import { renderToString } from "react-dom/server"
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest"
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
  const html = renderToString(<Comments site={api.siteKey} page={page} initialData={initialData} />)
  return { html, initialData: JSON.parse(JSON.stringify(initialData)) }
}

const hydrate = async (html: string, element: React.ReactNode) => {
  const container = document.createElement("div")
  container.innerHTML = html
  document.body.append(container)
  const nodes = [...container.querySelectorAll("li, h2, p")]
  const errors = vi.spyOn(console, "error").mockImplementation(() => {})
  const recoverable: Array<unknown> = []
  await act(async () => {
    hydrateRoot(container, element, { onRecoverableError: (e) => recoverable.push(e) })
  })
  errors.mockRestore()
  return { container, nodes, errors: [...errors.mock.calls, ...recoverable] }
}

describe("hydration", () => {
  it("hydrate – should keep the server's DOM with no mismatch", async () => {
    const bob = api.client()
    await bob.guest({ displayName: "Bob" })
    await bob.createComment("/hydrate", { body: "Hydrate *me*" })
    const { html, initialData } = await serverHtml("/hydrate")
    const { container, nodes, errors } = await hydrate(
      html,
      <Comments client={api.client()} page="/hydrate" initialData={initialData} live={false} />,
    )
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
    const { errors } = await hydrate(
      html,
      <Comments client={ann} page="/hydrate-signed-in" initialData={initialData} live={false} />,
    )
    expect(errors).toEqual([])
    await screen.findByRole("textbox", { name: "Write a comment" })
    // Reloaded as Ann: her own comment now carries its Markdown (editable).
    await screen.findByRole("button", { name: "Edit" })
  })
})
