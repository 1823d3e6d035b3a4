/**
 * `<CommentItem>`: one comment's list item, the target of its permalink.
 *
 * @since 0.1.0
 */
import type { CommentView } from "@kommies/client"
import { anchorOf } from "@kommies/client/ui"
import type { ComponentPropsWithoutRef } from "react"

/** @since 0.1.0 @category models */
export interface CommentItemProps extends ComponentPropsWithoutRef<"li"> {
  readonly comment: CommentView
}

/**
 * An `<li id="comment-<id>">` (so `#comment-<id>` links to it) holding
 * whatever parts you put in it.
 *
 * @since 0.1.0
 * @category primitives
 * @example
 * <CommentItem comment={comment}>
 *   <CommentMeta comment={comment} />
 *   <CommentBody comment={comment} />
 * </CommentItem>
 */
export function CommentItem({ comment, ...props }: CommentItemProps) {
  return <li id={anchorOf(comment.id)} data-depth={comment.depth} {...props} />
}
