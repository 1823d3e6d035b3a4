/**
 * `useThread`: a thread store of `@kommies/client` bound to Solid.
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
import { type Accessor, createSignal, onCleanup, onMount } from "solid-js"
import { useKommies } from "./KommiesProvider.js"

/** @since 0.1.0 @category models */
export interface UseThreadOptions {
  /** Default: the site's default sort. */
  readonly sort?: Sort | undefined
  /** Top-level comments per page, 1–100; default 20. */
  readonly limit?: number | undefined
  /** Replies loaded inline under each comment, 0–10; default 3. */
  readonly replies?: number | undefined
  /** Server-rendered data (`loadThread`): the first render has the comments. */
  readonly initialData?: InitialThread | null | undefined
  /** Realtime updates over SSE; default true. */
  readonly live?: boolean | undefined
}

/**
 * A thread: its state as a Solid accessor, and the store's actions (`post`,
 * `vote`, `loadMore`…). The primitives take it as their `thread`.
 *
 * @since 0.1.0
 * @category models
 */
export interface UseThreadResult extends ThreadStore {
  readonly state: Accessor<ThreadState>
}

/**
 * Loads a thread (unless `initialData` has it), keeps it live, reloads it
 * when the signed-in commenter changes (their votes and pending comments),
 * and disposes of it with its owner.
 *
 * The snapshot is a signal, not a copy in a Solid store: the client's
 * snapshots are immutable and keep the references of unchanged parts, so
 * `createMemo(() => state().comments[id])` updates exactly the comments that
 * changed, whereas `reconcile` would write into the client's shared objects.
 *
 * @since 0.1.0
 * @category hooks
 * @example
 * const thread = useThread("/post/1", { sort: "top" })
 * <p>{thread.state().count} comments</p>
 * <button onClick={() => thread.loadMore()}>More</button>
 */
export const useThread = (page: string, options: UseThreadOptions = {}): UseThreadResult => {
  const { client } = useKommies()
  const store = createThreadStore(client, {
    page,
    initial: options.initialData ?? null,
    ...(options.sort ? { sort: options.sort } : {}),
    ...(options.limit ? { limit: options.limit } : {}),
    ...(options.replies === undefined ? {} : { replies: options.replies }),
  })
  const [state, setState] = createSignal(store.getSnapshot(), { equals: false })
  onCleanup(store.subscribe(() => setState(store.getSnapshot())))
  onMount(() => {
    if (store.getSnapshot().status === "idle") void store.load()
    if (options.live !== false) store.connect()
    onCleanup(followCommenter(client, store))
  })
  onCleanup(() => store.dispose())
  return { ...store, state }
}
