/**
 * `<ThreadLocked>`: says that a thread is closed.
 *
 * @since 0.1.0
 */
import type { ComponentPropsWithoutRef } from "react"
import { useKommiesEnv } from "../KommiesProvider.js"
import type { UseThreadResult } from "../useThread.js"

/** @since 0.1.0 @category models */
export interface ThreadLockedProps extends ComponentPropsWithoutRef<"p"> {
  readonly thread: UseThreadResult
}

/**
 * "Comments are closed on this page." when the thread is locked; nothing
 * otherwise.
 *
 * @since 0.1.0
 * @category primitives
 * @example
 * <ThreadLocked thread={thread} />
 */
export function ThreadLocked({ thread, children, ...props }: ThreadLockedProps) {
  const { t } = useKommiesEnv()
  if (!thread.state.thread?.locked) return null
  return <p {...props}>{children ?? t("thread.locked")}</p>
}
