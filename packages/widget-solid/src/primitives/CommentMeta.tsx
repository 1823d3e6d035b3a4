/**
 * `CommentMeta`: who wrote a comment, when, and in what state it is.
 *
 * @since 0.1.0
 */
import { type CommentView, timeAgo } from "@kommies/client"
import { anchorOf, isModerator, statusOf } from "@kommies/client/ui"
import type { JSX } from "solid-js"
import { useKommies } from "../KommiesProvider.js"
import { useCommenter } from "../useCommenter.js"

/** @since 0.1.0 @category models */
export interface CommentMetaProps {
  readonly comment: CommentView
}

/**
 * The author's name and role badge, the time as a permalink
 * (`#comment-<id>`), "edited", and the states only the author and moderators
 * see: awaiting moderation, hidden from others, rejected, spam.
 *
 * @since 0.1.0
 * @category primitives
 * @example
 * <CommentMeta comment={comment} />
 */
export const CommentMeta = (props: CommentMetaProps): JSX.Element => {
  const k = useKommies()
  const { commenter: me } = useCommenter()
  const c = () => props.comment
  const status = () => statusOf(c(), me())
  return (
    <div class="kommies-comment__header">
      <span class="kommies-comment__author">{c().author?.displayName}</span>
      {isModerator(c().author) && (
        <span class="kommies-comment__badge">{k.t(`role.${c().author!.role as "owner"}`)}</span>
      )}
      <a
        class="kommies-comment__time kommies-comment__permalink"
        href={`#${anchorOf(c().id)}`}
        title={k.t("comment.permalink")}
      >
        <time dateTime={new Date(c().createdAt).toISOString()}>
          {timeAgo(c().createdAt, Date.now(), k.locale)}
        </time>
      </a>
      {c().editedAt !== null && c().author && (
        <span class="kommies-comment__edited">{k.t("comment.edited")}</span>
      )}
      {status() && <span class="kommies-comment__status">{k.t(status()!)}</span>}
    </div>
  )
}
