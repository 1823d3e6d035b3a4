/**
 * A thread on the page as a normalized, immutable store: comments by id,
 * ordered children per parent, paging, optimistic writes that roll back, and
 * realtime events applied as they come. Framework bindings read it through
 * `subscribe`/`getSnapshot` (React's `useSyncExternalStore`, Vue's
 * `shallowRef`, Solid's `createStore`).
 *
 * @since 0.1.0
 */
import type { KommiesClient, Verdict } from "./Client.js"
import type { LiveStatus, StreamEvent } from "./EventStream.js"
import { KommiesError } from "./KommiesError.js"
import type {
  CommentView,
  NewComment,
  Page,
  Sort,
  Theme,
  Thread,
  VoteDirection,
  VoteResult,
} from "./Models.js"

/**
 * What a thread store holds. Every change makes a new snapshot; the parts
 * that did not change keep their references (a comment object, a children
 * array), so a binding re-renders only what changed.
 *
 * @since 0.1.0
 * @category models
 */
export interface ThreadState {
  /** The thread's key (the page id). */
  readonly page: string
  readonly sort: Sort
  /** Null until loaded, and until the thread's first comment creates it. */
  readonly thread: Thread | null
  /**
   * The site's theme setting, once a page has loaded (null before, and from
   * servers that do not send one): what a widget shows when the page sets no
   * theme of its own (see {@link themeOf}).
   */
  readonly siteTheme: Theme | null
  /** Comments anybody can see, kept current as comments come and go. */
  readonly count: number
  /** Every loaded comment, by id. */
  readonly comments: Readonly<Record<string, CommentView>>
  /** Top-level comment ids, in order. */
  readonly top: ReadonlyArray<string>
  /** Loaded reply ids under each comment id, in order. */
  readonly children: Readonly<Record<string, ReadonlyArray<string>>>
  /** Continue the top level from here; null at the end. */
  readonly cursor: string | null
  readonly hasMore: boolean
  /** Per parent: where its replies continue (null: all loaded; absent: never paged). */
  readonly replyCursors: Readonly<Record<string, string | null>>
  readonly status: "idle" | "loading" | "ready" | "error"
  readonly loadingMore: boolean
  /** Parents whose replies are being loaded. */
  readonly loadingReplies: Readonly<Record<string, true>>
  /** The last failed load (writes reject instead). */
  readonly error: KommiesError | null
  /** Comments by others that arrived live and wait for `showNew()`. */
  readonly newCount: number
  readonly live: LiveStatus
}

/**
 * The theme a widget shows: the page's own choice when it made one, else the
 * site's setting once loaded, else `light`.
 *
 * @since 0.1.0
 * @category getters
 * @example
 * import { themeOf } from "@kommies/client"
 *
 * root.dataset.kommiesTheme = themeOf(store.getSnapshot(), props.theme)
 */
export const themeOf = (
  state: Pick<ThreadState, "siteTheme">,
  explicit: Theme | undefined,
): Theme => explicit ?? state.siteTheme ?? "light"

/**
 * What `loadThread` returns on the server and `hydrate` takes in the
 * browser: plain JSON, safe to serialize into the page.
 *
 * @since 0.1.0
 * @category models
 */
export interface InitialThread {
  readonly page: string
  readonly result: Page
}

/** @since 0.1.0 @category models */
export interface ThreadStoreOptions {
  /** The thread's key (the page id the embedder gives). */
  readonly page: string
  /** Default: the site's default sort. */
  readonly sort?: Sort
  /** Comments per page, 1–100; default 20. */
  readonly limit?: number
  /** Replies loaded inline under each top-level comment, 0–10; default 3. */
  readonly replies?: number
  /** Server-rendered data (`loadThread`): the first snapshot has it, no loading state. */
  readonly initial?: InitialThread | null
}

/** Options of `post`. @since 0.1.0 @category models */
export type PostOptions = Omit<NewComment, "body">

/**
 * A thread store. Loads never reject (failures land in `error`); writes
 * apply at once, then reject and roll back if the server refuses.
 *
 * @since 0.1.0
 * @category models
 */
