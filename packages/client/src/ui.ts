/**
 * The rules the widgets share about what to show, kept here once so the
 * React, Vue and Solid bindings stay thin: who may reply, edit, delete or
 * moderate, which badges a comment gets, the words for an error, permalinks,
 * batched comment counts, and keeping a thread's viewer fields in step with
 * who is signed in. Framework-free; a separate entry so the main one keeps
 * its size.
 *
 * @since 0.1.0
 */
import { type ClientOptions, createClient, type KommiesClient } from "./Client.js"
import type { MessageKey, MessageVars } from "./I18n.js"
import type { CommentView, PublicCommenter, ReportReason, Sort } from "./Models.js"
import { localStorageStorage } from "./Storage.js"
import type { ThreadState, ThreadStore } from "./ThreadStore.js"

/**
 * Site settings the public API does not send, as the widget's options. The
 * server enforces them either way; these only decide which buttons to show.
 *
 * @since 0.1.0
 * @category models
 */
export interface ViewRules {
  /** Deepest reply level (top level is 0); the reply button hides past it. Default 5. */
  readonly maxDepth?: number | undefined
  /** Seconds after posting during which authors may edit. Default 900. */
  readonly editWindowSeconds?: number | undefined
}

/** Every sort, in the order of the sort menu. @since 0.1.0 @category constants */
export const sorts: ReadonlyArray<Sort> = ["best", "top", "new", "old", "hot"]

/** Whether a commenter moderates the site (moderator, admin or owner). @since 0.1.0 @category getters */
export const isModerator = (me: PublicCommenter | null | undefined): boolean =>
  me?.role === "moderator" || me?.role === "admin" || me?.role === "owner"

/** Whether `me` wrote the comment. @since 0.1.0 @category getters */
export const isOwn = (comment: CommentView, me: PublicCommenter | null | undefined): boolean =>
  !!me && comment.authorId === me.id

/** A comment shown optimistically, not yet saved by the server. @since 0.1.0 @category getters */
export const isSending = (comment: CommentView): boolean => comment.id.startsWith("tmp-")

const gone = (c: CommentView) => c.status === "deleted" || isSending(c)

/**
 * Whether the reply button shows: the thread is open, the comment is saved
 * and not deleted, and a reply would not nest past `maxDepth`.
 *
 * @since 0.1.0
 * @category getters
 */
export const canReply = (
  state: ThreadState,
  comment: CommentView,
  { maxDepth = 5 }: ViewRules = {},
): boolean => !state.thread?.locked && !gone(comment) && comment.depth < maxDepth

/**
 * Whether the author may still edit: their own saved comment, not deleted,
 * rejected or spam, within the edit window.
 *
 * @since 0.1.0
 * @category getters
 */
export const canEdit = (
  comment: CommentView,
  me: PublicCommenter | null | undefined,
  { editWindowSeconds = 900 }: ViewRules = {},
  now: number = Date.now(),
): boolean =>
  isOwn(comment, me) &&
  !gone(comment) &&
  comment.status !== "rejected" &&
  comment.status !== "spam" &&
  now - comment.createdAt <= editWindowSeconds * 1000

/** Whether `me` may delete: their own comment, or any as a moderator. @since 0.1.0 @category getters */
export const canDelete = (comment: CommentView, me: PublicCommenter | null | undefined): boolean =>
  !gone(comment) && (isOwn(comment, me) || isModerator(me))

/**
 * The state badge of a comment, shown only to its author and moderators
 * (nobody else is sent such comments): awaiting moderation, hidden from
 * others (shadow ban), rejected, spam. Null for a published comment.
 *
 * @since 0.1.0
 * @category getters
 */
export const statusOf = (
  comment: CommentView,
  me: PublicCommenter | null | undefined,
): MessageKey | null => {
  if (!isOwn(comment, me) && !isModerator(me)) return null
  if (comment.shadowed) return "comment.shadowed"
  const { status } = comment
  // Each key written out: embed.js's build reads which messages a module quotes.
  return status === "pending"
    ? "comment.pending"
    : status === "rejected"
      ? "comment.rejected"
      : status === "spam"
        ? "comment.spam"
        : null
}

/**
 * The BEM modifiers of a comment for `.kommies-comment--*`: `own`, `pending`,
 * `shadowed`, `deleted`, `sending`, `highlighted`.
 *
 * @since 0.1.0
 * @category getters
 * @example
 * modifiers(comment, me).map((m) => `kommies-comment--${m}`)
 */
export const modifiers = (
  comment: CommentView,
  me: PublicCommenter | null | undefined,
  highlighted = false,
): Array<string> =>
  (
    [
      ["own", isOwn(comment, me)],
      ["pending", comment.status === "pending"],
      ["shadowed", comment.shadowed],
      ["deleted", comment.status === "deleted"],
      ["sending", isSending(comment)],
      ["highlighted", highlighted],
    ] as const
  )
    .filter(([, on]) => on)
    .map(([name]) => name)

/**
 * The message for a failed call: sign in (401), slow down (429, with the
 * seconds), offline (no answer), or the server's own sentence.
 *
 * @since 0.1.0
 * @category formatting
 * @example
 * thread.vote(id, "up").catch((e) => setError(errorMessage(t, e)))
 */
export const errorMessage = (
  t: (key: MessageKey, vars?: MessageVars) => string,
  error: unknown,
): string => {
  const e = error as { status?: number; detail?: string; retryAfter?: number | null }
  if (e?.status === 401) return t("error.signInRequired")
  if (e?.status === 429) return t("error.rateLimited", { count: e.retryAfter ?? 1 })
  if (e?.status === 0) return t("error.network")
  return e?.detail || t("error.generic")
}

