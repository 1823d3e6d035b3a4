/**
 * `ModeratorActions`: what moderators can do, inline.
 *
 * @since 0.1.0
 */
import type { CommentView } from "@kommies/client"
import { isModerator } from "@kommies/client/ui"
import { type JSX, Show } from "solid-js"
import { ModeratorTools } from "../internal/ModeratorTools.js"
import { useCommenter } from "../useCommenter.js"
import type { UseThreadResult } from "../useThread.js"

/** @since 0.1.0 @category models */
export interface ModeratorActionsProps {
  readonly thread: UseThreadResult
  /** A comment: approve, reject, spam, ban its author. Without: lock or unlock the thread. */
  readonly comment?: CommentView | undefined
}

/**
 * For owners, admins and moderators only (nothing for anybody else; the
 * server checks again): on a comment, its report count and approve / reject
 * / spam / ban / shadow ban; on the thread, lock / unlock.
 *
 * @since 0.1.0
 * @category primitives
 * @example
 * <ModeratorActions thread={thread} />
 * <ModeratorActions thread={thread} comment={comment} />
 */
export const ModeratorActions = (props: ModeratorActionsProps): JSX.Element => {
  const { commenter: me } = useCommenter()
  return (
    <Show when={isModerator(me())}>
      <ModeratorTools {...props} />
    </Show>
  )
}
