/**
 * The API client: every route of the Kommies HTTP API a page needs, over
 * `fetch`, and the signed-in commenter's session with background refresh.
 *
 * @since 0.1.0
 */
import { type EventStreamOptions, openEventStream } from "./EventStream.js"
import { errorOf, KommiesError } from "./KommiesError.js"
import type {
  Ban,
  CommentView,
  Me,
  NewComment,
  Page,
  PageQuery,
  PublicCommenter,
  Registered,
  ReportReason,
  ReportResult,
  SignedIn,
  Thread,
  VoteDirection,
  VoteResult,
} from "./Models.js"
import { memoryStorage, type TokenStorage } from "./Storage.js"

/**
 * `fetch`, or anything shaped like it: a test double, or an in-process
 * handler (`(url, init) => handler(new Request(url, init))`).
 *
 * @since 0.1.0
 * @category models
 */
export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>

/** @since 0.1.0 @category models */
export interface ClientOptions {
  /** Where the API is mounted: `https://example.com/api/comments` or `/api/comments`. */
  readonly baseUrl: string
  /** The site's public key, `kp_…`. */
  readonly siteKey: string
  /** Defaults to the global `fetch`. */
  readonly fetch?: FetchLike
  /** Where the session is kept; memory by default (see `localStorageStorage`). */
  readonly storage?: TokenStorage
  /** The reader's locale for widgets (`t`, `timeAgo`); default `en`. */
  readonly locale?: string
  /** Refresh the access token this many ms before it expires; default 60 000. */
  readonly refreshBefore?: number
  /** Refresh in the background before expiry; default true (off: refresh on use). */
  readonly autoRefresh?: boolean
  /**
   * The `EventSource` for realtime. Defaults to the global one where there is
   * one (browsers); `false`, or none, reads the stream with `fetch`.
   */
  readonly EventSource?: typeof EventSource | false
}

/** What `subscribe` listeners read: who is signed in. @since 0.1.0 @category models */
export interface AuthSnapshot {
  /** The signed-in commenter, or null. */
  readonly commenter: PublicCommenter | null
}

/** Options of a raw `request`. @since 0.1.0 @category models */
export interface RequestOptions {
  /** Sent as JSON. */
  readonly body?: unknown
  /** Added to the URL; null and undefined values are left out. */
  readonly query?: object | undefined
  readonly signal?: AbortSignal | undefined
  /** Send the commenter's access token; default true. */
  readonly auth?: boolean
}

/** A moderator's verdict on a comment. @since 0.1.0 @category models */
export type Verdict = "approve" | "reject" | "spam"

/**
 * A client for one site: typed calls (named like the API's endpoints), the
 * commenter session, and `subscribe`/`getSnapshot` for who is signed in.
 * Calls reject with `KommiesError`.
 *
 * @since 0.1.0
 * @category models
 */
export interface KommiesClient {
  readonly baseUrl: string
  readonly siteKey: string
  readonly locale: string
  /**
   * Any route, with the site key and the commenter's token:
   * `request("GET", "/notifications")`, `request("DELETE", "/commenters/<id>/ban")`.
   */
  request<A>(method: string, path: string, options?: RequestOptions): Promise<A>
  /** `GET /threads/{page}/comments`: a page of a thread. */
  listThread(page: string, query?: PageQuery, signal?: AbortSignal): Promise<Page>
  /** `GET /comments/{id}/replies`. */
  listReplies(id: string, query?: Omit<PageQuery, "replies">, signal?: AbortSignal): Promise<Page>
  getComment(id: string): Promise<CommentView>
  createComment(page: string, input: NewComment): Promise<CommentView>
  editComment(id: string, body: string): Promise<CommentView>
  deleteComment(id: string): Promise<void>
  /** Pressing the same direction again takes the vote back. */
  vote(id: string, direction: VoteDirection): Promise<VoteResult>
  report(id: string, reason: ReportReason, note?: string | null): Promise<ReportResult>
  /** Comment counts of many pages in one request; unknown pages count 0. */
  counts(pages: ReadonlyArray<string>): Promise<Record<string, number>>
  /** Markdown rendered as a comment would be. */
  preview(body: string): Promise<string>
  /** `POST /comments/{id}/approve|reject|spam` (moderators). */
  moderate(id: string, verdict: Verdict): Promise<CommentView>
  ban(
    commenterId: string,
    options?: {
      readonly kind?: "normal" | "shadow"
      readonly durationSeconds?: number | null
      readonly reason?: string | null
    },
  ): Promise<Ban>
  /** Locks (or unlocks) a thread (moderators). */
  lock(page: string, locked?: boolean): Promise<Thread>
  /** Signs in as a guest, when the site allows guests. */
  guest(input: {
    readonly displayName: string
    readonly email?: string | null
  }): Promise<PublicCommenter>
  /** Registers; a code is emailed. Finish with `verify`. */
  register(input: {
    readonly email: string
    readonly displayName: string
    readonly password: string
  }): Promise<Registered>
  /** Confirms the emailed code and signs in. */
  verify(challengeId: string, code: string): Promise<PublicCommenter>
  /** Sends a fresh code to an unverified email. */
  resend(email: string): Promise<{ readonly challengeId: string }>
  login(email: string, password: string): Promise<PublicCommenter>
  /** Exchanges a token the host app signed for its user. */
  sso(token: string): Promise<PublicCommenter>
  /** Signs out here (the refresh token is revoked); never rejects. */
  logout(): Promise<void>
  me(): Promise<Me>
  /** Rotates the tokens now; callers at the same time share one request. */
  refresh(): Promise<PublicCommenter | null>
  /** A valid access token (refreshed first when due), or null when signed out. */
  accessToken(): Promise<string | null>
  /** Adopts a session obtained elsewhere (null signs out locally). */
  setSession(session: SignedIn | null): void
  /** Opens the thread's Server-Sent Events; returns `close`. */
  threadEvents(page: string, options: EventStreamOptions): () => void
  subscribe(listener: () => void): () => void
  getSnapshot(): AuthSnapshot
  /** Stops the refresh timer. */
  dispose(): void
}

