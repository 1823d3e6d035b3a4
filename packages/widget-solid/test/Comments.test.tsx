/**
 * The styled `Comments` against the real API in process: what a commenter
 * sees and does, through the DOM.
 */
import { catalog as arabic } from "@kommies/client/locales/ar"
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest"
import { Comments, loadThread } from "../src/index.js"
import {
  byText,
  clientFor,
  codeSentTo,
  createSite,
  mount,
  type Server,
  ssoToken,
  startServer,
  submit,
  type,
  until,
} from "./support.js"

let server: Server
let siteKey: string
let siteId: string
const cleanups: Array<() => void> = []

beforeAll(async () => {
  server = startServer()
  const site = await createSite(server)
  siteKey = site.publicKey
  siteId = site.id
})
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup()
  location.hash = ""
})
afterAll(() => server.dispose())

const show = (page: string, client = clientFor(server, siteKey), props = {}) => {
  const view = mount(client, () => <Comments page={page} {...props} />)
  cleanups.push(view.dispose)
  return { ...view, client }
}

const items = (root: ParentNode) =>
  [...root.querySelectorAll(".kommies-list:not(.kommies-list--replies) > li")] as HTMLElement[]
const bodyOf = (li: Element) => li.querySelector(".kommies-comment__body")?.textContent ?? ""

const signInAsGuest = async (root: HTMLElement, name: string) => {
  type(root.querySelector('.kommies-auth input[name="name"]'), name)
  expect(root.querySelector('.kommies-auth__form button[type="submit"]')?.textContent).toBe(
    "Sign in",
  )
  submit(root.querySelector(".kommies-auth__form"))
  await until(() => byText(root, ".kommies-user__name", name))
}

const post = async (root: HTMLElement, text: string) => {
  const composer = root.querySelector("section > .kommies-composer")
  type(composer?.querySelector("textarea"), text)
  submit(composer)
  const shown = text.replace(/[*_]/g, "")
  await until(() =>
    items(root).some((li) => bodyOf(li).includes(shown) && !li.className.includes("--sending")),
  )
}

