/**
 * The client against the real Kommies API, in process: `makeHandler` over
 * memory stores, reached through `fetch: (url, init) => handler(new Request(url, init))`.
 */
import { Kommies } from "@kommies/core"
import { makeHandler } from "@kommies/core/http"
import { MemoryMailer } from "@kommies/core/memory"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  type CommentView,
  createClient,
  createThreadStore,
  createTranslator,
  type KommiesClient,
  KommiesError,
  loadThread,
  memoryStorage,
  type ThreadState,
  type ThreadStore,
  themeOf,
} from "../src/index.js"
import { catalog as en } from "../src/locales/en.js"

const secret = "client-integration-secret-0123456789abcdef"
const baseUrl = "http://kommies.test/api"

let kommies: ReturnType<typeof Kommies.make>
let web: ReturnType<typeof makeHandler>
let siteKey: string
const stores: Array<ThreadStore> = []

beforeAll(async () => {
  kommies = Kommies.make({ tokens: { secret }, passwords: { ln: 4 }, mailer: MemoryMailer.layer })
  const { site } = await kommies.sites.create({
    name: "Client test",
    settings: { minSubmitMillis: 0 },
  })
  siteKey = site.publicKey
  web = makeHandler({ kommies, prefix: "/api", rateLimits: false, heartbeatMs: 50 })
})

afterAll(async () => {
  for (const store of stores) store.dispose()
  await web.dispose()
  await kommies.dispose()
})

const client = (storage = memoryStorage()): KommiesClient =>
  createClient({
    baseUrl,
    siteKey,
    storage,
    fetch: (input, init) => web.handler(new Request(input, init)),
  })

const storeFor = (c: KommiesClient, page: string) => {
  const store = createThreadStore(c, { page })
  stores.push(store)
  return store
}

/** Waits until the store's state satisfies `ok` (realtime is asynchronous). */
const until = async (store: ThreadStore, ok: (s: ThreadState) => boolean, ms = 5_000) => {
  const started = Date.now()
  while (!ok(store.getSnapshot())) {
    if (Date.now() - started > ms) throw new Error("timed out waiting for the store")
    await new Promise((r) => setTimeout(r, 10))
  }
  return store.getSnapshot()
}

/** An emailed 6-digit code. */
const codeSentTo = async (email: string) => {
  const runtime = kommies.runtime as unknown as {
    runPromise: <A>(effect: unknown) => Promise<A>
  }
  const mailer = await runtime.runPromise<{ sentTo: (to: string) => unknown }>(
    MemoryMailer.MemoryMailer,
  )
  const sent = await runtime.runPromise<ReadonlyArray<{ text: string }>>(mailer.sentTo(email))
  const code = /\b(\d{6})\b/.exec(sent.at(-1)?.text ?? "")?.[1]
  if (!code) throw new Error(`no code sent to ${email}`)
  return code
}

