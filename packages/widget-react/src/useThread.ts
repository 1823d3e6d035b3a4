/**
 * `useThread(page)`: a thread store of `@kommies/client`, read with
 * `useSyncExternalStore`. Loads on mount (unless server-rendered data was
 * given), follows realtime, and reloads when the commenter changes.
 *
 * @since 0.1.0
 */
import {
  createThreadStore,
  type InitialThread,
  type Sort,
  type ThreadState,
  type ThreadStore,
} from "@kommies/client"
import { followCommenter } from "@kommies/client/ui"
import { useEffect, useMemo, useSyncExternalStore } from "react"
import { useKommies } from "./KommiesProvider.js"

/** @since 0.1.0 @category models */
export interface UseThreadOptions {
  /** Default: the site's default sort. */
  readonly sort?: Sort | undefined
  /** Comments per page (1–100). */
  readonly limit?: number | undefined
  /** Replies loaded inline under each comment (0–10). */
  readonly replies?: number | undefined
  /** `await loadThread(client, page)` from the server: renders at once, no loading state. */
  readonly initialData?: InitialThread | null | undefined
  /** Follow new comments, votes and edits live (Server-Sent Events); default true. */
  readonly live?: boolean | undefined
}

/**
 * The store's actions (`post`, `vote`, `loadMore`, `showNew`…) and its
 * current `state`.
 *
 * @since 0.1.0
 * @category models
 */
export interface UseThreadResult extends ThreadStore {
  readonly state: ThreadState
}

/**
 * A page's thread: its state, re-rendered on every change, and its actions.
 *
 * @since 0.1.0
 * @category hooks
 * @example
 * const thread = useThread("/post/1", { sort: "new" })
 * thread.state.top.map((id) => thread.state.comments[id])
 * await thread.post("Hello *world*")
 */
export function useThread(page: string, options: UseThreadOptions = {}): UseThreadResult {
  const client = useKommies()
  const { sort, limit, replies, initialData, live = true } = options
  // One store per client and page; the other options only shape its start.
  // biome-ignore lint/correctness/useExhaustiveDependencies: options only seed a new store
  const store = useMemo(
    () =>
      createThreadStore(client, {
        page,
        initial: initialData ?? null,
        ...(sort ? { sort } : {}),
        ...(limit ? { limit } : {}),
        ...(replies === undefined ? {} : { replies }),
      }),
    [client, page],
  )
  const state = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot)
  useEffect(() => {
    if (store.getSnapshot().status !== "ready" || client.getSnapshot().commenter) void store.load()
    return followCommenter(client, store)
  }, [client, store])
  useEffect(() => (live ? store.connect() : undefined), [store, live])
  return { ...store, state }
}
