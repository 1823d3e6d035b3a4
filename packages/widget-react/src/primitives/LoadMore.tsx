/**
 * `<LoadMore>`: the next page of comments, or more replies of one.
 *
 * @since 0.1.0
 */
import { remainingReplies } from "@kommies/client"
import type { ComponentPropsWithoutRef } from "react"
import { useKommiesEnv } from "../KommiesProvider.js"
import type { UseThreadResult } from "../useThread.js"

/** @since 0.1.0 @category models */
export interface LoadMoreProps extends Omit<ComponentPropsWithoutRef<"button">, "onClick"> {
  readonly thread: UseThreadResult
  /** Load more replies of this comment ("Show 3 more replies"); default the top level. */
  readonly parentId?: string | null | undefined
}

/**
 * A button while there is more to load; busy while loading.
 *
 * @since 0.1.0
 * @category primitives
 * @example
 * <LoadMore thread={thread} />
 * <LoadMore thread={thread} parentId={comment.id} />
 */
export function LoadMore({ thread, parentId = null, children, ...props }: LoadMoreProps) {
  const { t } = useKommiesEnv()
  const { state } = thread
  const count = parentId === null ? 0 : remainingReplies(state, parentId)
  if (parentId === null ? !state.hasMore : count === 0) return null
  const busy = parentId === null ? state.loadingMore : !!state.loadingReplies[parentId]
  return (
    <button
      type="button"
      aria-busy={busy}
      disabled={busy}
      {...props}
      onClick={() => void (parentId === null ? thread.loadMore() : thread.loadReplies(parentId))}
    >
      {children ?? (parentId === null ? t("thread.loadMore") : t("comment.moreReplies", { count }))}
    </button>
  )
}
