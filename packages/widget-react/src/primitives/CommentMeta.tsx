/**
 * `<CommentMeta>`: who wrote a comment and when.
 *
 * @since 0.1.0
 */
import type { CommentView } from "@kommies/client"
import { timeAgo } from "@kommies/client"
import { anchorOf, statusOf } from "@kommies/client/ui"
import type { ComponentPropsWithoutRef } from "react"
import { useKommiesEnv } from "../KommiesProvider.js"
import { useCommenter } from "../useCommenter.js"
import { Avatar } from "./Avatar.js"

/** @since 0.1.0 @category models */
export interface CommentMetaProps extends Omit<ComponentPropsWithoutRef<"div">, "children"> {
  readonly comment: CommentView
  /** Show the avatar here; default true (false when you place `<Avatar>` yourself). */
  readonly avatar?: boolean | undefined
  /** Class names of the parts. */
  readonly classes?:
    | Partial<
        Record<"avatar" | "author" | "badge" | "permalink" | "time" | "edited" | "status", string>
      >
    | undefined
}

/**
 * Avatar, name, role badge, a permalink showing the relative time, the
 * edited mark, and a state badge (awaiting moderation, hidden from others)
 * that only the author and moderators see.
 *
 * @since 0.1.0
 * @category primitives
 * @example
 * <CommentMeta comment={comment} />
 */
export function CommentMeta({ comment, avatar = true, classes = {}, ...props }: CommentMetaProps) {
  const { t, locale } = useKommiesEnv()
  const { commenter: me } = useCommenter()
  const { author, createdAt, editedAt } = comment
  const role = author?.role
  const status = statusOf(comment, me)
  return (
    <div {...props}>
      {avatar && <Avatar commenter={author} className={classes.avatar} size={32} />}
      {author && <span className={classes.author}>{author.displayName}</span>}
      {(role === "owner" || role === "admin" || role === "moderator") && (
        <span className={classes.badge}>{t(`role.${role}`)}</span>
      )}
      <a
        className={classes.permalink}
        href={`#${anchorOf(comment.id)}`}
        title={t("comment.permalink")}
      >
        {/* The relative time may differ by a minute between server and browser. */}
        <time
          className={classes.time}
          dateTime={new Date(createdAt).toISOString()}
          suppressHydrationWarning
        >
          {timeAgo(createdAt, Date.now(), locale)}
        </time>
      </a>
      {editedAt !== null && <span className={classes.edited}>{t("comment.edited")}</span>}
      {status && <span className={classes.status}>{t(status)}</span>}
    </div>
  )
}