export interface ThreadStore {
  readonly page: string
  subscribe(listener: () => void): () => void
  getSnapshot(): ThreadState
  /** Replaces the state with server-rendered data. */
  hydrate(initial: InitialThread): void
  /** Loads the first page (again). */
  load(): Promise<void>
  /** Loads the next page of top-level comments. */
  loadMore(): Promise<void>
  /** Loads (more of) the replies under a comment. */
  loadReplies(id: string): Promise<void>
  /** Switches the sort and reloads. */
  setSort(sort: Sort): Promise<void>
  /** Posts a comment or reply; it shows at once and is replaced by the server's. */
  post(body: string, options?: PostOptions): Promise<CommentView>
  edit(id: string, body: string): Promise<CommentView>
  remove(id: string): Promise<void>
  vote(id: string, direction: VoteDirection): Promise<VoteResult>
  /** A moderator's verdict, applied to the comment in place. */
  moderate(id: string, verdict: Verdict): Promise<CommentView>
  /** Locks or unlocks the thread (moderators). */
  lock(locked: boolean): Promise<void>
  /** Merges the comments waiting behind the "N new comments" notice. */
  showNew(): void
  /** Opens realtime (idempotent); returns `disconnect`. */
  connect(): () => void
  disconnect(): void
  /** Disconnects, cancels loads and drops listeners. */
  dispose(): void
}

/**
 * How many replies under a comment are not loaded yet (for "show N more").
 *
 * @since 0.1.0
 * @category getters
 */
export const remainingReplies = (state: ThreadState, id: string): number => {
  const cursor = state.replyCursors[id]
  if (cursor === null) return 0
  const missing = (state.comments[id]?.replyCount ?? 0) - (state.children[id]?.length ?? 0)
  return Math.max(missing, cursor === undefined ? 0 : 1)
}

/**
 * Loads a thread's first page for server rendering; pass the result to
 * `createThreadStore(client, { page, initial })` in the browser.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * // on the server
 * const initial = await loadThread(client, "/post/1")
 * // in the page
 * const store = createThreadStore(client, { page: "/post/1", initial })
 */
export const loadThread = async (
  client: KommiesClient,
  page: string,
  options: Omit<ThreadStoreOptions, "page" | "initial"> = {},
): Promise<InitialThread> => ({
  page,
  result: await client.listThread(page, {
    sort: options.sort,
    limit: options.limit,
    replies: options.replies,
  }),
})

const toError = (error: unknown) =>
  error instanceof KommiesError ? error : new KommiesError(0, "network", String(error))

const escapeHtml = (text: string) => text.replace(/[&<>]/g, (c) => `&#${c.charCodeAt(0)};`)

/** A stand-in for the server's HTML while a write is in flight. */
const draftHtml = (body: string) => `<p>${escapeHtml(body.trim()).replace(/\n/g, "<br>")}</p>`

const counted = (c: CommentView) => c.status === "approved" && !c.shadowed

const moderates = (role: string | undefined) =>
  role === "owner" || role === "admin" || role === "moderator"

/** Fields that depend on who looks: an event's public view must not clobber them. */
const viewerFields = (c: CommentView) => ({
  myVote: c.myVote,
  shadowed: c.shadowed,
  reportCount: c.reportCount,
  ...(c.body === undefined ? {} : { body: c.body }),
})

interface Draft {
  comments: Record<string, CommentView>
  top: ReadonlyArray<string>
  children: Record<string, ReadonlyArray<string>>
  count: number
}

let temps = 0

const insert = (list: ReadonlyArray<string>, id: string, at = list.length) => [
  ...list.slice(0, at),
  id,
  ...list.slice(at),
]

/**
 * A store for one thread. With `initial` it starts hydrated; otherwise call
 * `load()`. Call `connect()` for realtime.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * const store = createThreadStore(client, { page: "/post/1", sort: "top" })
 * store.subscribe(() => render(store.getSnapshot()))
 * await store.load()
 * store.connect()
 */
