import { describe, expect, it, vi } from "vitest"
import {
  type CommentView,
  createThreadStore,
  KommiesError,
  loadThread,
  type NewComment,
  type Page,
  type PageQuery,
  remainingReplies,
  type ThreadState,
} from "../src/index.js"
import { ann, bob, deferred, flush, mod, page, stubClient, view } from "./support.js"

const boom = () => new KommiesError(422, "body_invalid", "No")

/** Comment ids in display order, replies indented by depth. */
const outline = (s: ThreadState): Array<string> => {
  const lines: Array<string> = []
  const walk = (ids: ReadonlyArray<string>, depth: number) => {
    for (const id of ids) {
      lines.push(`${"  ".repeat(depth)}${id}`)
      walk(s.children[id] ?? [], depth + 1)
    }
  }
  walk(s.top, 0)
  return lines
}

const firstPage = page({
  comments: [view("a", { replyCount: 2 }), view("b", { replyCount: 5 }), view("c")],
  replies: [
    view("a1", { parentId: "a" }),
    view("a2", { parentId: "a" }),
    view("b1", { parentId: "b" }),
    view("b2", { parentId: "b" }),
    view("b3", { parentId: "b" }),
    view("zz", { parentId: "unknown" }),
  ],
  nextCursor: "cursor-2",
})
const withCount = (p: Page, commentCount: number): Page =>
  p.thread ? { ...p, thread: { ...p.thread, commentCount } } : p

/** A store hydrated with the first page. */
const hydrated = (methods = {}, me = ann) => {
  const stub = stubClient(methods, me)
  const store = createThreadStore(stub.client, {
    page: "/post/1",
    initial: { page: "/post/1", result: withCount(firstPage, 10) },
  })
  return { ...stub, store }
}

