/**
 * `VoteButtons`: up, down, and the live score.
 *
 * @since 0.1.0
 */
import type { CommentView, VoteDirection } from "@kommies/client"
import { isSending } from "@kommies/client/ui"
import type { JSX } from "solid-js"
import { useKommies } from "../KommiesProvider.js"
import { attempt, useUi } from "../internal/ui.js"
import { useCommenter } from "../useCommenter.js"
import type { UseThreadResult } from "../useThread.js"

/** @since 0.1.0 @category models */
export interface VoteButtonsProps {
  readonly thread: UseThreadResult
  readonly comment: CommentView
}

/**
 * Toggle buttons (`aria-pressed` says which way you voted) around the score,
 * in a group labelled with the score ("3 points"); pressing the same again
 * takes the vote back. Counts move at once and follow other readers'
 * votes live. Disabled while signed out, and while the comment is being sent.
 *
 * @since 0.1.0
 * @category primitives
 * @example
 * <VoteButtons thread={thread} comment={comment} />
 */
export const VoteButtons = (props: VoteButtonsProps): JSX.Element => {
  const { t } = useKommies()
  const { announce } = useUi()
  const { commenter: me } = useCommenter()
  const button = (direction: VoteDirection) => (
    <button
      type="button"
      class={`kommies-vote__button kommies-vote__button--${direction}`}
      aria-label={t(direction === "up" ? "comment.upvote" : "comment.downvote")}
      aria-pressed={props.comment.myVote === direction}
      disabled={!me() || isSending(props.comment)}
      onClick={() =>
        void attempt(t, announce, () => props.thread.vote(props.comment.id, direction))
      }
    >
      <span aria-hidden="true">{direction === "up" ? "▲" : "▼"}</span>
    </button>
  )
  return (
    // biome-ignore lint/a11y/useSemanticElements: a group of buttons, not a form section (a fieldset brings borders)
    <div
      class="kommies-vote"
      role="group"
      aria-label={t("comment.score", { count: props.comment.score })}
    >
      {button("up")}
      <span class="kommies-vote__score" aria-hidden="true">
        {props.comment.score}
      </span>
      {button("down")}
    </div>
  )
}
