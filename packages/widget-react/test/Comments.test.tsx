/**
 * <Comments> against the real Kommies API in process (memory store), as a
 * reader would use it: by roles, labels and text.
 */
import type { KommiesClient } from "@kommies/client"
import { catalog as ar } from "@kommies/client/locales/ar"
import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react"
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest"
import { Comments } from "../src/index.js"
import { type Api, startApi } from "../../client/test/support/api.js"
import { item, liveOpen } from "../../client/test/support/dom.js"

let api: Api
beforeAll(async () => {
  api = await startApi()
})
afterAll(() => api.close())
afterEach(() => {
  cleanup()
  history.replaceState(null, "", "/")
})

const guest = async (name: string) => {
  const c = api.client()
  await c.guest({ displayName: name })
  return c
}

const type = (field: HTMLElement, value: string) => fireEvent.change(field, { target: { value } })

describe("<Comments> against the real API", () => {
  it("thread – should let a guest sign in, post, reply, edit and delete", async () => {
    render(<Comments client={api.client()} page="/flow" />)
    await screen.findByText("No comments yet. Start the conversation.")
    expect(screen.getByRole("heading", { name: "0 comments" })).toBeTruthy()

    type(screen.getByLabelText("Name"), "Ann")
    fireEvent.click(screen.getByRole("button", { name: "Sign in" }))
    const box = await screen.findByRole("textbox", { name: "Write a comment" })
    expect(screen.getByText("Ann")).toBeTruthy()

    type(box, "Hello **world**")
    fireEvent.click(screen.getByRole("button", { name: "Post" }))
    // Optimistic first, then the server's rendering.
    await screen.findByText("world", { selector: "strong" })
    expect((box as HTMLTextAreaElement).value).toBe("")
    await screen.findByRole("heading", { name: "1 comment" })
    const first = screen.getByText("world").closest("li") as HTMLElement
    expect(first.id).toMatch(/^comment-/)
    expect(first.className).toContain("kommies-comment--own")

    fireEvent.click(within(first).getByRole("button", { name: "Reply" }))
    const reply = within(first).getByRole("textbox", { name: "Reply to Ann" })
    type(reply, "A reply")
    fireEvent.click(within(first).getByRole("button", { name: "Post" }))
    await screen.findByText("A reply")
    const replies = first.querySelector("ol")
    expect(replies?.className).toContain("kommies-list--replies")
    expect(within(replies as HTMLElement).getByText("A reply")).toBeTruthy()
    await screen.findByRole("heading", { name: "2 comments" })

    const editing = item("A reply")
    fireEvent.click(editing.getByRole("button", { name: "Edit" }))
    // The edit box starts from the author's Markdown.
    const edit = editing.getByRole("textbox", { name: "Edit" })
    expect(edit).toHaveProperty("value", "A reply")
    type(edit, "An _edited_ reply")
    fireEvent.click(editing.getByRole("button", { name: "Save" }))
    await screen.findByText("edited", { selector: "em" })
    expect(screen.getByText("edited", { selector: "span" })).toBeTruthy()

    const edited = screen.getByText("edited", { selector: "em" }).closest("li") as HTMLElement
    fireEvent.click(within(edited).getByRole("button", { name: "Delete" }))
    fireEvent.click(within(edited).getByRole("button", { name: "Delete this comment?" }))
    await waitFor(() => expect(screen.queryByText("edited", { selector: "em" })).toBeNull())
    await screen.findByRole("heading", { name: "1 comment" })
  })

  it("votes – should press up and down (aria-pressed) and follow others' votes live", async () => {
    const bob = await guest("Bob")
    const carol = await guest("Carol")
    const seed = await bob.createComment("/votes", { body: "Vote on me" })
    const ann = await guest("Ann")
    render(<Comments client={ann} page="/votes" />)
    const comment = item(await screen.findByText("Vote on me").then((e) => e.textContent ?? ""))
    const up = comment.getByRole("button", { name: "Upvote" })
    const down = comment.getByRole("button", { name: "Downvote" })
    expect(up.getAttribute("aria-pressed")).toBe("false")
    expect(comment.getByRole("group", { name: "0 points" })).toBeTruthy()

    fireEvent.click(up)
    expect(up.getAttribute("aria-pressed")).toBe("true") // at once
    expect(comment.getByRole("group", { name: "1 point" })).toBeTruthy()
    await waitFor(async () => expect((await bob.getComment(seed.id)).upvotes).toBe(1))
    fireEvent.click(down)
    await waitFor(() => expect(down.getAttribute("aria-pressed")).toBe("true"))
    expect(up.getAttribute("aria-pressed")).toBe("false")
    await waitFor(() => expect(comment.getByRole("group", { name: "-1 point" })).toBeTruthy())

    // Another reader's vote arrives over realtime.
    await liveOpen()
    await carol.vote(seed.id, "up")
    await waitFor(() => expect(comment.getByRole("group", { name: "0 points" })).toBeTruthy())
  })

  it("votes – should say to sign in when a signed-out reader votes, and roll back", async () => {
    const bob = await guest("Bob")
    await bob.createComment("/signed-out", { body: "Try voting" })
    render(<Comments client={api.client()} page="/signed-out" />)
    const comment = item(await screen.findByText("Try voting").then((e) => e.textContent ?? ""))
    fireEvent.click(comment.getByRole("button", { name: "Upvote" }))
    expect((await screen.findByRole("alert")).textContent).toBe("Sign in to join the discussion.")
    expect(comment.getByRole("button", { name: "Upvote" }).getAttribute("aria-pressed")).toBe(
      "false",
    )
  })

  it("report – should send a report and thank the reader", async () => {
    const bob = await guest("Bob")
    const reported = await bob.createComment("/report", { body: "Report me" })
    render(<Comments client={await guest("Ann")} page="/report" />)
    const comment = item(await screen.findByText("Report me").then((e) => e.textContent ?? ""))
    expect(comment.queryByRole("button", { name: "Edit" })).toBeNull() // not hers
    fireEvent.click(comment.getByRole("button", { name: "Report" }))
    const form = screen.getByRole("form", { name: "Report this comment" })
    fireEvent.change(within(form).getByRole("combobox"), { target: { value: "abuse" } })
    type(within(form).getByLabelText("Details (optional)"), "rude")
    fireEvent.click(within(form).getByRole("button", { name: "Send report" }))
    await screen.findByText("Thank you. The moderators will take a look.")
    const mod = await guest("Mo")
    await api.promote(mod, "moderator")
    expect((await mod.getComment(reported.id)).reportCount).toBe(1)
  })

  it("sort and paging – should switch the sort, load more, and show more replies", async () => {
    const bob = await guest("Bob")
    const made = []
    for (let i = 1; i <= 5; i++)
      made.push(await bob.createComment("/paging", { body: `Comment ${i}` }))
    for (let i = 1; i <= 4; i++)
      await bob.createComment("/paging", { body: `Reply ${i}`, parentId: made[4]?.id ?? null })
    render(<Comments client={api.client()} page="/paging" sort="new" limit={2} replies={1} />)
    await screen.findByText("Comment 5")
    const texts = () =>
      [...document.querySelectorAll(".kommies-list:not(.kommies-list--replies) > li")].map(
        (li) => li.querySelector(".kommies-comment__body")?.textContent,
      )
    expect(texts()).toEqual(["Comment 5", "Comment 4"])
    expect(screen.getByText("Reply 1")).toBeTruthy()

    // Replies come `limit` at a time too.
    fireEvent.click(screen.getByRole("button", { name: "Show 3 more replies" }))
    await screen.findByText("Reply 2")
    fireEvent.click(await screen.findByRole("button", { name: "Show 2 more replies" }))
    await screen.findByText("Reply 4")
    expect(screen.queryByRole("button", { name: /more repl/ })).toBeNull()

    fireEvent.click(screen.getByRole("button", { name: "Load more comments" }))
    await screen.findByText("Comment 3")
    fireEvent.click(screen.getByRole("button", { name: "Load more comments" }))
    await screen.findByText("Comment 1")
    expect(screen.queryByRole("button", { name: "Load more comments" })).toBeNull()
    expect(texts()).toEqual(["Comment 5", "Comment 4", "Comment 3", "Comment 2", "Comment 1"])

    const sort = screen.getByRole("combobox", { name: "Sort by" }) as HTMLSelectElement
    expect(sort.value).toBe("new")
    fireEvent.change(sort, { target: { value: "old" } })
    await waitFor(() => expect(texts()).toEqual(["Comment 1", "Comment 2"]))
  })

  it("realtime – should hold others' new comments behind a live notice", async () => {
    const bob = await guest("Bob")
    await bob.createComment("/live", { body: "Already here" })
    const ann = await guest("Ann")
    render(<Comments client={ann} page="/live" />)
    await screen.findByText("Already here")
    const notice = screen
      .getAllByRole("status")
      .find((e) => e.getAttribute("aria-live") === "polite" && e.tagName === "DIV")
    expect(notice?.textContent).toBe("")
    await liveOpen()

    await bob.createComment("/live", { body: "Fresh from Bob" })
    const show = await screen.findByRole("button", { name: "Show 1 new comment" })
    expect(notice?.contains(show)).toBe(true)
    expect(screen.queryByText("Fresh from Bob")).toBeNull() // the page did not move
    fireEvent.click(show)
    await screen.findByText("Fresh from Bob")
    expect(screen.queryByRole("button", { name: /new comment/ })).toBeNull()
    expect(screen.getByRole("heading", { name: "2 comments" })).toBeTruthy()
  })

  it("auth – should register with the 6-digit code from the email", async () => {
    render(<Comments client={api.client()} page="/auth" />)
    const register = await screen.findByRole("button", { name: "Create an account" })
    expect(register.getAttribute("aria-pressed")).toBe("false")
    fireEvent.click(register)
    expect(register.getAttribute("aria-pressed")).toBe("true")
    type(screen.getByLabelText("Name"), "Dee")
    type(screen.getByLabelText("Email"), "dee@example.com")
    type(screen.getByLabelText("Password"), "correct horse battery staple")
    fireEvent.submit(screen.getByLabelText("Password").closest("form") as HTMLFormElement)
    const code = await screen.findByLabelText("Verification code")
    expect(screen.getByText("We sent a 6-digit code to dee@example.com.")).toBeTruthy()
    expect(code.getAttribute("autocomplete")).toBe("one-time-code")
    type(code, await api.codeSentTo("dee@example.com"))
    fireEvent.click(screen.getByRole("button", { name: "Verify" }))
    await screen.findByRole("textbox", { name: "Write a comment" })
    expect(screen.getByText("Dee")).toBeTruthy()

    fireEvent.click(screen.getByRole("button", { name: "Sign out" }))
    await screen.findByRole("button", { name: "Sign in with email" })
    fireEvent.click(screen.getByRole("button", { name: "Sign in with email" }))
    type(screen.getByLabelText("Email"), "dee@example.com")
    type(screen.getByLabelText("Password"), "correct horse battery staple")
    fireEvent.click(screen.getByRole("button", { name: "Sign in" }))
    await screen.findByRole("textbox", { name: "Write a comment" })
  })

  it("auth – should sign in through the host app's SSO token", async () => {
    render(<Comments client={api.client()} page="/sso" ssoToken={api.ssoToken("host-7", "Hana")} />)
    await screen.findByRole("textbox", { name: "Write a comment" })
    expect(screen.getByText("Hana")).toBeTruthy()
    expect(screen.queryByLabelText("Name")).toBeNull()
  })

  it("moderation – should show pending comments only to their author, and moderate inline", async () => {
    const pre = await startApi({ moderation: "pre" })
    try {
      const ann = pre.client()
      await ann.guest({ displayName: "Ann" })
      const pending = await ann.createComment("/mod", { body: "Waiting for a moderator" })
      expect(pending.status).toBe("pending")
      const mod = pre.client()
      await mod.guest({ displayName: "Mo" })
      await pre.promote(mod, "moderator")

      // The author sees it, marked; nobody else sees it.
      const own = render(<Comments client={ann} page="/mod" />)
      const mine = item(
        await screen.findByText("Waiting for a moderator").then((e) => e.textContent ?? ""),
      )
      expect(mine.getByText("Awaiting moderation")).toBeTruthy()
      expect(mine.queryByRole("button", { name: "Approve" })).toBeNull()
      own.unmount()
      const other = render(<Comments client={pre.client()} page="/mod" />)
      await screen.findByText("No comments yet. Start the conversation.")
      other.unmount()

      render(<Comments client={mod} page="/mod" />)
      const queued = item(
        await screen.findByText("Waiting for a moderator").then((e) => e.textContent ?? ""),
      )
      expect(queued.getByText("Awaiting moderation")).toBeTruthy()
      expect(queued.getByRole("button", { name: "Ban" })).toBeTruthy()
      fireEvent.click(queued.getByRole("button", { name: "Approve" }))
      await waitFor(() => expect(queued.queryByText("Awaiting moderation")).toBeNull())
      expect(queued.queryByRole("button", { name: "Approve" })).toBeNull()
      expect(queued.getByRole("button", { name: "Spam" })).toBeTruthy()
      expect(await ann.listThread("/mod").then((p) => p.comments.length)).toBe(1)

      // Lock the thread from the header: read-only for everybody.
      fireEvent.click(screen.getByRole("button", { name: "Lock thread" }))
      await screen.findByText("Comments are closed on this page.")
      expect(screen.queryByRole("textbox", { name: "Write a comment" })).toBeNull()
      expect(queued.queryByRole("button", { name: "Reply" })).toBeNull()
      expect(screen.getByRole("button", { name: "Unlock thread" })).toBeTruthy()
    } finally {
      await pre.close()
    }
  })

  it("locked – should be read-only with a notice", async () => {
    const bob = await guest("Bob")
    await bob.createComment("/locked", { body: "Before the lock" })
    const mod = await guest("Mo")
    await api.promote(mod, "moderator")
    await mod.lock("/locked")
    const ann = await guest("Ann")
    render(<Comments client={ann} page="/locked" />)
    const comment = item(
      await screen.findByText("Before the lock").then((e) => e.textContent ?? ""),
    )
    expect(screen.getByText("Comments are closed on this page.").getAttribute("role")).toBe(
      "status",
    )
    expect(screen.queryByRole("textbox")).toBeNull()
    expect(comment.queryByRole("button", { name: "Reply" })).toBeNull()
    expect(screen.queryByRole("button", { name: "Lock thread" })).toBeNull()
  })

  it("depth – should hide the reply button past the site's max depth", async () => {
    const bob = await guest("Bob")
    const top = await bob.createComment("/depth", { body: "Depth 0" })
    const one = await bob.createComment("/depth", { body: "Depth 1", parentId: top.id })
    await bob.createComment("/depth", { body: "Depth 2", parentId: one.id })
    render(<Comments client={await guest("Ann")} page="/depth" maxDepth={1} replies={10} />)
    await screen.findByText("Depth 1")
    expect(item("Depth 0").getAllByRole("button", { name: "Reply" })).toHaveLength(1)
    const depth1 = screen.getByText("Depth 1").closest("li") as HTMLElement
    expect(
      depth1.querySelector(":scope > .kommies-comment__main button.kommies-button--ghost")
        ?.textContent,
    ).not.toBe("Reply")
    expect(
      [...depth1.querySelectorAll(":scope > .kommies-comment__main button")].map(
        (b) => b.textContent,
      ),
    ).not.toContain("Reply")
  })

  it("permalink – should scroll to and highlight #comment-<id>", async () => {
    const bob = await guest("Bob")
    await bob.createComment("/permalink", { body: "Not this one" })
    const target = await bob.createComment("/permalink", { body: "Linked to" })
    history.replaceState(null, "", `/post#comment-${target.id}`)
    const scrolled = vi.fn()
    Element.prototype.scrollIntoView = scrolled
    render(<Comments client={api.client()} page="/permalink" />)
    await screen.findByText("Linked to")
    const li = document.getElementById(`comment-${target.id}`) as HTMLElement
    await waitFor(() => expect(li.className).toContain("kommies-comment--highlighted"))
    expect(scrolled.mock.contexts[0]).toBe(li)
    expect(item("Not this one").getByText("Not this one").closest("li")?.className).not.toContain(
      "highlighted",
    )
    const permalink = within(li).getByRole("link")
    expect(permalink.getAttribute("href")).toBe(`#comment-${target.id}`)
  })

  it("layout – should reserve space while loading, and set theme, dir and lang", async () => {
    let release = () => {}
    const slow = api.client()
    const gate = new Promise<void>((r) => {
      release = r
    })
    const listThread = slow.listThread
    const held: KommiesClient = {
      ...slow,
      listThread: async (...args) => {
        await gate
        return listThread(...args)
      },
    }
    render(<Comments client={held} page="/layout" theme="dark" locale="ar" catalog={ar} />)
    const root = document.querySelector(".kommies") as HTMLElement
    expect(root.dataset.kommiesTheme).toBe("dark")
    expect(root.getAttribute("dir")).toBe("rtl")
    expect(root.getAttribute("lang")).toBe("ar")
    expect(document.querySelectorAll(".kommies-skeleton")).toHaveLength(3)
    expect(document.querySelector("[aria-busy=true] .kommies-skeleton")).toBeTruthy()
    await act(async () => release())
    await screen.findByText(ar.messages["thread.empty"] as string)
    expect(document.querySelector(".kommies-skeleton")).toBeNull()
  })

  it("a11y – should label every form field and use lists and buttons", async () => {
    const bob = await guest("Bob")
    await bob.createComment("/a11y", { body: "Accessible" })
    render(<Comments client={await guest("Ann")} page="/a11y" />)
    await screen.findByText("Accessible")
    expect(screen.getByRole("region", { name: "1 comment" })).toBeTruthy()
    expect(screen.getAllByRole("list")[0]?.tagName).toBe("OL")
    expect(screen.getAllByRole("listitem")).toHaveLength(1)
    for (const field of document.querySelectorAll("input, textarea, select")) {
      if (field.closest("[aria-hidden=true]")) continue // the honeypot
      expect(
        field.getAttribute("aria-label") ||
          field.closest("label") ||
          document.querySelector(`label[for="${field.id}"]`),
      ).toBeTruthy()
    }
    const trap = document.querySelector("input[name=website]") as HTMLInputElement
    expect(trap.tabIndex).toBe(-1)
    expect(trap.closest("[aria-hidden=true]")).toBeTruthy()
    // Write / Preview are tabs; Preview shows the server's rendering.
    const write = screen.getByRole("tab", { name: "Write" })
    expect(write.getAttribute("aria-selected")).toBe("true")
    type(screen.getByRole("textbox", { name: "Write a comment" }), "*preview me*")
    fireEvent.click(screen.getByRole("tab", { name: "Preview" }))
    await screen.findByText("preview me", { selector: "em" })
    expect(screen.getByRole("tabpanel", { name: "Preview" })).toBeTruthy()
    for (const button of document.querySelectorAll("button"))
      expect(button.getAttribute("type")).toMatch(/^(button|submit)$/)
  })
})
