/**
 * `LoadMore`: the next page of top-level comments.
 *
 * @since 0.1.0
 */
import type { JSX } from "solid-js"
import { useKommies } from "../KommiesProvider.js"
import type { UseThreadResult } from "../useThread.js"

/** @since 0.1.0 @category models */
export interface LoadMoreProps {
  readonly thread: UseThreadResult
}

/**
 * A button while there are more comments; busy while the page loads.
 *
 * @since 0.1.0
 * @category primitives
 * @example
 * <LoadMore thread={thread} />
 */
export const LoadMore = (props: LoadMoreProps): JSX.Element => {
  const { t } = useKommies()
  const thread = props.thread
  const { state } = thread
  return (
    <>
      {state().hasMore && state().status === "ready" && (
        <div class="kommies-load-more">
          <button
            type="button"
            class="kommies-button"
            aria-busy={state().loadingMore}
            onClick={() => void thread.loadMore()}
          >
            {t("thread.loadMore")}
          </button>
        </div>
      )}
    </>
  )
}