describe("Comments", () => {
  it("thread – should show the empty state, sign in as a guest, post, reply, edit and delete", async () => {
    const { container } = show("/basics")
    await until(() => byText(container, ".kommies-status", "No comments yet"))
    expect(container.querySelector("h2")?.textContent).toBe("0 comments")
    // Signed out: no composer, a sign-in panel.
    expect(container.querySelector("textarea")).toBeNull()
    await signInAsGuest(container, "Ann")

    await post(container, "Hello **world**")
    const first = items(container)[0]!
    expect(first.querySelector(".kommies-comment__body strong")?.textContent).toBe("world")
    expect(first.className).toContain("kommies-comment--own")
    expect(first.querySelector(".kommies-comment__author")?.textContent).toBe("Ann")
    expect(container.querySelector("h2")?.textContent).toBe("1 comment")

    // Reply: the button opens a form under the comment and says so.
    const reply = byText<HTMLButtonElement>(first, "button", "Reply")!
    expect(reply.getAttribute("aria-expanded")).toBe("false")
    reply.click()
    expect(reply.getAttribute("aria-expanded")).toBe("true")
    const form = first.querySelector(".kommies-comment__main > .kommies-composer")!
    expect(form.querySelector("label")?.textContent).toBe("Reply to Ann")
    type(form.querySelector("textarea"), "A reply")
    submit(form)
    const replyItem = await until(() =>
      [...first.querySelectorAll(".kommies-list--replies > li")].find(
        (li) => bodyOf(li).includes("A reply") && !li.className.includes("--sending"),
      ),
    )
    expect(first.querySelector(".kommies-comment__main > .kommies-composer")).toBeNull()

    // Edit your own: the form starts with your Markdown.
    byText<HTMLButtonElement>(
      first.querySelector(".kommies-comment__actions")!,
      "button",
      "Edit",
    )!.click()
    const edit = first.querySelector<HTMLTextAreaElement>(
      ".kommies-comment__main > .kommies-composer textarea",
    )!
    expect(edit.value).toBe("Hello **world**")
    expect(first.querySelector(`label[for="${edit.id}"]`)?.textContent).toBe("Edit")
    type(edit, "Hello _again_")
    submit(edit.form)
    await until(() => first.querySelector(".kommies-comment__body em")?.textContent === "again")
    expect(first.querySelector(".kommies-comment__edited")?.textContent).toBe("edited")

    // Delete the reply: two presses of one button, "Delete" then "Delete this comment?".
    const remove = byText<HTMLButtonElement>(replyItem, "button", "Delete")!
    remove.click()
    expect(remove.textContent).toBe("Delete this comment?")
    remove.click()
    await until(() => !replyItem.isConnected)
  })

  it("votes – should toggle with aria-pressed and follow others' votes live", async () => {
    const author = clientFor(server, siteKey)
    await author.guest({ displayName: "Bob" })
    const comment = await author.createComment("/votes", { body: "Vote on me" })
    const { container, client } = show("/votes")
    const item = await until(() => items(container)[0])
    const up = item.querySelector<HTMLButtonElement>(".kommies-vote__button--up")!
    expect(up.disabled).toBe(true)
    await client.guest({ displayName: "Voter" })
    await until(() => !up.disabled)
    expect(up.getAttribute("aria-label")).toBe("Upvote")
    up.click()
    await until(() => up.getAttribute("aria-pressed") === "true")
    expect(item.querySelector(".kommies-vote__score")?.textContent).toBe("1")
    expect(item.querySelector('.kommies-vote[role="group"]')?.getAttribute("aria-label")).toBe(
      "1 point",
    )
    // Another reader votes: the count moves live.
    const other = clientFor(server, siteKey)
    await other.guest({ displayName: "Other" })
    await other.vote(comment.id, "up")
    await until(() => item.querySelector(".kommies-vote__score")?.textContent === "2")
    up.click()
    await until(() => up.getAttribute("aria-pressed") === "false")
    await until(() => item.querySelector(".kommies-vote__score")?.textContent === "1")
  })

  it("sort and load more – should reorder and page through a long thread", async () => {
    const author = clientFor(server, siteKey)
    await author.guest({ displayName: "Writer" })
    for (let i = 1; i <= 23; i++) await author.createComment("/long", { body: `Comment ${i}` })
    const { container } = show("/long", clientFor(server, siteKey), { sort: "new" })
    await until(() => items(container).length === 20)
    expect(bodyOf(items(container)[0]!)).toContain("Comment 23")
    const more = byText<HTMLButtonElement>(container, ".kommies-load-more button", "Load more")!
    more.click()
    await until(() => items(container).length === 23)
    expect(container.querySelector(".kommies-load-more")).toBeNull()

    const select = container.querySelector<HTMLSelectElement>(".kommies-sort__select")!
    expect(select.closest("label")?.textContent).toContain("Sort by")
    select.value = "old"
    select.dispatchEvent(new Event("change", { bubbles: true }))
    await until(() => bodyOf(items(container)[0]!).includes("Comment 1"))
    expect(select.value).toBe("old")
  })

  it("realtime – should hold others' new comments behind a notice and show them on demand", async () => {
    const { container } = show("/live")
    await until(() => byText(container, ".kommies-status", "No comments yet"))
    const other = clientFor(server, siteKey)
    await other.guest({ displayName: "Eve" })
    // Realtime opens after the first load.
    await new Promise((r) => setTimeout(r, 200))
    await other.createComment("/live", { body: "Arrived live" })
    const notice = await until(() =>
      byText<HTMLButtonElement>(container, ".kommies-new button", "Show 1 new comment"),
    )
    expect(byText(container, '[role="status"]', "Show 1 new comment")).toBeDefined()
    expect(items(container)).toHaveLength(0)
    notice.click()
    await until(() => items(container).some((li) => bodyOf(li).includes("Arrived live")))
    expect(container.querySelector(".kommies-new")).toBeNull()
  })

  it("sign-in – should register with the emailed 6-digit code", async () => {
    const { container } = show("/register")
    await until(() => container.querySelector(".kommies-auth"))
    byText<HTMLButtonElement>(
      container,
      ".kommies-auth__switch button",
      "Create an account",
    )!.click()
    const form = container.querySelector(".kommies-auth__form")!
    type(form.querySelector('input[name="name"]'), "Carol")
    type(form.querySelector('input[name="email"]'), "carol@example.com")
    type(form.querySelector('input[name="password"]'), "correct horse battery")
    expect(form.querySelector('input[name="password"]')?.getAttribute("autocomplete")).toBe(
      "new-password",
    )
    submit(form)
    const code = await until(() => form.querySelector<HTMLInputElement>('input[name="code"]'))
    expect(form.textContent).toContain("We sent a 6-digit code to carol@example.com.")
    expect(code.getAttribute("autocomplete")).toBe("one-time-code")
    type(code, await codeSentTo(server, "carol@example.com"))
    submit(form)
    await until(() => byText(container, ".kommies-user__name", "Signed in as Carol"))
    expect(container.querySelector("section > .kommies-composer textarea")).not.toBeNull()
  })

  it("sign-in – should show the server's reason when a password is wrong", async () => {
    const { container } = show("/login")
    await until(() => container.querySelector(".kommies-auth"))
    byText<HTMLButtonElement>(
      container,
      ".kommies-auth__switch button",
      "Sign in with email",
    )!.click()
    const form = container.querySelector(".kommies-auth__form")!
    type(form.querySelector('input[name="email"]'), "nobody@example.com")
    type(form.querySelector('input[name="password"]'), "wrong password")
    submit(form)
    const alert = await until(() => container.querySelector('.kommies-auth [role="alert"]'))
    expect(alert.textContent).not.toBe("")
  })

  it("sign-in – should exchange the host's SSO token", async () => {
    const { container } = show("/sso", clientFor(server, siteKey), {
      ssoToken: ssoToken({ sub: "host-user-1", name: "Hosted Hal" }),
    })
    await until(() => byText(container, ".kommies-user__name", "Hosted Hal"))
  })

  it("moderation – should show moderators inline actions and make a locked thread read-only", async () => {
    const author = clientFor(server, siteKey)
    await author.guest({ displayName: "Troll" })
    await author.createComment("/moderated", { body: "Buy pills" })
    const mod = clientFor(server, siteKey)
    const me = await mod.guest({ displayName: "Mo" })
    await server.kommies.commenters.setRole(
      server.kommies.actors.secretKey(siteId as never),
      me.id as never,
      "moderator",
    )
    await mod.refresh()
    expect(mod.getSnapshot().commenter?.role).toBe("moderator")

    const { container } = show("/moderated", mod)
    const item = await until(() => items(container)[0])
    const panel = await until(() => item.querySelector(".kommies-mod"))
    expect(byText(panel, "button", "Approve")).toBeUndefined()
    byText<HTMLButtonElement>(panel, "button", "Spam")!.click()
    await until(
      () => item.querySelector(".kommies-comment__status")?.textContent === "Marked as spam",
    )
    byText<HTMLButtonElement>(panel, "button", "Approve")!.click()
    await until(() => !item.querySelector(".kommies-comment__status"))

    // Lock: the thread becomes read-only for everybody.
    byText<HTMLButtonElement>(container, ".kommies-header button", "Lock thread")!.click()
    await until(() =>
      byText(container, '.kommies-status--locked[role="note"]', "Comments are closed"),
    )
    expect(container.querySelector("section > .kommies-composer")).toBeNull()
    expect(byText(item, "button", "Reply")).toBeUndefined()

    const reader = clientFor(server, siteKey)
    await reader.guest({ displayName: "Reader" })
    const other = show("/moderated", reader)
    await until(() => byText(other.container, ".kommies-status--locked", "Comments are closed"))
    expect(other.container.querySelector("section > .kommies-composer")).toBeNull()
    expect(other.container.querySelector(".kommies-mod")).toBeNull()

    byText<HTMLButtonElement>(container, ".kommies-header button", "Unlock thread")!.click()
    await until(() => !container.querySelector(".kommies-status--locked"))
  })

  it("report – should send a report with a reason and thank the reader", async () => {
    const author = clientFor(server, siteKey)
    await author.guest({ displayName: "Poster" })
    await author.createComment("/report", { body: "Questionable" })
    const reader = clientFor(server, siteKey)
    await reader.guest({ displayName: "Reporter" })
    const { container } = show("/report", reader)
    const item = await until(() => items(container)[0])
    byText<HTMLButtonElement>(item, "button", "Report")!.click()
    const form = item.querySelector<HTMLFormElement>("form.kommies-report")!
    form.querySelector("select")!.value = "spam"
    submit(form)
    await until(() => byText(container, '[role="status"]', "Thank you"))
    expect(byText(item, "button", "Report")).toBeUndefined()
  })

  it("pending – should show the author their comment awaiting moderation, and nobody else", async () => {
    const strict = await createSite(server, { moderation: "pre" })
    const ann = clientFor(server, strict.publicKey)
    await ann.guest({ displayName: "Ann" })
    const { container } = show("/pending", ann)
    await until(() => container.querySelector("section > .kommies-composer"))
    await post(container, "Please approve me")
    const mine = items(container)[0]!
    await until(
      () => mine.querySelector(".kommies-comment__status")?.textContent === "Awaiting moderation",
    )
    expect(mine.className).toContain("kommies-comment--pending")

    const other = show("/pending", clientFor(server, strict.publicKey))
    await until(() => byText(other.container, ".kommies-status", "No comments yet"))
  })

  it("permalink – should load, scroll to, focus and highlight #comment-<id>", async () => {
    const author = clientFor(server, siteKey)
    await author.guest({ displayName: "Linker" })
    const top = await author.createComment("/permalink", { body: "Top" })
    let target = top
    for (let i = 0; i < 5; i++)
      target = await author.createComment("/permalink", { body: `Reply ${i}`, parentId: top.id })
    location.hash = `#comment-${target.id}`
    const { container } = show("/permalink")
    const el = await until(() =>
      container.querySelector<HTMLElement>(".kommies-comment--highlighted"),
    )
    expect(el.id).toBe(`comment-${target.id}`)
    expect(document.activeElement).toBe(el)
    expect(el.querySelector(".kommies-comment__permalink")?.getAttribute("href")).toBe(
      `#comment-${target.id}`,
    )
  })

  it("theme – should follow the site's theme setting unless the page sets one", async () => {
    const dark = await createSite(server, { theme: "dark" })
    const root = () => view.container.querySelector("section.kommies")
    const view = show("/themed", clientFor(server, dark.publicKey))
    await until(() => root()?.getAttribute("data-kommies-theme") === "dark")
    const chosen = show("/themed", clientFor(server, dark.publicKey), { theme: "light" })
    await until(
      () => chosen.container.querySelector(".kommies-header__count")?.textContent !== "\u00a0",
    )
    expect(
      chosen.container.querySelector("section.kommies")?.getAttribute("data-kommies-theme"),
    ).toBe("light")
  })

  it("bad key – should say the site's key is not valid, with no retry", async () => {
    const view = show("/anything", clientFor(server, "kp_rotatedawaylongago"))
    await until(() => byText(view.container, '[role="alert"]', "This site's key is not valid."))
    expect(view.container.querySelector('[role="alert"] button')).toBeNull()
  })

  it("initialData – should render server-loaded comments at once, without a loading state", async () => {
    const author = clientFor(server, siteKey)
    await author.guest({ displayName: "Early" })
    await author.createComment("/ssr", { body: "Rendered before any request" })
    const initialData = JSON.parse(JSON.stringify(await loadThread(author, "/ssr")))
    const before = server.requests.length
    const { container } = show("/ssr", clientFor(server, siteKey), { initialData })
    // The first render, synchronously: the comment and the count, no skeleton.
    expect(container.querySelector(".kommies-skeleton")).toBeNull()
    expect(items(container).map(bodyOf)).toEqual(["Rendered before any request"])
    expect(container.querySelector("h2")?.textContent).toBe("1 comment")
    expect(server.requests.slice(before).filter((r) => r.includes("/comments?"))).toEqual([])
  })

  it("language and theme – should follow the locale's direction and the theme", async () => {
    const { container } = show("/rtl", clientFor(server, siteKey), {
      catalog: arabic,
      theme: "dark",
    })
    const section = await until(() => container.querySelector("section.kommies"))
    expect(section.getAttribute("dir")).toBe("rtl")
    expect(section.getAttribute("lang")).toBe("ar")
    expect(section.getAttribute("data-kommies-theme")).toBe("dark")
    await until(() => byText(container, ".kommies-status", String(arabic.messages["thread.empty"])))
    expect(container.querySelector("h2")?.textContent).toBe("لا توجد تعليقات")
    expect(section.getAttribute("aria-labelledby")).toBe(container.querySelector("h2")?.id)
  })
})
