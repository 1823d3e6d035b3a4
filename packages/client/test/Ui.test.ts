/** The view rules the widgets share (`@kommies/client/ui`). */
import { describe, expect, it } from "vitest"
import { createTranslator, KommiesError } from "../src/index.js"
import { catalog as en } from "../src/locales/en.js"
import {
  anchorOf,
  canDelete,
  canEdit,
  canReply,
  classes,
  countOf,
  errorMessage,
  followCommenter,
  isModerator,
  modifiers,
  permalinkId,
  reportReasons,
  sendReport,
  sharedClient,
  statusOf,
  togglePanel,
} from "../src/ui.js"
import { ann, bob, flush, mod, page, stubClient, view } from "./support.js"

const state = (locked = false) => ({
  thread: page().thread && { ...page().thread!, locked },
})

describe("ui rules", () => {
  it("canReply – should stop at the max depth, on locked threads, deleted and unsaved comments", () => {
    const s = state() as never
    expect(canReply(s, view("a", { depth: 0 }))).toBe(true)
    expect(canReply(s, view("a", { depth: 4 }))).toBe(true)
    expect(canReply(s, view("a", { depth: 5 }))).toBe(false)
    expect(canReply(s, view("a", { depth: 1 }), { maxDepth: 1 })).toBe(false)
    expect(canReply(state(true) as never, view("a"))).toBe(false)
    expect(canReply(s, view("a", { status: "deleted" }))).toBe(false)
    expect(canReply(s, view("tmp-1"))).toBe(false)
  })

  it("canEdit – should allow the author within the window only", () => {
    const now = 1_700_000_000_000
    const mine = view("a", { author: ann, authorId: ann.id, createdAt: now - 60_000 })
    expect(canEdit(mine, ann, {}, now)).toBe(true)
    expect(canEdit(mine, bob, {}, now)).toBe(false)
    expect(canEdit(mine, null, {}, now)).toBe(false)
    expect(canEdit(mine, ann, { editWindowSeconds: 30 }, now)).toBe(false)
    expect(canEdit({ ...mine, status: "spam" }, ann, {}, now)).toBe(false)
    expect(canEdit(mine, ann, {}, now + 16 * 60_000)).toBe(false)
  })

  it("canDelete – should allow the author and moderators", () => {
    const mine = view("a", { author: ann, authorId: ann.id })
    expect(canDelete(mine, ann)).toBe(true)
    expect(canDelete(mine, bob)).toBe(false)
    expect(canDelete(mine, mod)).toBe(true)
    expect(canDelete({ ...mine, status: "deleted" }, mod)).toBe(false)
    expect(isModerator(mod)).toBe(true)
    expect(isModerator({ ...ann, role: "owner" })).toBe(true)
    expect(isModerator(ann)).toBe(false)
  })

  it("statusOf – should badge pending and shadowed comments for their author and moderators only", () => {
    const pending = view("a", { author: ann, authorId: ann.id, status: "pending" })
    expect(statusOf(pending, ann)).toBe("comment.pending")
    expect(statusOf(pending, mod)).toBe("comment.pending")
    expect(statusOf(pending, bob)).toBeNull()
    expect(statusOf({ ...pending, status: "approved", shadowed: true }, ann)).toBe(
      "comment.shadowed",
    )
    expect(statusOf({ ...pending, status: "approved" }, ann)).toBeNull()
  })

  it("modifiers – should name the BEM modifiers of a comment", () => {
    const c = view("tmp-1", { author: ann, authorId: ann.id, status: "pending" })
    expect(modifiers(c, ann, true)).toEqual(["own", "pending", "sending", "highlighted"])
    expect(modifiers(view("b"), ann)).toEqual([])
  })

  it("errorMessage – should speak of signing in, slowing down, being offline, or the server's words", () => {
    const t = createTranslator(en)
    expect(errorMessage(t, new KommiesError(401, "sign_in_required", "x"))).toBe(
      "Sign in to join the discussion.",
    )
    const limited = new KommiesError(429, "rate_limited", "x", {
      type: "",
      title: "",
      status: 429,
      detail: "x",
      code: "rate_limited",
      retryAfter: 3,
    })
    expect(errorMessage(t, limited)).toBe("Too many requests. Try again in 3 seconds.")
    expect(errorMessage(t, new KommiesError(0, "network", "x"))).toBe("You seem to be offline.")
    expect(errorMessage(t, new KommiesError(422, "body_empty", "Write something"))).toBe(
      "Write something",
    )
    expect(errorMessage(t, new Error(""))).toBe("Something went wrong. Please try again.")
  })

  it("permalinkId – should read #comment-<id>", () => {
    expect(permalinkId("#comment-0199-abc")).toBe("0199-abc")
    expect(permalinkId("#top")).toBeNull()
    expect(permalinkId("")).toBeNull()
    expect(anchorOf("x")).toBe("comment-x")
  })

  it("countOf – should share one request among the counts asked for together", async () => {
    const asked: Array<ReadonlyArray<string>> = []
    const { client } = stubClient({
      counts: async (pages) => {
        asked.push(pages)
        return Object.fromEntries(pages.map((p) => [p, p.length]))
      },
    })
    const counts = await Promise.all([
      countOf(client, "/a"),
      countOf(client, "/bb"),
      countOf(client, "/a"),
    ])
    expect(counts).toEqual([2, 3, 2])
    expect(asked).toEqual([["/a", "/bb"]])
    expect(await countOf(client, "/ccc")).toBe(4)
    expect(asked).toHaveLength(2)
  })

  it("followCommenter – should reload the thread when who is signed in changes", async () => {
    let listener = () => {}
    let me: typeof ann | null = null
    const client = {
      getSnapshot: () => ({ commenter: me }),
      subscribe: (l: () => void) => {
        listener = l
        return () => {}
      },
    }
    let loads = 0
    const stop = followCommenter(client as never, { load: async () => void loads++ } as never)
    listener()
    expect(loads).toBe(0)
    me = ann
    listener()
    me = { ...ann }
    listener()
    expect(loads).toBe(1)
    me = null
    listener()
    await flush()
    expect(loads).toBe(2)
    stop()
  })

  it("sharedClient – should make a fresh client per call on the server", () => {
    const options = { baseUrl: "/kommies", siteKey: "kp_x" }
    expect(sharedClient(options)).not.toBe(sharedClient(options))
  })

  it("togglePanel – should open a panel, close it on a second press, switch to another", () => {
    const reply = togglePanel(null, "a", "reply")
    expect(reply).toEqual({ id: "a", kind: "reply" })
    expect(togglePanel(reply, "a", "reply")).toBeNull()
    expect(togglePanel(reply, "a", "edit")).toEqual({ id: "a", kind: "edit" })
    expect(togglePanel(reply, "b", "reply")).toEqual({ id: "b", kind: "reply" })
  })

  it("sendReport – should say thanks, or the error in words", async () => {
    const t = createTranslator(en)
    const calls: Array<unknown> = []
    const ok = { report: async (...args: Array<unknown>) => void calls.push(args) }
    expect(await sendReport(ok as never, t, "a", "spam", "")).toBe(t("report.thanks"))
    expect(calls).toEqual([["a", "spam", null]])
    const failing = {
      report: async () => {
        throw new KommiesError(401, "unauthorized", "no")
      },
    }
    expect(await sendReport(failing as never, t, "a", "other", "why")).toBe(
      t("error.signInRequired"),
    )
  })

  it("classes, reportReasons – should name the stylesheet's classes and every reason", () => {
    expect(classes.composer.input).toBe("kommies-composer__input")
    expect(classes.composer.submit).toBe("kommies-button kommies-button--primary")
    expect(classes.vote.up).toBe("kommies-vote__button--up")
    expect(classes.danger).toBe("kommies-button kommies-button--ghost kommies-button--danger")
    expect(reportReasons.map(([reason]) => reason)).toEqual(["spam", "abuse", "off-topic", "other"])
  })
})
