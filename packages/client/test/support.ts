/** Helpers of the client tests: comment views, a scripted fetch, deferred promises. */
import type {
  CommentView,
  EventStreamOptions,
  KommiesClient,
  Page,
  PublicCommenter,
  SignedIn,
} from "../src/index.js"

export const ann: PublicCommenter = {
  id: "c-ann",
  displayName: "Ann",
  avatarUrl: null,
  role: "user",
  karma: 0,
}
export const bob: PublicCommenter = { ...ann, id: "c-bob", displayName: "Bob" }
export const mod: PublicCommenter = { ...ann, id: "c-mod", displayName: "Mo", role: "moderator" }

/** A comment view with sensible defaults. */
export const view = (id: string, fields: Partial<CommentView> = {}): CommentView => ({
  id,
  threadId: "t-1",
  parentId: null,
  depth: fields.parentId ? 1 : 0,
  author: bob,
  authorId: bob.id,
  html: `<p>${id}</p>`,
  status: "approved",
  shadowed: false,
  upvotes: 0,
  downvotes: 0,
  score: 0,
  replyCount: 0,
  reportCount: 0,
  myVote: null,
  createdAt: 1_700_000_000_000,
  editedAt: null,
  ...fields,
})

export const page = (fields: Partial<Page> = {}): Page => ({
  thread: {
    id: "t-1",
    siteId: "s-1",
    key: "/post/1",
    url: null,
    title: null,
    locked: false,
    commentCount: 0,
    createdAt: 0,
    updatedAt: 0,
  },
  sort: "best",
  comments: [],
  replies: [],
  nextCursor: null,
  ...fields,
})

export const session = (fields: Partial<SignedIn> = {}): SignedIn => ({
  accessToken: "access-1",
  accessTokenExpiresAt: Date.now() + 15 * 60_000,
  refreshToken: "refresh-1",
  commenter: ann,
  ...fields,
})

/** A promise to settle by hand. */
export const deferred = <A>() => {
  let resolve!: (value: A) => void
  let reject!: (error: unknown) => void
  const promise = new Promise<A>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

/** Lets pending promise callbacks run. */
export const flush = async (times = 5) => {
  for (let i = 0; i < times; i++) await new Promise<void>((r) => queueMicrotask(r))
}

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  })

export const problem = (status: number, code: string, detail = code, extra = {}) =>
  new Response(
    JSON.stringify({
      type: `urn:kommies:problem:${code}`,
      title: "Error",
      status,
      detail,
      code,
      ...extra,
    }),
    { status, headers: { "content-type": "application/problem+json" } },
  )

export interface Call {
  readonly method: string
  readonly url: string
  readonly path: string
  readonly headers: Record<string, string>
  readonly body: unknown
}

/**
 * A fetch that records calls and answers with `route(call)`; the answer may
 * be a Response, a promise of one, or a thrown error (network failure).
 */
export const scriptedFetch = (route: (call: Call) => Response | Promise<Response>) => {
  const calls: Array<Call> = []
  const fetch = async (input: string, init: RequestInit = {}) => {
    const url = new URL(input, "http://api.test")
    const call: Call = {
      method: init.method ?? "GET",
      url: input,
      path: url.pathname + url.search,
      headers: Object.fromEntries(new Headers(init.headers).entries()),
      body: typeof init.body === "string" ? JSON.parse(init.body) : undefined,
    }
    calls.push(call)
    return route(call)
  }
  return { fetch, calls }
}

/**
 * A client double for store tests: only what the store calls, with
 * `emit` to push realtime events into an open `threadEvents`.
 */
export const stubClient = (
  methods: Partial<KommiesClient> = {},
  me: PublicCommenter | null = ann,
) => {
  let stream: EventStreamOptions | null = null
  let commenter = me
  const client = {
    getSnapshot: () => ({ commenter }),
    threadEvents: (_page: string, options: EventStreamOptions) => {
      stream = options
      options.onStatus?.("open")
      return () => {
        stream = null
        options.onStatus?.("off")
      }
    },
    ...methods,
  } as unknown as KommiesClient
  let seq = 0
  return {
    client,
    connected: () => stream !== null,
    lastEventIdGiven: () => stream?.lastEventId ?? null,
    signIn: (who: PublicCommenter | null) => {
      commenter = who
    },
    emit: (type: string, data: unknown) => {
      if (!stream) throw new Error("not connected")
      stream.onEvent({ id: String(++seq), type, data })
    },
  }
}
