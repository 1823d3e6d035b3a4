/**
 * `ThreadLocked`: the note on a thread that takes no more comments.
 *
 * @since 0.1.0
 */
import type { JSX } from "solid-js"
import { useKommies } from "../KommiesProvider.js"
import type { UseThreadResult } from "../useThread.js"

/** @since 0.1.0 @category models */
export interface ThreadLockedProps {
  readonly thread: UseThreadResult
}

/**
 * Says that comments are closed when a moderator locked the thread (the
 * composer and reply buttons go at the same time: the thread is read-only).
 * Renders nothing otherwise.
 *
 * @since 0.1.0
 * @category primitives
 * @example
 * <ThreadLocked thread={thread} />
 */
export const ThreadLocked = (props: ThreadLockedProps): JSX.Element => {
  const { t } = useKommies()
  return (
    <>
      {props.thread.state().thread?.locked && (
        <p class="kommies-status kommies-status--locked" role="note">
          {t("thread.locked")}
        </p>
      )}
    </>
  )
}
