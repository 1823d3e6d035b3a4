/**
 * `<NewCommentsNotice>`: "Show 3 new comments", instead of moving the page.
 *
 * @since 0.1.0
 */
import type { ComponentPropsWithoutRef } from "react"
import { useKommiesEnv } from "../KommiesProvider.js"
import type { UseThreadResult } from "../useThread.js"

/** @since 0.1.0 @category models */
export interface NewCommentsNoticeProps extends Omit<ComponentPropsWithoutRef<"div">, "children"> {
  readonly thread: UseThreadResult
  readonly classes?: Partial<Record<"button", string>> | undefined
}

/**
 * A polite live region (always present, so screen readers hear it fill)
 * holding a button while comments by others wait; the button shows them.
 *
 * @since 0.1.0
 * @category primitives
 * @example
 * <NewCommentsNotice thread={thread} />
 */
export function NewCommentsNotice({ thread, classes = {}, ...props }: NewCommentsNoticeProps) {
  const { t } = useKommiesEnv()
  const count = thread.state.newCount
  return (
    <div role="status" aria-live="polite" {...props}>
      {count > 0 && (
        <button type="button" className={classes.button} onClick={thread.showNew}>
          {t("thread.newComments", { count })}
        </button>
      )}
    </div>
  )
}
