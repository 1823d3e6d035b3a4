/**
 * `CommentItem`: one comment with its actions and its replies.
 *
 * @since 0.1.0
 */
import { remainingReplies } from "@kommies/client"
import { anchorOf, modifiers } from "@kommies/client/ui"
import { createMemo, createSignal, type JSX, Show } from "solid-js"
import { useKommies } from "../KommiesProvider.js"
import {
  type Actions,
  CommentActions,
  CommentPanel,
  type Panel,
} from "../internal/CommentActions.js"
import { useUi } from "../internal/ui.js"
import { useCommenter } from "../useCommenter.js"
import type { UseThreadResult } from "../useThread.js"
import { Avatar } from "./Avatar.js"
import { CommentBody } from "./CommentBody.js"
import { CommentList } from "./CommentList.js"
import { CommentMeta } from "./CommentMeta.js"
import { ModeratorActions } from "./ModeratorActions.js"
import { VoteButtons } from "./VoteButtons.js"

/** @since 0.1.0 @category models */
export interface CommentItemProps {
  readonly thread: UseThreadResult
  /** The comment's id. */
  readonly id: string
}

/**
 * A list item, `id="comment-<id>"` (permalinks land on it), with the avatar,
 * `CommentMeta`, `CommentBody`, votes, and what the reader may do: reply
 * (not in a locked thread, not past the reply depth), edit and delete their
 * own, report others', moderate (moderators); then its replies, nested, with
 * "Show N more replies". A deleted comment that holds replies stays as a
 * tombstone.
 *
 * @since 0.1.0
 * @category primitives
 * @example
 * <CommentItem thread={thread} id={id} />
 */
export const CommentItem = (props: CommentItemProps): JSX.Element => {
  const { t } = useKommies()
  const ui = useUi()
  const { commenter: me } = useCommenter()
  const { thread, id } = props
  const { state } = thread
  const comment = createMemo(() => state().comments[id])
  const [panel, setPanel] = createSignal<Panel>(null)
  const [error, setError] = createSignal("")
  const [reported, setReported] = createSignal(false)
  const base = { thread, me, panel, setPanel, error, setError, reported, setReported }
  const more = () => remainingReplies(state(), id)
  return (
    <Show when={comment()}>
      {(c) => {
        const actions: Actions = { ...base, comment: c }
        return (
          <li
            id={anchorOf(id)}
            tabIndex={-1}
            class={[
              "kommies-comment",
              ...modifiers(c(), me(), ui.highlighted() === id).map((m) => `kommies-comment--${m}`),
            ].join(" ")}
          >
            <Avatar commenter={c().author} class="kommies-comment__avatar" />
            <div class="kommies-comment__main">
              <CommentMeta comment={c()} />
              {c().status === "deleted" ? (
                <p class="kommies-comment__body">{t("comment.deleted")}</p>
              ) : (
                <>
                  <CommentBody html={c().html} />
                  <div class="kommies-comment__actions">
                    <VoteButtons thread={thread} comment={c()} />
                    {me() && <CommentActions {...actions} />}
                  </div>
                </>
              )}
              {me() && <CommentPanel {...actions} />}
              <ModeratorActions thread={thread} comment={c()} />
            </div>
            {(c().replyCount > 0 || more() > 0) && (
              <div class="kommies-comment__replies">
                <CommentList thread={thread} parentId={id} />
                {more() > 0 && (
                  <button
                    type="button"
                    class="kommies-comment__more kommies-button kommies-button--ghost"
                    aria-busy={!!state().loadingReplies[id]}
                    onClick={() => void thread.loadReplies(id)}
                  >
                    {t("comment.moreReplies", { count: more() })}
                  </button>
                )}
              </div>
            )}
          </li>
        )
      }}
    </Show>
  )
}