describe("ThreadStore – loading", () => {
  it("hydrate – should start ready from server data, normalized", () => {
    const { store } = hydrated()
    const s = store.getSnapshot()
    expect(s.status).toBe("ready")
    expect(s.count).toBe(10)
    expect(s.sort).toBe("best")
    expect(s.top).toEqual(["a", "b", "c"])
    expect(outline(s)).toEqual(["a", "  a1", "  a2", "b", "  b1", "  b2", "  b3", "c"])
    expect(s.comments.zz).toBeUndefined()
    expect(s.cursor).toBe("cursor-2")
    expect(s.hasMore).toBe(true)
    expect(Object.keys(s.comments).sort()).toEqual(["a", "a1", "a2", "b", "b1", "b2", "b3", "c"])
  })

  it("hydrate – should produce JSON-serializable initial data with loadThread", async () => {
    const listThread = vi.fn(async () => firstPage)
    const { client } = stubClient({ listThread })
    const initial = await loadThread(client, "/post/1", { sort: "top", limit: 5 })
    expect(listThread).toHaveBeenCalledWith("/post/1", {
      sort: "top",
      limit: 5,
      replies: undefined,
    })
    const revived = JSON.parse(JSON.stringify(initial))
    const store = createThreadStore(client, { page: "/post/1", initial: revived })
    expect(outline(store.getSnapshot())).toHaveLength(8)
  })

  it("load – should go loading → ready and pass sort and limits", async () => {
    const gate = deferred<Page>()
    const listThread = vi.fn(() => gate.promise)
    const { client } = stubClient({ listThread })
    const store = createThreadStore(client, { page: "/p", limit: 5, replies: 2 })
    expect(store.getSnapshot().status).toBe("idle")
    const statuses: Array<string> = []
    store.subscribe(() => statuses.push(store.getSnapshot().status))
    const loading = store.load()
    expect(store.getSnapshot().status).toBe("loading")
    gate.resolve({ ...firstPage, sort: "new" })
    await loading
    expect(statuses).toEqual(["loading", "ready"])
    expect(store.getSnapshot().sort).toBe("new")
    expect(listThread.mock.calls[0]?.slice(0, 2)).toEqual([
      "/p",
      { sort: undefined, limit: 5, replies: 2 },
    ])
  })

  it("load – should keep the error in the state instead of rejecting", async () => {
    const { client } = stubClient({
      listThread: async () => {
        throw new KommiesError(404, "site_not_found", "No such site")
      },
    })
    const store = createThreadStore(client, { page: "/p" })
    await expect(store.load()).resolves.toBeUndefined()
    expect(store.getSnapshot()).toMatchObject({
      status: "error",
      error: { code: "site_not_found" },
    })
  })

  it("setSort – should reload in the new sort and ignore the answer of a superseded load", async () => {
    const answers: Record<string, ReturnType<typeof deferred<Page>>> = {
      new: deferred(),
      top: deferred(),
    }
    const listThread = vi.fn((_: string, q?: PageQuery) => answers[q?.sort ?? ""]!.promise)
    const { client } = stubClient({ listThread })
    const store = createThreadStore(client, { page: "/p", sort: "best" })
    const first = store.setSort("new")
    const second = store.setSort("top")
    expect(store.getSnapshot().sort).toBe("top")
    answers.top?.resolve(page({ sort: "top", comments: [view("t1")] }))
    await second
    answers.new?.resolve(page({ sort: "new", comments: [view("n1")] }))
    await first
    expect(store.getSnapshot().top).toEqual(["t1"])
    expect(store.getSnapshot().sort).toBe("top")
    // The superseded request was aborted.
    const signal = (listThread.mock.calls[0] as unknown as [string, unknown, AbortSignal])[2]
    expect(signal.aborted).toBe(true)
  })

  it("loadMore – should append the next page, skip duplicates and stop at the end", async () => {
    const listThread = vi.fn(async () =>
      page({
        comments: [view("c"), view("d"), view("e")],
        replies: [view("d1", { parentId: "d" })],
        nextCursor: null,
      }),
    )
    const { store } = hydrated({ listThread })
    const before = store.getSnapshot()
    await store.loadMore()
    expect(listThread).toHaveBeenCalledWith("/post/1", {
      sort: "best",
      cursor: "cursor-2",
      limit: undefined,
      replies: undefined,
    })
    const s = store.getSnapshot()
    expect(s.top).toEqual(["a", "b", "c", "d", "e"])
    expect(s.children.d).toEqual(["d1"])
    expect(s.hasMore).toBe(false)
    expect(s.loadingMore).toBe(false)
    // Parts that did not change keep their references.
    expect(s.children.a).toBe(before.children.a)
    expect(s.comments.a).toBe(before.comments.a)
    await store.loadMore()
    expect(listThread).toHaveBeenCalledTimes(1)
  })

  it("loadReplies – should page a comment's replies without repeating inline ones", async () => {
    const listReplies = vi
      .fn()
      .mockResolvedValueOnce(
        page({
          comments: [view("b1", { parentId: "b" }), view("b4", { parentId: "b" })],
          nextCursor: "r2",
        }),
      )
      .mockResolvedValueOnce(page({ comments: [view("b5", { parentId: "b" })], nextCursor: null }))
    const { store } = hydrated({ listReplies })
    expect(remainingReplies(store.getSnapshot(), "b")).toBe(2)
    expect(remainingReplies(store.getSnapshot(), "a")).toBe(0)
    const loading = store.loadReplies("b")
    expect(store.getSnapshot().loadingReplies).toEqual({ b: true })
    await loading
    expect(store.getSnapshot().children.b).toEqual(["b1", "b2", "b3", "b4"])
    expect(store.getSnapshot().loadingReplies).toEqual({})
    expect(remainingReplies(store.getSnapshot(), "b")).toBe(1)
    await store.loadReplies("b")
    expect(listReplies.mock.calls.map((c) => c.slice(0, 2))).toEqual([
      ["b", { cursor: undefined, limit: undefined }],
      ["b", { cursor: "r2", limit: undefined }],
    ])
    expect(store.getSnapshot().children.b).toEqual(["b1", "b2", "b3", "b4", "b5"])
    expect(remainingReplies(store.getSnapshot(), "b")).toBe(0)
    await store.loadReplies("b")
    expect(listReplies).toHaveBeenCalledTimes(2)
  })
})

