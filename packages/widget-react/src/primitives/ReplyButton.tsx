/**
 * `<ReplyButton>`: opens a reply, where replies are allowed.
 *
 * @since 0.1.0
 */
import type { CommentView } from "@kommies/client"
import { canReply } from "@kommies/client/ui"
import type { ComponentPropsWithoutRef } from "react"
import { useKommiesEnv } from "../KommiesProvider.js"
import type { UseThreadResult } from "../useThread.js"

/** @since 0.1.0 @category models */
export interface ReplyButtonProps extends Omit<ComponentPropsWithoutRef<"button">, "onClick"> {
  readonly thread: UseThreadResult
  readonly comment: CommentView
  readonly onReply: (comment: CommentView) => void
}

/**
 * A "Reply" button; nothing when the thread is locked, the comment is
 * deleted or not saved yet, or a reply would nest past the site's depth.
 *
 * @since 0.1.0
 * @category primitives
 * @example
 * <ReplyButton thread={thread} comment={comment} onReply={(c) => setReplyTo(c.id)} />
 */
export function ReplyButton({ thread, comment, onReply, children, ...props }: ReplyButtonProps) {
  const { t, rules } = useKommiesEnv()
  if (!canReply(thread.state, comment, rules)) return null
  return (
    <button type="button" {...props} onClick={() => onReply(comment)}>
      {children ?? t("comment.reply")}
    </button>
  )
}
