/**
 * `<CommentBody>`: a comment's text, as the server rendered it.
 *
 * @since 0.1.0
 */
import type { CommentView } from "@kommies/client"
import type { ComponentPropsWithoutRef } from "react"
import { useKommiesEnv } from "../KommiesProvider.js"

/** @since 0.1.0 @category models */
export interface CommentBodyProps
  extends Omit<ComponentPropsWithoutRef<"div">, "children" | "dangerouslySetInnerHTML"> {
  readonly comment: CommentView
}

/**
 * The comment's HTML, or "This comment was deleted." for a tombstone.
 *
 * @since 0.1.0
 * @category primitives
 * @example
 * <CommentBody comment={comment} />
 */
export function CommentBody({ comment, ...props }: CommentBodyProps) {
  const { t } = useKommiesEnv()
  if (comment.status === "deleted") return <div {...props}>{t("comment.deleted")}</div>
  // `html` is the server's Markdown output, already sanitized on write (a safe
  // subset, no raw HTML, links limited to http/https/mailto): safe to insert.
  // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitized by the server
  return <div {...props} dangerouslySetInnerHTML={{ __html: comment.html }} />
}
