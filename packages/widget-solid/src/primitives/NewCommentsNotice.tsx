/**
 * `NewCommentsNotice`: "Show 3 new comments".
 *
 * @since 0.1.0
 */
import type { JSX } from "solid-js"
import { useKommies } from "../KommiesProvider.js"
import type { UseThreadResult } from "../useThread.js"

/** @since 0.1.0 @category models */
export interface NewCommentsNoticeProps {
  readonly thread: UseThreadResult
}

/**
 * Comments by others that arrive live wait behind this button instead of
 * moving the page under the reader; pressing it shows them. A polite live
 * region (always present, visually hidden) tells screen readers they came.
 *
 * @since 0.1.0
 * @category primitives
 * @example
 * <NewCommentsNotice thread={thread} />
 */
export const NewCommentsNotice = (props: NewCommentsNoticeProps): JSX.Element => {
  const { t } = useKommies()
  const thread = props.thread
  const { state } = thread
  const text = () => {
    const count = state().newCount
    return count > 0 ? t("thread.newComments", { count }) : ""
  }
  return (
    <>
      <div class="kommies-visually-hidden" role="status">
        {text()}
      </div>
      {text() && (
        <div class="kommies-new">
          <button
            type="button"
            class="kommies-new__button kommies-button kommies-button--primary"
            onClick={() => thread.showNew()}
          >
            {text()}
          </button>
        </div>
      )}
    </>
  )
}