describe("ThreadStore – optimistic writes", () => {
  it("post – should show a comment at once and replace it with the server's", async () => {
    const gate = deferred<CommentView>()
    const createComment = vi.fn(() => gate.promise)
    const { store } = hydrated({ createComment })
    const posting = store.post("Hello <b>", { elapsedMs: 1200 })
    const s = store.getSnapshot()
    const tempId = s.top[0]!
    expect(tempId).toMatch(/^tmp-/)
    expect(s.comments[tempId]).toMatchObject({
      author: ann,
      authorId: ann.id,
      body: "Hello <b>",
      html: "<p>Hello &#60;b&#62;</p>",
      status: "approved",
    })
    expect(createComment).toHaveBeenCalledWith("/post/1", {
      body: "Hello <b>",
      parentId: null,
      elapsedMs: 1200,
    })
    const saved = view("new", { author: ann, authorId: ann.id, body: "Hello <b>" })
    gate.resolve(saved)
    expect(await posting).toBe(saved)
    const after = store.getSnapshot()
    expect(after.top).toEqual(["new", "a", "b", "c"])
    expect(after.comments[tempId]).toBeUndefined()
    expect(after.comments.new).toBe(saved)
    expect(after.count).toBe(11)
  })

  it("post – should append under `old` and put replies last under their parent", async () => {
    const createComment = vi.fn(async (_: string, input: NewComment) =>
      view(input.parentId ? "r" : "o", { parentId: input.parentId ?? null, authorId: ann.id }),
    )
    const { client } = stubClient({ createComment })
    const store = createThreadStore(client, {
      page: "/p",
      initial: { page: "/p", result: { ...firstPage, sort: "old" } },
    })
    await store.post("last")
    expect(store.getSnapshot().top).toEqual(["a", "b", "c", "o"])
    const replying = store.post("reply", { parentId: "a" })
    expect(store.getSnapshot().comments.a?.replyCount).toBe(3)
    expect(store.getSnapshot().children.a?.[2]).toMatch(/^tmp-/)
    expect(store.getSnapshot().comments[store.getSnapshot().children.a![2]!]?.depth).toBe(1)
    await replying
    expect(store.getSnapshot().children.a).toEqual(["a1", "a2", "r"])
    expect(store.getSnapshot().comments.a?.replyCount).toBe(3)
  })

  it("post – should roll back and reject when the server refuses", async () => {
    const { store } = hydrated({
      createComment: async () => {
        throw boom()
      },
    })
    const before = store.getSnapshot()
    await expect(store.post("x", { parentId: "a" })).rejects.toMatchObject({ code: "body_invalid" })
    const after = store.getSnapshot()
    expect(outline(after)).toEqual(outline(before))
    expect(after.comments.a?.replyCount).toBe(2)
    expect(after.count).toBe(before.count)
  })

  it("post – should keep one copy when the live event beats the answer", async () => {
    const gate = deferred<CommentView>()
    const { store, emit } = hydrated({ createComment: () => gate.promise })
    store.connect()
    const posting = store.post("mine")
    const saved = view("mine", { author: ann, authorId: ann.id })
    emit("comment.created", { comment: saved, visible: true })
    gate.resolve(saved)
    await posting
    const s = store.getSnapshot()
    expect(s.top.filter((id) => id === "mine")).toHaveLength(1)
    expect(s.top.some((id) => id.startsWith("tmp-"))).toBe(false)
    expect(s.count).toBe(11)
  })

  it("post – should follow the server when it files a reply under another parent", async () => {
    const { store } = hydrated({
      createComment: async () => view("flat", { parentId: "a", depth: 1 }),
    })
    await store.post("deep", { parentId: "a1" })
    const s = store.getSnapshot()
    expect(s.children.a1 ?? []).toEqual([])
    expect(s.children.a).toEqual(["a1", "a2", "flat"])
    expect(s.comments.a1?.replyCount).toBe(0)
  })

  it("edit – should show the new text at once and roll back on failure", async () => {
    const gate = deferred<CommentView>()
    const original = view("mine", { author: ann, authorId: ann.id, body: "old" })
    const { client } = stubClient({ editComment: () => gate.promise })
    const store = createThreadStore(client, {
      page: "/p",
      initial: { page: "/p", result: page({ comments: [original] }) },
    })
    const editing = store.edit("mine", "new text")
    expect(store.getSnapshot().comments.mine).toMatchObject({
      body: "new text",
      html: "<p>new text</p>",
    })
    expect(store.getSnapshot().comments.mine?.editedAt).not.toBeNull()
    gate.reject(new KommiesError(409, "edit_window_closed", "Too late"))
    await expect(editing).rejects.toMatchObject({ code: "edit_window_closed" })
    expect(store.getSnapshot().comments.mine).toMatchObject({
      body: "old",
      html: original.html,
      editedAt: null,
    })

    const saved = { ...original, body: "ok", html: "<p>ok</p>", editedAt: 5 }
    const okStore = createThreadStore(stubClient({ editComment: async () => saved }).client, {
      page: "/p",
      initial: { page: "/p", result: page({ comments: [original] }) },
    })
    await okStore.edit("mine", "ok")
    expect(okStore.getSnapshot().comments.mine).toMatchObject({ html: "<p>ok</p>", editedAt: 5 })
  })

  it("remove – should drop a leaf, tombstone a parent, and roll back in place", async () => {
    let fail = true
    const deleteComment = vi.fn(async () => {
      if (fail) throw boom()
    })
    const { store } = hydrated({ deleteComment })
    const before = store.getSnapshot()
    await expect(store.remove("a1")).rejects.toBeInstanceOf(KommiesError)
    expect(outline(store.getSnapshot())).toEqual(outline(before))
    expect(store.getSnapshot().comments.a1).toBe(before.comments.a1)
    expect(store.getSnapshot().comments.a?.replyCount).toBe(2)

    fail = false
    await store.remove("a1")
    expect(store.getSnapshot().children.a).toEqual(["a2"])
    expect(store.getSnapshot().comments.a?.replyCount).toBe(1)
    expect(store.getSnapshot().count).toBe(9)

    await store.remove("b")
    const b = store.getSnapshot().comments.b
    expect(b).toMatchObject({ status: "deleted", html: "", author: null, authorId: null })
    expect(store.getSnapshot().children.b).toEqual(["b1", "b2", "b3"])
    expect(store.getSnapshot().count).toBe(8)
  })

  it("vote – should count at once, take the server's numbers, and roll back on failure", async () => {
    const gate = deferred<never>()
    const vote = vi
      .fn()
      .mockResolvedValueOnce({ commentId: "a", myVote: "up", upvotes: 7, downvotes: 1, score: 6 })
      .mockReturnValueOnce(gate.promise)
    const { client } = stubClient({ vote })
    const store = createThreadStore(client, {
      page: "/p",
      initial: {
        page: "/p",
        result: page({ comments: [view("a", { upvotes: 5, downvotes: 1, score: 4 }), view("b")] }),
      },
    })
    const other = store.getSnapshot().comments.b
    const up = store.vote("a", "up")
    expect(store.getSnapshot().comments.a).toMatchObject({ myVote: "up", upvotes: 6, score: 5 })
    await up
    expect(store.getSnapshot().comments.a).toMatchObject({ myVote: "up", upvotes: 7, score: 6 })
    expect(store.getSnapshot().comments.b).toBe(other)

    const down = store.vote("a", "down")
    expect(store.getSnapshot().comments.a).toMatchObject({
      myVote: "down",
      upvotes: 6,
      downvotes: 2,
      score: 4,
    })
    gate.reject(boom())
    await expect(down).rejects.toBeInstanceOf(KommiesError)
    expect(store.getSnapshot().comments.a).toMatchObject({
      myVote: "up",
      upvotes: 7,
      downvotes: 1,
      score: 6,
    })
  })

  it("vote – should take a vote back when pressed again", async () => {
    const { client } = stubClient({
      vote: async () => ({ commentId: "a", myVote: null, upvotes: 0, downvotes: 0, score: 0 }),
    })
    const store = createThreadStore(client, {
      page: "/p",
      initial: {
        page: "/p",
        result: page({ comments: [view("a", { myVote: "up", upvotes: 1, score: 1 })] }),
      },
    })
    const pressing = store.vote("a", "up")
    expect(store.getSnapshot().comments.a).toMatchObject({ myVote: null, upvotes: 0, score: 0 })
    await pressing
  })

  it("moderate and lock – should apply the server's answer", async () => {
    const { store } = hydrated({
      moderate: async (id: string) => view(id, { status: "spam" }),
      lock: async (_: string, locked: boolean) => ({ ...firstPage.thread!, locked }),
    })
    await store.moderate("c", "spam")
    expect(store.getSnapshot().comments.c?.status).toBe("spam")
    await store.lock(true)
    expect(store.getSnapshot().thread?.locked).toBe(true)
  })
})

