/**
 * The hooks and primitives on their own, against the real API in process:
 * what a developer composes when `Comments` is not what they want.
 */
import { For } from "solid-js"
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest"
import { CommentCount, useCommenter, useKommies, useThread } from "../src/index.js"
import { CommentBody, CommentList, Composer, SortMenu } from "../src/primitives.js"
import {
  byText,
  clientFor,
  createSite,
  mount,
  type Server,
  startServer,
  type,
  until,
} from "./support.js"

let server: Server
let siteKey: string
const cleanups: Array<() => void> = []

beforeAll(async () => {
  server = startServer()
  siteKey = (await createSite(server)).publicKey
})
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup()
})
afterAll(() => server.dispose())

describe("hooks and primitives", () => {
  it("CommentCount – should count many pages with one request", async () => {
    const author = clientFor(server, siteKey)
    await author.guest({ displayName: "Counter" })
    await author.createComment("/count/a", { body: "one" })
    await author.createComment("/count/a", { body: "two" })
    await author.createComment("/count/b", { body: "three" })
    const before = server.requests.length
    const view = mount(clientFor(server, siteKey), () => (
      <For each={["/count/a", "/count/b", "/count/none"]}>
        {(page) => <CommentCount page={page} />}
      </For>
    ))
    cleanups.push(view.dispose)
    await until(() => !view.container.textContent?.includes("\u00a0"))
    const badges = [...view.container.querySelectorAll(".kommies-count")].map((b) => b.textContent)
    expect(badges).toEqual(["2 comments", "1 comment", "0 comments"])
    const counts = server.requests.slice(before).filter((r) => r.includes("/counts"))
    expect(counts).toEqual([
      "GET /api/counts?threads=%2Fcount%2Fa%2C%2Fcount%2Fb%2C%2Fcount%2Fnone",
    ])
  })

  it("useThread + CommentList – should render a custom item per comment, and follow sign-in", async () => {
    const author = clientFor(server, siteKey)
    await author.guest({ displayName: "Composer" })
    await author.createComment("/custom", { body: "first" })
    const client = clientFor(server, siteKey)
    const Custom = () => {
      const thread = useThread("/custom", { live: false })
      const { commenter: me } = useCommenter()
      const { t } = useKommies()
      return (
        <div>
          <p class="who">{me()?.displayName ?? "nobody"}</p>
          <p class="count">{t("thread.count", { count: thread.state().count })}</p>
          <SortMenu thread={thread} />
          <CommentList thread={thread}>
            {(id) => (
              <li class="custom">
                <CommentBody html={thread.state().comments[id]?.html ?? ""} />
              </li>
            )}
          </CommentList>
        </div>
      )
    }
    const view = mount(client, () => <Custom />)
    cleanups.push(view.dispose)
    await until(() => view.container.querySelector("li.custom"))
    expect(view.container.querySelector(".count")?.textContent).toBe("1 comment")
    expect(view.container.querySelector("li.custom")?.textContent).toBe("first")
    expect(view.container.querySelector("ol")?.getAttribute("role")).toBe("list")
    expect([...view.container.querySelectorAll("option")].map((o) => o.value)).toEqual(
      expect.arrayContaining(["best", "top", "new", "old", "hot"]),
    )
    expect(view.container.querySelector(".who")?.textContent).toBe("nobody")
    await client.guest({ displayName: "Zed" })
    await until(() => view.container.querySelector(".who")?.textContent === "Zed")
  })

  it("Composer – should preview through the server, label its tabs, and post with Ctrl+Enter", async () => {
    const client = clientFor(server, siteKey)
    await client.guest({ displayName: "Keys" })
    let thread!: ReturnType<typeof useThread>
    const view = mount(client, () => {
      thread = useThread("/keys", { live: false })
      return <Composer thread={thread} />
    })
    cleanups.push(view.dispose)
    const root = view.container
    const [write, preview] = [...root.querySelectorAll<HTMLButtonElement>('[role="tab"]')]
    expect(write?.getAttribute("aria-selected")).toBe("true")
    expect(root.querySelector('[role="tabpanel"]')?.getAttribute("aria-labelledby")).toBe(write?.id)
    const textarea = root.querySelector("textarea")!
    expect(root.querySelector(`label[for="${textarea.id}"]`)?.textContent).toBe("Write a comment")
    const trap = root.querySelector<HTMLInputElement>(
      '.kommies-composer__trap input[name="website"]',
    )
    expect(trap?.tabIndex).toBe(-1)
    type(textarea, "Some *emphasis* <script>alert(1)</script>")
    preview!.click()
    await until(
      () => root.querySelector(".kommies-composer__preview em")?.textContent === "emphasis",
    )
    expect(preview?.getAttribute("aria-selected")).toBe("true")
    expect(root.querySelector(".kommies-composer__preview script")).toBeNull()
    write!.click()
    const again = root.querySelector("textarea")!
    expect(again.value).toContain("Some *emphasis*")
    again.dispatchEvent(
      new KeyboardEvent("keydown", { key: "Enter", ctrlKey: true, bubbles: true }),
    )
    await until(() => thread.state().top.length === 1 && !thread.state().top[0]!.startsWith("tmp-"))
    await until(() => root.querySelector("textarea")?.value === "")
    const saved = thread.state().comments[thread.state().top[0]!]!
    expect(saved.html).toContain("<em>emphasis</em>")
  })

  it("Composer – should say why a post was refused", async () => {
    const client = clientFor(server, siteKey)
    const view = mount(client, () => {
      const thread = useThread("/refused", { live: false })
      return <Composer thread={thread} />
    })
    cleanups.push(view.dispose)
    type(view.container.querySelector("textarea"), "Not signed in")
    view.container
      .querySelector("form")!
      .dispatchEvent(new Event("submit", { bubbles: true, cancelable: true }))
    const alert = await until(() => view.container.querySelector('[role="alert"]'))
    expect(alert.textContent).toBe("Sign in to join the discussion.")
    expect(byText(view.container, "button", "Post")).toBeDefined()
  })
})