describe("client against the real API", () => {
  it("thread – should load, post, reply, vote, edit and delete through the store", async () => {
    const ann = client()
    const page = "/posts/hello-world?ref=home"
    const store = storeFor(ann, page)
    await store.load()
    expect(store.getSnapshot()).toMatchObject({ status: "ready", thread: null, top: [], count: 0 })

    await ann.guest({ displayName: "Ann" })
    const first = await store.post("Hello **world**", {
      title: "Hello",
      url: "https://blog.example/hello",
    })
    expect(first.html).toContain("<strong>world</strong>")
    expect(first.author?.displayName).toBe("Ann")
    const reply = await store.post("A reply", { parentId: first.id })
    let s = store.getSnapshot()
    expect(s.top).toEqual([first.id])
    expect(s.children[first.id]).toEqual([reply.id])
    expect(s.comments[first.id]?.replyCount).toBe(1)

    // Reload from the server: the same tree.
    await store.load()
    s = store.getSnapshot()
    expect(s.thread?.key).toBe(page)
    expect(s.thread?.title).toBe("Hello")
    expect(s.top).toEqual([first.id])
    expect(s.children[first.id]).toEqual([reply.id])
    expect(s.count).toBe(2)
    expect(s.comments[first.id]?.body).toBe("Hello **world**")

    const bob = client()
    await bob.guest({ displayName: "Bob" })
    const bobs = storeFor(bob, page)
    await bobs.load()
    const voted = await bobs.vote(first.id, "up")
    expect(voted).toMatchObject({ commentId: first.id, myVote: "up", upvotes: 1, score: 1 })
    expect(bobs.getSnapshot().comments[first.id]).toMatchObject({ myVote: "up", upvotes: 1 })
    await bobs.vote(first.id, "up")
    expect(bobs.getSnapshot().comments[first.id]).toMatchObject({ myVote: null, upvotes: 0 })

    const edited = await store.edit(first.id, "Hello _again_")
    expect(edited.html).toContain("<em>again</em>")
    expect(edited.editedAt).not.toBeNull()

    await store.remove(reply.id)
    expect(store.getSnapshot().children[first.id]).toEqual([])
    await store.load()
    expect(store.getSnapshot().children[first.id] ?? []).toEqual([])

    expect(await ann.counts([page, "/nothing-here"])).toEqual({ [page]: 1, "/nothing-here": 0 })
  })

  it("errors – should reject with the server's problem and roll back", async () => {
    const ann = client()
    const store = storeFor(ann, "/errors")
    await store.load()
    // Not signed in: the server refuses, the optimistic comment goes away.
    const refused = await store.post("hello").catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(KommiesError)
    expect((refused as KommiesError).status).toBeGreaterThanOrEqual(400)
    expect(store.getSnapshot().top).toEqual([])

    await ann.guest({ displayName: "Ann" })
    const empty = await store.post("   ").catch((e: unknown) => e)
    expect(empty).toMatchObject({ name: "KommiesError", status: 422 })
    expect((empty as KommiesError).code).toMatch(/body/)
    expect(store.getSnapshot().top).toEqual([])

    await expect(ann.getComment("0199a0b1-7c00-7000-8000-000000000000")).rejects.toMatchObject({
      status: 404,
    })
    const wrongKey = createClient({
      baseUrl,
      siteKey: "kp_nope",
      fetch: (input, init) => web.handler(new Request(input, init)),
    })
    await expect(wrongKey.listThread("/p")).rejects.toMatchObject({ status: 401 })
    // A store on a rotated key keeps the code, for the widget to say so.
    const stale = storeFor(wrongKey, "/p")
    await stale.load()
    expect(stale.getSnapshot()).toMatchObject({ status: "error", error: { code: "key_invalid" } })
    expect(createTranslator(en)("error.siteKeyInvalid")).toBe("This site's key is not valid.")
  })

  it("realtime – should hold others' comments, show own at once, and apply votes, edits and deletes live", async () => {
    const page = "/live"
    const annStorage = memoryStorage()
    const ann = client(annStorage)
    const bob = client()
    await ann.guest({ displayName: "Ann" })
    await bob.guest({ displayName: "Bob" })
    const seed = await bob.createComment(page, { body: "seed" })

    const annStore = storeFor(ann, page)
    await annStore.load()
    annStore.connect()
    await until(annStore, (s) => s.live === "open")

    const fromBob = await bob.createComment(page, { body: "Hi from Bob" })
    let s = await until(annStore, (x) => x.newCount === 1)
    expect(s.comments[fromBob.id]).toBeUndefined()
    annStore.showNew()
    s = annStore.getSnapshot()
    expect(s.top[0]).toBe(fromBob.id)
    expect(s.comments[fromBob.id]?.html).toContain("Hi from Bob")

    const mine = await annStore.post("Mine")
    expect(annStore.getSnapshot().top[0]).toBe(mine.id)

    await bob.vote(mine.id, "up")
    s = await until(annStore, (x) => x.comments[mine.id]?.upvotes === 1)
    expect(s.comments[mine.id]?.myVote).toBeNull()

    await bob.editComment(fromBob.id, "Edited by Bob")
    await until(annStore, (x) => (x.comments[fromBob.id]?.html ?? "").includes("Edited by Bob"))

    await bob.createComment(page, { body: "reply", parentId: seed.id })
    await until(annStore, (x) => x.newCount === 1)
    annStore.showNew()
    s = annStore.getSnapshot()
    expect((s.children[seed.id] ?? []).length).toBe(1)

    // Ann in another tab (the same session): her own changes arrive at once.
    const annTab = client(annStorage)
    const fromTab = await annTab.createComment(page, { body: "From my other tab" })
    s = await until(annStore, (x) => x.top[0] === fromTab.id)
    expect(s.newCount).toBe(0)
    await annTab.deleteComment(fromTab.id)
    s = await until(annStore, (x) => !(fromTab.id in x.comments))
    expect(s.top).not.toContain(fromTab.id)
    expect(Object.values(s.comments).some((c: CommentView) => c.id.startsWith("tmp-"))).toBe(false)
  })

  it("realtime – should resume with Last-Event-ID after a disconnect", async () => {
    const page = "/resume"
    const ann = client()
    const bob = client()
    const carol = client()
    await bob.guest({ displayName: "Bob" })
    await carol.guest({ displayName: "Carol" })
    const first = await bob.createComment(page, { body: "first" })
    const store = storeFor(ann, page)
    await store.load()
    store.connect()
    await until(store, (s) => s.live === "open")
    await carol.vote(first.id, "up")
    await until(store, (s) => s.comments[first.id]?.upvotes === 1)
    store.disconnect()
    // Missed while away:
    const missed = await bob.createComment(page, { body: "while you were away" })
    store.connect()
    await until(store, (s) => s.newCount === 1)
    store.showNew()
    expect(store.getSnapshot().comments[missed.id]?.html).toContain("while you were away")
  })

  it("auth – should register with an emailed code, refresh, log out and sign in again", async () => {
    const storage = memoryStorage()
    const c = client(storage)
    const refreshToken = () =>
      JSON.parse(storage.getItem(`kommies:${siteKey}`) ?? "{}").refreshToken
    const seen: Array<string | null> = []
    c.subscribe(() => seen.push(c.getSnapshot().commenter?.displayName ?? null))
    const { challengeId } = await c.register({
      email: "carol@example.com",
      displayName: "Carol",
      password: "correct horse battery staple",
    })
    const carol = await c.verify(challengeId, await codeSentTo("carol@example.com"))
    expect(carol.displayName).toBe("Carol")
    const me = await c.me()
    expect(me).toMatchObject({ id: carol.id, email: "carol@example.com", emailVerified: true })

    const before = refreshToken()
    expect(await c.refresh()).toMatchObject({ id: carol.id })
    expect(refreshToken()).not.toBe(before)
    expect((await c.me()).id).toBe(carol.id)

    await c.logout()
    expect(c.getSnapshot().commenter).toBeNull()
    await expect(c.me()).rejects.toMatchObject({ status: 401 })
    await c.login("carol@example.com", "correct horse battery staple")
    expect(c.getSnapshot().commenter?.id).toBe(carol.id)
    expect(seen).toEqual(["Carol", null, "Carol"])
    await expect(c.login("carol@example.com", "wrong")).rejects.toBeInstanceOf(KommiesError)
    c.dispose()
  })

  it("ssr – should hand loadThread's data to a store that starts ready", async () => {
    const page = "/ssr"
    const author = client()
    await author.guest({ displayName: "Dee" })
    const posted = await author.createComment(page, { body: "Server-rendered" })
    const initial = JSON.parse(JSON.stringify(await loadThread(client(), page, { sort: "new" })))
    const store = createThreadStore(client(), { page, initial })
    stores.push(store)
    expect(store.getSnapshot()).toMatchObject({ status: "ready", sort: "new", top: [posted.id] })
  })

  it("theme – should take the site's theme from the first page, below the page's own choice", async () => {
    const { site } = await kommies.sites.create({
      name: "Dark site",
      settings: { minSubmitMillis: 0, theme: "dark" },
    })
    const dark = createClient({
      baseUrl,
      siteKey: site.publicKey,
      storage: memoryStorage(),
      fetch: (input, init) => web.handler(new Request(input, init)),
    })
    const store = storeFor(dark, "/themed")
    expect(store.getSnapshot().siteTheme).toBeNull()
    expect(themeOf(store.getSnapshot(), undefined)).toBe("light")
    await store.load()
    expect(store.getSnapshot().siteTheme).toBe("dark")
    expect(themeOf(store.getSnapshot(), undefined)).toBe("dark")
    expect(themeOf(store.getSnapshot(), "light")).toBe("light")
    // A site that never chose has the default, `auto`.
    const plain = storeFor(client(), "/themed")
    await plain.load()
    expect(plain.getSnapshot().siteTheme).toBe("auto")
  })

  it("preview – should render Markdown as a comment would be", async () => {
    const c = client()
    expect(await c.preview("*hi* <script>x</script>")).toMatch(/<em>hi<\/em>/)
    expect(await c.preview("<script>x</script>")).not.toContain("<script>")
  })
})