describe("ThreadStore – snapshots", () => {
  it("getSnapshot – should return the same object until something changes", async () => {
    const { store } = hydrated({
      vote: async () => ({ commentId: "c", myVote: "up", upvotes: 1, downvotes: 0, score: 1 }),
    })
    const first = store.getSnapshot()
    expect(store.getSnapshot()).toBe(first)
    const listener = vi.fn()
    const stop = store.subscribe(listener)
    await store.vote("c", "up")
    const after = store.getSnapshot()
    expect(after).not.toBe(first)
    expect(listener).toHaveBeenCalled()
    // Only the voted comment is a new object.
    expect(after.top).toBe(first.top)
    expect(after.children.a).toBe(first.children.a)
    expect(after.children.b).toBe(first.children.b)
    for (const id of ["a", "a1", "b", "b1"]) expect(after.comments[id]).toBe(first.comments[id])
    expect(after.comments.c).not.toBe(first.comments.c)
    stop()
    listener.mockClear()
    await store.vote("c", "up")
    expect(listener).not.toHaveBeenCalled()
  })
})

describe("ThreadStore – realtime", () => {
  it("connect – should track the live status and be idempotent", () => {
    const { store, connected } = hydrated()
    expect(store.getSnapshot().live).toBe("off")
    const disconnect = store.connect()
    expect(store.connect()).toBe(disconnect)
    expect(connected()).toBe(true)
    expect(store.getSnapshot().live).toBe("open")
    disconnect()
    expect(connected()).toBe(false)
    expect(store.getSnapshot().live).toBe("off")
  })

  it("created – should hold others' comments behind a notice until showNew", () => {
    const { store, emit } = hydrated()
    store.connect()
    const before = store.getSnapshot()
    emit("comment.created", { comment: view("n1"), visible: true })
    emit("comment.created", { comment: view("n2"), visible: true })
    emit("comment.created", { comment: view("n2r", { parentId: "n2" }), visible: true })
    emit("comment.created", { comment: view("a3", { parentId: "a" }), visible: true })
    const held = store.getSnapshot()
    expect(held.newCount).toBe(4)
    expect(held.top).toBe(before.top)
    expect(held.comments.n1).toBeUndefined()
    store.showNew()
    const s = store.getSnapshot()
    expect(s.newCount).toBe(0)
    expect(outline(s)).toEqual([
      "n2",
      "  n2r",
      "n1",
      "a",
      "  a1",
      "  a2",
      "  a3",
      "b",
      "  b1",
      "  b2",
      "  b3",
      "c",
    ])
    expect(s.count).toBe(14)
    expect(s.comments.a?.replyCount).toBe(3)
  })

  it("created – should show own comments at once (posted from another tab)", () => {
    const { store, emit } = hydrated()
    store.connect()
    emit("comment.created", {
      comment: view("mine", { authorId: ann.id, author: ann }),
      visible: true,
    })
    expect(store.getSnapshot().top[0]).toBe("mine")
    expect(store.getSnapshot().newCount).toBe(0)
  })

  it("created – should ignore replies to unknown parents, invisible comments and repeats", () => {
    const { store, emit } = hydrated()
    store.connect()
    const before = store.getSnapshot()
    emit("comment.created", { comment: view("x", { parentId: "nowhere" }), visible: true })
    emit("comment.created", { comment: view("p", { status: "pending" }), visible: false })
    emit("comment.created", { comment: view("a"), visible: true })
    emit("something.else", { comment: view("y") })
    emit("comment.created", "not json")
    expect(store.getSnapshot().newCount).toBe(0)
    expect(store.getSnapshot().top).toBe(before.top)
  })

  it("edited – should replace the text but keep what only this viewer knows", () => {
    const { client, emit } = stubClient({}, ann)
    const mine = view("m", { authorId: ann.id, body: "md", myVote: null, reportCount: 0 })
    const theirs = view("t", { myVote: "up", upvotes: 3, score: 3 })
    const store = createThreadStore(client, {
      page: "/p",
      initial: { page: "/p", result: page({ comments: [mine, theirs] }) },
    })
    store.connect()
    emit("comment.edited", {
      comment: view("t", { html: "<p>new</p>", editedAt: 9, upvotes: 3, score: 3 }),
      visible: true,
    })
    emit("comment.edited", {
      comment: view("m", { authorId: ann.id, html: "<p>md2</p>", editedAt: 9 }),
      visible: true,
    })
    const s = store.getSnapshot()
    expect(s.comments.t).toMatchObject({ html: "<p>new</p>", editedAt: 9, myVote: "up" })
    expect(s.comments.m).toMatchObject({ html: "<p>md2</p>", body: "md" })
  })

  it("edited – should drop a comment that went back to the queue, for readers but not its author", () => {
    const { client, emit } = stubClient({}, ann)
    const store = createThreadStore(client, {
      page: "/p",
      initial: {
        page: "/p",
        result: page({ comments: [view("t"), view("m", { authorId: ann.id })] }),
      },
    })
    store.connect()
    emit("comment.edited", { comment: view("t", { status: "pending" }), visible: false })
    emit("comment.edited", {
      comment: view("m", { authorId: ann.id, status: "pending" }),
      visible: false,
    })
    expect(store.getSnapshot().top).toEqual(["m"])
    expect(store.getSnapshot().comments.m?.status).toBe("pending")
  })

  it("moderators – should keep seeing comments whatever their status", () => {
    const { client, emit } = stubClient({}, mod)
    const store = createThreadStore(client, {
      page: "/p",
      initial: { page: "/p", result: page({ comments: [view("t")] }) },
    })
    store.connect()
    emit("comment.spam", { comment: view("t", { status: "spam" }), visible: false })
    expect(store.getSnapshot().comments.t?.status).toBe("spam")
  })

  it("approved – should update a known pending comment and hold an unknown one", () => {
    const { client, emit } = stubClient({}, ann)
    const store = createThreadStore(client, {
      page: "/p",
      initial: {
        page: "/p",
        result: page({ comments: [view("m", { authorId: ann.id, status: "pending" })] }),
      },
    })
    store.connect()
    emit("comment.approved", { comment: view("m", { authorId: ann.id }), visible: true })
    expect(store.getSnapshot().comments.m?.status).toBe("approved")
    expect(store.getSnapshot().count).toBe(1)
    emit("comment.approved", { comment: view("q"), visible: true })
    expect(store.getSnapshot().newCount).toBe(1)
  })

  it("deleted – should remove a leaf, keep a tombstone with replies, and forget held ones", () => {
    const { store, emit } = hydrated()
    store.connect()
    emit("comment.created", { comment: view("n1"), visible: true })
    emit("comment.deleted", {
      comment: view("n1", { status: "deleted", html: "" }),
      visible: false,
    })
    emit("comment.deleted", { comment: view("c", { status: "deleted", html: "" }), visible: false })
    emit("comment.deleted", {
      comment: view("a", {
        status: "deleted",
        html: "",
        author: null,
        authorId: null,
        replyCount: 2,
      }),
      visible: true,
    })
    const s = store.getSnapshot()
    expect(s.newCount).toBe(0)
    expect(s.top).toEqual(["a", "b"])
    expect(s.comments.a).toMatchObject({ status: "deleted", html: "" })
    expect(s.children.a).toEqual(["a1", "a2"])
    expect(s.count).toBe(8)
  })

  it("votes and locks – should apply live", () => {
    const { store, emit } = hydrated()
    store.connect()
    emit("comment.created", { comment: view("n1"), visible: true })
    emit("vote.changed", { commentId: "a", upvotes: 4, downvotes: 1, score: 3 })
    emit("vote.changed", { commentId: "n1", upvotes: 2, downvotes: 0, score: 2 })
    emit("vote.changed", { commentId: "unknown", upvotes: 2, downvotes: 0, score: 2 })
    emit("thread.locked", { threadId: "t-1" })
    let s = store.getSnapshot()
    expect(s.comments.a).toMatchObject({ upvotes: 4, downvotes: 1, score: 3, myVote: null })
    expect(s.thread?.locked).toBe(true)
    store.showNew()
    s = store.getSnapshot()
    expect(s.comments.n1?.score).toBe(2)
    emit("thread.unlocked", { threadId: "t-1" })
    expect(store.getSnapshot().thread?.locked).toBe(false)
  })

  it("resume – should reconnect from the last event it saw", () => {
    const { store, emit, lastEventIdGiven } = hydrated()
    store.connect()
    expect(lastEventIdGiven()).toBeNull()
    emit("vote.changed", { commentId: "a", upvotes: 1, downvotes: 0, score: 1 })
    emit("vote.changed", { commentId: "a", upvotes: 2, downvotes: 0, score: 2 })
    store.disconnect()
    store.connect()
    expect(lastEventIdGiven()).toBe("2")
  })

  it("load – should drop held comments that a reload brought in", async () => {
    const { store, emit } = hydrated({
      listThread: async () => page({ comments: [view("n1"), view("a")] }),
    })
    store.connect()
    emit("comment.created", { comment: view("n1"), visible: true })
    emit("comment.created", { comment: view("n2"), visible: true })
    await store.load()
    expect(store.getSnapshot().newCount).toBe(1)
    expect(store.getSnapshot().live).toBe("open")
  })

  it("dispose – should disconnect and stop notifying", async () => {
    const gate = deferred<Page>()
    const { store, connected } = hydrated({ listThread: () => gate.promise })
    store.connect()
    const listener = vi.fn()
    store.subscribe(listener)
    const loading = store.load()
    listener.mockClear()
    store.dispose()
    expect(connected()).toBe(false)
    gate.resolve(page({ comments: [view("z")] }))
    await loading
    await flush()
    expect(listener).not.toHaveBeenCalled()
    expect(store.getSnapshot().comments.z).toBeUndefined()
  })

  it("signed out – should treat every comment as someone else's", () => {
    const { client, emit } = stubClient({}, null)
    const store = createThreadStore(client, {
      page: "/p",
      initial: { page: "/p", result: page({ comments: [] }) },
    })
    store.connect()
    emit("comment.created", { comment: view("x", { authorId: bob.id }), visible: true })
    expect(store.getSnapshot().newCount).toBe(1)
  })
})