/**
 * The comment id a permalink points at: `#comment-<id>` → `<id>`.
 *
 * @since 0.1.0
 * @category getters
 */
export const permalinkId = (hash: string | undefined = globalThis.location?.hash): string | null =>
  /^#comment-(.+)$/.exec(hash ?? "")?.[1] ?? null

/** The anchor of a comment: `comment-<id>` (its element's id). @since 0.1.0 @category getters */
export const anchorOf = (id: string): string => `comment-${id}`

/**
 * Keeps a thread's viewer fields (your votes, your Markdown, your comments
 * waiting for moderation) in step with who is signed in: when the commenter
 * changes, the thread reloads. Returns the unsubscribe.
 *
 * @since 0.1.0
 * @category constructors
 */
export const followCommenter = (client: KommiesClient, store: ThreadStore): (() => void) => {
  let who = client.getSnapshot().commenter?.id
  return client.subscribe(() => {
    const now = client.getSnapshot().commenter?.id
    if (now !== who) {
      who = now
      void store.load()
    }
  })
}

const batches = new WeakMap<KommiesClient, Promise<Record<string, number>>>()
const pending = new WeakMap<KommiesClient, Set<string>>()

/**
 * A page's comment count. Calls made in the same tick share one
 * `GET /counts?threads=a,b` request (an index page of `<CommentCount>`s).
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * countOf(client, "/post/1").then((n) => badge.textContent = String(n))
 */
export const countOf = async (client: KommiesClient, page: string): Promise<number> => {
  let pages = pending.get(client)
  let batch = batches.get(client)
  if (!pages || !batch) {
    const next = new Set<string>()
    pages = next
    batch = Promise.resolve().then(() => {
      pending.delete(client)
      batches.delete(client)
      return client.counts([...next])
    })
    pending.set(client, next)
    batches.set(client, batch)
  }
  pages.add(page)
  return (await batch)[page] ?? 0
}

const shared = new Map<string, KommiesClient>()

/**
 * The page's client for a site and API: in a browser every widget of the
 * page that names the same `baseUrl` and `siteKey` shares one client (one
 * session kept in `localStorage`, counts batched into one request); on the
 * server (no `document`) each call makes a fresh one, so requests never
 * share a session.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * const client = sharedClient({ baseUrl: "/kommies", siteKey: "kp_…" })
 */
export const sharedClient = (options: ClientOptions): KommiesClient => {
  if (typeof document === "undefined") return createClient(options)
  const key = `${options.baseUrl}|${options.siteKey}`
  let client = shared.get(key)
  if (!client) {
    client = createClient({ storage: localStorageStorage(), ...options })
    shared.set(key, client)
  }
  return client
}

const parts = <K extends string>(block: string, names: ReadonlyArray<K>) =>
  Object.fromEntries(names.map((name) => [name, `${block}__${name}`])) as Record<K, string>

const button = "kommies-button"
const ghost = `${button} ${button}--ghost`
const primary = `${button} ${button}--primary`

/**
 * The stylesheet's class names for the styled components, one table for every
 * binding: the buttons, and the `classes` each primitive takes.
 *
 * @since 0.1.0
 * @category constants
 */
export const classes = /* @__PURE__ */ (() => ({
  button,
  ghost,
  primary,
  danger: `${ghost} ${button}--danger`,
  composer: {
    ...parts("kommies-composer", [
      "tabs",
      "tab",
      "input",
      "preview",
      "footer",
      "hint",
      "actions",
      "error",
      "trap",
    ]),
    submit: primary,
    cancel: ghost,
  },
  auth: {
    ...parts("kommies-auth", ["switch", "form", "field", "label", "input", "message"]),
    mode: ghost,
    submit: primary,
  },
  meta: parts("kommies-comment", ["author", "badge", "permalink", "time", "edited", "status"]),
  vote: {
    ...parts("kommies-vote", ["button", "score"]),
    up: "kommies-vote__button--up",
    down: "kommies-vote__button--down",
  },
  sort: parts("kommies-sort", ["select"]),
}))()

/** The report form's reasons and their words, in menu order. @since 0.1.0 @category constants */
export const reportReasons: ReadonlyArray<readonly [ReportReason, MessageKey]> = [
  ["spam", "report.spam"],
  ["abuse", "report.abuse"],
  ["off-topic", "report.offTopic"],
  ["other", "report.other"],
]

/**
 * Which panel of a comment is open (reply, edit, report, delete): pressing
 * the open one's button closes it, another's opens that one.
 *
 * @since 0.1.0
 * @category getters
 */
export const togglePanel = <K extends string>(
  open: { readonly id: string; readonly kind: K } | null,
  id: string,
  kind: K,
): { readonly id: string; readonly kind: K } | null =>
  open?.id === id && open.kind === kind ? null : { id, kind }

/**
 * Follows the page's permalink: `#comment-<id>` is highlighted (`highlight`)
 * and its comment scrolled to the middle of the window, if it is shown.
 *
 * @since 0.1.0
 * @category constructors
 */
export const showPermalink = (highlight: (id: string) => void): void => {
  const id = permalinkId()
  if (!id) return
  highlight(id)
  document.getElementById(anchorOf(id))?.scrollIntoView?.({ block: "center" })
}

/**
 * Reports a comment; resolves to what the form says next: thanks, or the
 * error in words.
 *
 * @since 0.1.0
 * @category constructors
 */
export const sendReport = (
  client: KommiesClient,
  t: (key: MessageKey, vars?: MessageVars) => string,
  id: string,
  reason: ReportReason,
  note: string,
): Promise<string> =>
  client.report(id, reason, note || null).then(
    () => t("report.thanks"),
    (e: unknown) => errorMessage(t, e),
  )
