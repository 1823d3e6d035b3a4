/**
 * `useThread(page)`: a thread store of `@kommies/client` as a `shallowRef`
 * snapshot plus its actions. Loads once mounted (unless server-rendered data
 * was given), follows realtime, reloads when the commenter changes, and
 * stops with its scope.
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
import {
  getCurrentInstance,
  getCurrentScope,
  onMounted,
  onScopeDispose,
  type ShallowRef,
  shallowRef,
} from "vue"
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
 * current `state`, a `shallowRef` replaced on every change.
 *
 * @since 0.1.0
 * @category models
 */
export interface UseThreadResult extends ThreadStore {
  readonly state: Readonly<ShallowRef<ThreadState>>
}

/**
 * A page's thread: its state as a `shallowRef`, and its actions.
 *
 * @since 0.1.0
 * @category composables
 * @example
 * const thread = useThread("/post/1", { sort: "new" })
 * thread.state.value.top.map((id) => thread.state.value.comments[id])
 * await thread.post("Hello *world*")
 */
export function useThread(page: string, options: UseThreadOptions = {}): UseThreadResult {
  const client = useKommies()
  const { sort, limit, replies, initialData, live = true } = options
  const store = createThreadStore(client, {
    page,
    initial: initialData ?? null,
    ...(sort ? { sort } : {}),
    ...(limit ? { limit } : {}),
    ...(replies === undefined ? {} : { replies }),
  })
  const state = shallowRef(store.getSnapshot())
  const unsubscribe = store.subscribe(() => {
    state.value = store.getSnapshot()
  })
  let stop = () => {}
  // In the browser only: the server renders what it was given.
  const start = () => {
    if (store.getSnapshot().status !== "ready" || client.getSnapshot().commenter) void store.load()
    const unfollow = followCommenter(client, store)
    const close = live ? store.connect() : undefined
    stop = () => {
      unfollow()
      close?.()
    }
  }
  if (getCurrentInstance()) onMounted(start)
  else start()
  if (getCurrentScope())
    onScopeDispose(() => {
      unsubscribe()
      stop()
      store.dispose()
    })
  return { ...store, state }
}