const skew = 5_000

/** setTimeout that does not keep a Node process alive, clamped to the timer range. */
const later = (fn: () => void, ms: number): ReturnType<typeof setTimeout> => {
  const timer = setTimeout(fn, Math.min(ms, 2 ** 31 - 1))
  ;(timer as { unref?: () => void }).unref?.()
  return timer
}

/**
 * A client for one site.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import { createClient, localStorageStorage } from "@kommies/client"
 *
 * const client = createClient({
 *   baseUrl: "https://example.com/api/comments",
 *   siteKey: "kp_…",
 *   storage: localStorageStorage(),
 * })
 * await client.guest({ displayName: "Ann" })
 * await client.createComment("/post/1", { body: "Hello *world*" })
 */
export const createClient = (options: ClientOptions): KommiesClient => {
  const base = options.baseUrl.replace(/\/+$/, "")
  const doFetch: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init))
  const storage = options.storage ?? memoryStorage()
  const storageKey = `kommies:${options.siteKey}`
  const margin = options.refreshBefore ?? 60_000
  const listeners = new Set<() => void>()
  let session: SignedIn | null = null
  let snapshot: AuthSnapshot = { commenter: null }
  let timer: ReturnType<typeof setTimeout> | undefined
  let refreshing: Promise<PublicCommenter | null> | null = null

  const read = (): SignedIn | null => {
    try {
      const raw = storage.getItem(storageKey)
      return raw ? JSON.parse(raw) : null
    } catch {
      return null
    }
  }

  const setSession = (next: SignedIn | null) => {
    session = next
    try {
      if (next) storage.setItem(storageKey, JSON.stringify(next))
      else storage.removeItem(storageKey)
    } catch {}
    clearTimeout(timer)
    // `margin` before expiry, but never before half the token's life is left:
    // tokens shorter-lived than the margin must not refresh in a loop.
    if (next && options.autoRefresh !== false) {
      const left = next.accessTokenExpiresAt - Date.now()
      timer = later(() => void refresh().catch(() => {}), Math.max(left - margin, left / 2))
    }
    const commenter = next?.commenter ?? null
    if (JSON.stringify(commenter) !== JSON.stringify(snapshot.commenter)) {
      snapshot = { commenter }
      for (const listener of [...listeners]) listener()
    }
  }

  const url = (path: string, query: object = {}) => {
    let search = ""
    for (const [name, value] of Object.entries(query))
      if (value != null) search += `${search ? "&" : "?"}${name}=${encodeURIComponent(value)}`
    return base + path + search
  }

  const headers = (token: string | null): Record<string, string> => ({
    "x-kommies-key": options.siteKey,
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  })

  const request = async <A>(
    method: string,
    path: string,
    { body, query, signal, auth }: RequestOptions = {},
  ): Promise<A> => {
    const send = async (token: string | null) => {
      try {
        return await doFetch(url(path, query), {
          method,
          headers: {
            ...headers(token),
            ...(body === undefined ? {} : { "content-type": "application/json" }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          signal: signal ?? null,
        })
      } catch (error) {
        if (signal?.aborted) throw error
        throw new KommiesError(0, "network", String((error as Error)?.message ?? error))
      }
    }
    let token = auth === false ? null : await accessToken()
    let response = await send(token)
    if (response.status === 401 && token !== null) {
      // Revoked or expired early: refresh once and try again (signed out if that fails).
      await refresh().catch(() => {})
      token = session?.accessToken ?? null
      response = await send(token)
    }
    if (!response.ok) throw await errorOf(response)
    const text = response.status === 204 ? "" : await response.text()
    return (text ? JSON.parse(text) : undefined) as A
  }

  const accessToken = async () => {
    if (session && session.accessTokenExpiresAt - skew <= Date.now())
      await refresh().catch(() => {})
    return session?.accessToken ?? null
  }

  const rotate = async (): Promise<PublicCommenter | null> => {
    const current = session
    if (!current) return null
    // Another tab sharing the storage may have rotated the tokens already.
    const stored = read()
    if (
      stored &&
      stored.refreshToken !== current.refreshToken &&
      stored.accessTokenExpiresAt - skew > Date.now()
    ) {
      setSession(stored)
      return stored.commenter
    }
    try {
      const next = await anonymous<SignedIn>("refresh", { refreshToken: current.refreshToken })
      if (session === current) setSession(next)
    } catch (error) {
      const status = (error as KommiesError).status
      if (session === current && status >= 400 && status < 500 && status !== 429) setSession(null)
      throw error
    }
    return session?.commenter ?? null
  }

  const refresh = () => {
    refreshing ??= rotate().finally(() => {
      refreshing = null
    })
    return refreshing
  }

  /** A call made without the commenter's token (sign-in and session routes). */
  const anonymous = <A>(path: string, body: unknown) =>
    request<A>("POST", `/auth/${path}`, { body, auth: false })

  const signIn = async (path: string, body: unknown) => {
    const signedIn = await anonymous<SignedIn>(path, body)
    setSession(signedIn)
    return signedIn.commenter
  }

  const post = <A>(path: string, body?: unknown) => request<A>("POST", path, { body })
  const thread = (page: string) => `/threads/${encodeURIComponent(page)}`
  const comment = (id: string) => `/comments/${encodeURIComponent(id)}`
  const commenter = (id: string) => `/commenters/${encodeURIComponent(id)}`

  setSession(read())

  return {
    baseUrl: base,
    siteKey: options.siteKey,
    locale: options.locale ?? "en",
    request,
    listThread: (page, query, signal) =>
      request("GET", `${thread(page)}/comments`, { query, signal }),
    listReplies: (id, query, signal) => request("GET", `${comment(id)}/replies`, { query, signal }),
    getComment: (id) => request("GET", comment(id)),
    createComment: (page, input) => post(`${thread(page)}/comments`, input),
    editComment: (id, body) => request("PATCH", comment(id), { body: { body } }),
    deleteComment: (id) => request("DELETE", comment(id)),
    vote: (id, direction) => post(`${comment(id)}/vote`, { direction }),
    report: (id, reason, note) => post(`${comment(id)}/report`, { reason, note }),
    counts: (pages) => request("GET", "/counts", { query: { threads: pages.join(",") } }),
    preview: async (body) => (await post<{ html: string }>("/preview", { body })).html,
    moderate: (id, verdict) => post(`${comment(id)}/${verdict}`),
    ban: (id, ban = {}) => post(`${commenter(id)}/ban`, ban),
    lock: (page, locked = true) => request(locked ? "POST" : "DELETE", `${thread(page)}/lock`),
    guest: (input) => signIn("guest", input),
    register: (input) => anonymous("register", input),
    verify: (challengeId, code) => signIn("verify", { challengeId, code }),
    resend: (email) => anonymous("resend", { email }),
    login: (email, password) => signIn("login", { email, password }),
    sso: (token) => signIn("sso", { token }),
    logout: async () => {
      const current = session
      setSession(null)
      if (current) await anonymous("logout", { refreshToken: current.refreshToken }).catch(() => {})
    },
    me: () => request("GET", "/auth/me"),
    refresh,
    accessToken,
    setSession,
    threadEvents: (page, streamOptions) =>
      openEventStream(
        {
          url: (lastEventId) =>
            url(`${thread(page)}/events`, { key: options.siteKey, lastEventId }),
          headers: async () => headers(await accessToken()),
          fetch: doFetch,
          EventSource: options.EventSource ?? globalThis.EventSource,
        },
        streamOptions,
      ),
    subscribe: (listener) => {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },
    getSnapshot: () => snapshot,
    dispose: () => clearTimeout(timer),
  }
}
