/**
 * `<CommentList>`: the ordered list of a thread's comments, or of one
 * comment's replies.
 *
 * @since 0.1.0
 */
import type { CommentView } from "@kommies/client"
import { type ComponentPropsWithoutRef, Fragment, type ReactNode } from "react"
import type { UseThreadResult } from "../useThread.js"
import { CommentBody } from "./CommentBody.js"
import { CommentItem } from "./CommentItem.js"
import { CommentMeta } from "./CommentMeta.js"

/** @since 0.1.0 @category models */
export interface CommentListProps extends Omit<ComponentPropsWithoutRef<"ol">, "children"> {
  readonly thread: UseThreadResult
  /** List the replies of this comment; default the top level. */
  readonly parentId?: string | null | undefined
  /** Renders one comment (a `<CommentItem>`); default its meta and body. */
  readonly renderComment?: ((comment: CommentView) => ReactNode) | undefined
}

const plain = (comment: CommentView) => (
  <CommentItem comment={comment}>
    <CommentMeta comment={comment} />
    <CommentBody comment={comment} />
  </CommentItem>
)

/**
 * An `<ol>` of the loaded comments in the thread's order.
 *
 * @since 0.1.0
 * @category primitives
 * @example
 * <CommentList thread={thread} renderComment={(c) => <MyComment comment={c} />} />
 */
export function CommentList({
  thread,
  parentId = null,
  renderComment = plain,
  ...props
}: CommentListProps) {
  const { comments, top, children } = thread.state
  const ids = parentId === null ? top : (children[parentId] ?? [])
  return (
    <ol {...props}>
      {ids.map((id) => {
        const comment = comments[id]
        return comment ? <Fragment key={id}>{renderComment(comment)}</Fragment> : null
      })}
    </ol>
  )
}
