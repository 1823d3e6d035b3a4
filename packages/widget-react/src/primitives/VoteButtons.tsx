/**
 * `<VoteButtons>`: up, score, down.
 *
 * @since 0.1.0
 */
import type { CommentView, VoteDirection } from "@kommies/client"
import type { ComponentPropsWithoutRef } from "react"
import { useKommiesEnv } from "../KommiesProvider.js"
import type { UseThreadResult } from "../useThread.js"

/** @since 0.1.0 @category models */
export interface VoteButtonsProps extends Omit<ComponentPropsWithoutRef<"div">, "children"> {
  readonly thread: UseThreadResult
  readonly comment: CommentView
  /** A refused vote (signed out, rate limited); the count has rolled back. */
  readonly onError?: ((error: unknown) => void) | undefined
  readonly classes?: Partial<Record<"button" | "up" | "down" | "score", string>> | undefined
}

/**
 * Two toggle buttons (`aria-pressed`) around the score, in a group labelled
 * with the score. The count moves at once and settles on the server's.
 *
 * @since 0.1.0
 * @category primitives
 * @example
 * <VoteButtons thread={thread} comment={comment} onError={show} />
 */
export function VoteButtons({
  thread,
  comment,
  onError,
  classes = {},
  ...props
}: VoteButtonsProps) {
  const { t } = useKommiesEnv()
  const disabled = comment.status === "deleted" || comment.id.startsWith("tmp-")
  const button = (direction: VoteDirection) => (
    <button
      type="button"
      className={[classes.button, classes[direction]].filter(Boolean).join(" ") || undefined}
      aria-pressed={comment.myVote === direction}
      aria-label={t(direction === "up" ? "comment.upvote" : "comment.downvote")}
      disabled={disabled}
      onClick={() => thread.vote(comment.id, direction).catch((e) => onError?.(e))}
    >
      <span aria-hidden="true">{direction === "up" ? "▲" : "▼"}</span>
    </button>
  )
  return (
    // biome-ignore lint/a11y/useSemanticElements: a group of buttons, not a form section (a fieldset brings borders)
    <div role="group" aria-label={t("comment.score", { count: comment.score })} {...props}>
      {button("up")}
      <span className={classes.score} aria-hidden="true">
        {comment.score}
      </span>
      {button("down")}
    </div>
  )
}