export const createThreadStore = (
  client: KommiesClient,
  options: ThreadStoreOptions,
): ThreadStore => {
  const { page, limit, replies } = options
  const listeners = new Set<() => void>()
  /** Comments by others waiting behind the notice, in arrival order. */
  const held = new Map<string, CommentView>()
  let explicitSort = options.sort
  let loads = 0
  let aborter: AbortController | null = null
  let closeStream: (() => void) | null = null
  let lastEventId: string | null = null
  const empty: ThreadState = {
    page,
    sort: options.sort ?? "best",
    thread: null,
    siteTheme: null,
    count: 0,
    comments: {},
    top: [],
    children: {},
    cursor: null,
    hasMore: false,
    replyCursors: {},
    status: "idle",
    loadingMore: false,
    loadingReplies: {},
    error: null,
    newCount: 0,
    live: "off",
  }
  let state = empty

  const set = (patch: Partial<ThreadState>) => {
    state = { ...state, ...patch }
    for (const listener of [...listeners]) listener()
  }

  const update = (change: (draft: Draft) => void) => {
    const draft: Draft = {
      comments: { ...state.comments },
      top: state.top,
      children: { ...state.children },
      count: state.count,
    }
    change(draft)
    set({ ...draft, count: Math.max(0, draft.count), newCount: held.size })
  }

  /** Moves a comment's reply count (a reply came or went). */
  const bump = (draft: Draft, id: string, by: number) => {
    const c = draft.comments[id]
    if (c) draft.comments[id] = { ...c, replyCount: Math.max(0, c.replyCount + by) }
  }

  /** Adds a comment to its list: replies last, top-level first (last for `old`). */
  const attach = (draft: Draft, c: CommentView, at?: number) => {
    const parent = c.parentId
    draft.comments[c.id] = c
    if (parent === null)
      draft.top = insert(draft.top, c.id, at ?? (state.sort === "old" ? draft.top.length : 0))
    else if (draft.comments[parent]) {
      draft.children[parent] = insert(draft.children[parent] ?? [], c.id, at)
      bump(draft, parent, 1)
    }
  }

  /** Takes a comment out of its list; returns where it was. */
  const detach = (draft: Draft, id: string) => {
    const parent = draft.comments[id]?.parentId
    if (parent === undefined) return -1
    delete draft.comments[id]
    const list = (parent === null ? draft.top : draft.children[parent]) ?? []
    const rest = list.filter((x) => x !== id)
    if (parent === null) draft.top = rest
    else {
      draft.children[parent] = rest
      bump(draft, parent, -1)
    }
    return list.indexOf(id)
  }

  /** A deleted comment: a tombstone when it holds replies, gone otherwise. */
  const bury = (draft: Draft, c: CommentView) => {
    const old = draft.comments[c.id]
    if (!old) return
    if (counted(old)) draft.count--
    if (old.replyCount > 0 || (draft.children[c.id]?.length ?? 0) > 0) {
      const { body: _, ...rest } = { ...c, ...viewerFields(old) }
      draft.comments[c.id] = { ...rest, status: "deleted", html: "", author: null, authorId: null }
    } else detach(draft, c.id)
  }

  /** Adds comments and their inline replies that are not there yet. */
  const merge = (draft: Draft, result: Pick<Page, "comments" | "replies">) => {
    const top = [...draft.top]
    for (const c of result.comments) {
      if (!(c.id in draft.comments)) top.push(c.id)
      draft.comments[c.id] = c
    }
    draft.top = top
    for (const r of result.replies) {
      if (r.parentId === null || !(r.parentId in draft.comments)) continue
      const list = draft.children[r.parentId] ?? []
      if (!list.includes(r.id)) draft.children[r.parentId] = [...list, r.id]
      draft.comments[r.id] = r
    }
  }

  const fresh = ({ thread, sort, nextCursor, theme, ...result }: Page) => {
    const draft: Draft = { comments: {}, top: [], children: {}, count: thread?.commentCount ?? 0 }
    merge(draft, result)
    for (const id of held.keys()) if (id in draft.comments) held.delete(id)
    set({
      ...empty,
      ...draft,
      thread,
      siteTheme: theme ?? null,
      sort,
      cursor: nextCursor,
      hasMore: nextCursor !== null,
      status: "ready",
      newCount: held.size,
      live: state.live,
    })
  }

  const load = async () => {
    const ticket = ++loads
    aborter?.abort()
    const controller = new AbortController()
    aborter = controller
    set({ status: "loading", error: null, loadingMore: false })
    try {
      const result = await client.listThread(
        page,
        { sort: explicitSort, limit, replies },
        controller.signal,
      )
      if (ticket === loads) fresh(result)
    } catch (error) {
      // An aborted load was superseded (or disposed): its ticket is stale.
      if (ticket === loads) set({ status: "error", error: toError(error) })
    }
  }

  const loadMore = async () => {
    const { cursor, sort } = state
    if (cursor === null || state.loadingMore || state.status === "loading") return
    const ticket = loads
    set({ loadingMore: true })
    try {
      const result = await client.listThread(page, { sort, cursor, limit, replies })
      if (ticket !== loads) return
      update((draft) => merge(draft, result))
      set({ cursor: result.nextCursor, hasMore: result.nextCursor !== null, loadingMore: false })
    } catch (error) {
      if (ticket === loads) set({ loadingMore: false, error: toError(error) })
    }
  }

  const loadReplies = async (id: string) => {
    const cursor = state.replyCursors[id]
    if (cursor === null || state.loadingReplies[id]) return
    const ticket = loads
    const done = () => {
      const { [id]: _, ...rest } = state.loadingReplies
      return rest
    }
    set({ loadingReplies: { ...state.loadingReplies, [id]: true } })
    try {
      const result = await client.listReplies(id, { cursor, limit })
      if (ticket !== loads) return
      update((draft) => {
        const list = [...(draft.children[id] ?? [])]
        for (const c of result.comments) {
          if (!list.includes(c.id)) list.push(c.id)
          draft.comments[c.id] = c
        }
        draft.children[id] = list
      })
      set({
        replyCursors: { ...state.replyCursors, [id]: result.nextCursor },
        loadingReplies: done(),
      })
    } catch (error) {
      if (ticket === loads) set({ loadingReplies: done(), error: toError(error) })
    }
  }

  /** Sets fields of a comment, if it is still there. */
  const patch = (id: string, fields: Partial<CommentView>) => {
    const c = state.comments[id]
    if (c)
      update((draft) => {
        draft.comments[id] = { ...c, ...fields }
      })
  }

  const post = async (body: string, { parentId = null, ...rest }: PostOptions = {}) => {
    const me = client.getSnapshot().commenter
    const parent = parentId === null ? undefined : state.comments[parentId]
    const temp: CommentView = {
      id: `tmp-${++temps}`,
      threadId: state.thread?.id ?? "",
      parentId,
      depth: parent ? parent.depth + 1 : 0,
      author: me,
      authorId: me?.id ?? null,
      html: draftHtml(body),
      body,
      status: "approved",
      shadowed: false,
      upvotes: 0,
      downvotes: 0,
      score: 0,
      replyCount: 0,
      reportCount: 0,
      myVote: null,
      createdAt: Date.now(),
      editedAt: null,
    }
    update((draft) => attach(draft, temp))
    try {
      const saved = await client.createComment(page, { body, parentId, ...rest })
      update((draft) => {
        const at = detach(draft, temp.id)
        if (saved.id in draft.comments) {
          draft.comments[saved.id] = saved
          return
        }
        // The server may file a deep reply under another parent (max depth).
        attach(draft, saved, saved.parentId === parentId && at >= 0 ? at : undefined)
        if (counted(saved)) draft.count++
      })
      return saved
    } catch (error) {
      update((draft) => void detach(draft, temp.id))
      throw error
    }
  }

  const edit = async (id: string, body: string) => {
    const before = state.comments[id]
    patch(id, { body, html: draftHtml(body), editedAt: Date.now() })
    try {
      const saved = await client.editComment(id, body)
      patch(id, saved)
      return saved
    } catch (error) {
      if (before)
        patch(id, {
          html: before.html,
          editedAt: before.editedAt,
          ...(before.body === undefined ? {} : { body: before.body }),
        })
      throw error
    }
  }

  const remove = async (id: string) => {
    const before = state.comments[id]
    if (!before) return client.deleteComment(id)
    const list = before.parentId === null ? state.top : (state.children[before.parentId] ?? [])
    const at = list.indexOf(id)
    update((draft) => bury(draft, before))
    try {
      await client.deleteComment(id)
    } catch (error) {
      update((draft) => {
        if (draft.comments[id]) draft.comments[id] = before
        else attach(draft, before, at)
        if (counted(before)) draft.count++
      })
      throw error
    }
  }

  const vote = async (id: string, direction: VoteDirection) => {
    const c = state.comments[id]
    if (c) {
      const to = c.myVote === direction ? null : direction
      const upvotes = c.upvotes + (to === "up" ? 1 : 0) - (c.myVote === "up" ? 1 : 0)
      const downvotes = c.downvotes + (to === "down" ? 1 : 0) - (c.myVote === "down" ? 1 : 0)
      patch(id, { myVote: to, upvotes, downvotes, score: upvotes - downvotes })
    }
    try {
      const { commentId: _, ...result } = await client.vote(id, direction)
      patch(id, result)
      return { commentId: id, ...result }
    } catch (error) {
      if (c)
        patch(id, {
          myVote: c.myVote,
          upvotes: c.upvotes,
          downvotes: c.downvotes,
          score: c.score,
        })
      throw error
    }
  }

  const moderate = async (id: string, verdict: Verdict) => {
    const saved = await client.moderate(id, verdict)
    patch(id, saved)
    return saved
  }

  const lock = async (locked: boolean) => {
    set({ thread: await client.lock(page, locked) })
  }

  const showNew = () => {
    const waiting = [...held.values()]
    held.clear()
    update((draft) => {
      for (const c of waiting) {
        if (c.id in draft.comments) continue
        if (c.parentId !== null && !(c.parentId in draft.comments)) continue
        attach(draft, c)
        if (counted(c)) draft.count++
      }
    })
  }

  /** Applies one realtime event. */
  const apply = ({ type, data }: StreamEvent) => {
    const body = (data ?? {}) as {
      readonly comment?: CommentView
      readonly visible?: boolean
    }
    if (type === "thread.locked" || type === "thread.unlocked") {
      if (state.thread) set({ thread: { ...state.thread, locked: type === "thread.locked" } })
      return
    }
    if (type === "vote.changed") {
      const { commentId, ...counts } = body as VoteResult
      const waiting = held.get(commentId)
      if (waiting) held.set(commentId, { ...waiting, ...counts })
      patch(commentId, counts)
      return
    }
    const view = body.comment
    if (!view?.id || !type.startsWith("comment.")) return
    const me = client.getSnapshot().commenter
    const mine = me !== null && view.authorId === me.id
    const known = state.comments[view.id]
    const shown = body.visible !== false && view.status === "approved"
    if (type === "comment.deleted" || (known && !shown && !mine && !moderates(me?.role))) {
      held.delete(view.id)
      if (known) update((draft) => bury(draft, view))
      else set({ newCount: held.size })
      return
    }
    if (known) {
      update((draft) => {
        draft.comments[view.id] = { ...view, ...viewerFields(known) }
        if (counted(view) !== counted(known)) draft.count += counted(view) ? 1 : -1
      })
      return
    }
    if (type !== "comment.created" && type !== "comment.approved") return
    // Events for comments under parents nobody loaded have nowhere to go.
    if (view.parentId !== null && !(view.parentId in state.comments) && !held.has(view.parentId))
      return
    if (mine) {
      // Posted from another tab: own comments show at once.
      update((draft) => {
        attach(draft, view)
        if (counted(view)) draft.count++
      })
    } else if (shown) {
      held.set(view.id, view)
      set({ newCount: held.size })
    }
  }

  const disconnect = () => {
    closeStream?.()
    closeStream = null
  }

  const connect = () => {
    closeStream ??= client.threadEvents(page, {
      lastEventId,
      onEvent: (event) => {
        if (event.id !== null) lastEventId = event.id
        apply(event)
      },
      onStatus: (live) => {
        if (live !== state.live) set({ live })
      },
    })
    return disconnect
  }

  if (options.initial && options.initial.page === page) fresh(options.initial.result)

  return {
    page,
    subscribe: (listener) => {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },
    getSnapshot: () => state,
    hydrate: (initial) => {
      loads++
      fresh(initial.result)
    },
    load,
    loadMore,
    loadReplies,
    setSort: (sort) => {
      explicitSort = sort
      set({ sort })
      return load()
    },
    post,
    edit,
    remove,
    vote,
    moderate,
    lock,
    showNew,
    connect,
    disconnect,
    dispose: () => {
      listeners.clear()
      disconnect()
      loads++
      aborter?.abort()
    },
  }
}
