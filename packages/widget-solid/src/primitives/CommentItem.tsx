/**
 * `CommentItem`: one comment with its actions and its replies.
 *
 * @since 0.1.0
 */
import { type ReportReason, remainingReplies } from "@kommies/client"
import {
  anchorOf,
  canDelete,
  canEdit,
  canReply,
  isOwn,
  isSending,
  modifiers,
  reportReasons,
} from "@kommies/client/ui"
import { createMemo, createSignal, type JSX, Show } from "solid-js"
import { useKommies } from "../KommiesProvider.js"
import { attempt, useUi } from "../internal/ui.js"
import { useCommenter } from "../useCommenter.js"
import type { UseThreadResult } from "../useThread.js"
import { Avatar } from "./Avatar.js"
import { CommentBody } from "./CommentBody.js"
import { CommentList } from "./CommentList.js"
import { CommentMeta } from "./CommentMeta.js"
import { Composer } from "./Composer.js"
import { ModeratorActions } from "./ModeratorActions.js"
import { ReplyButton } from "./ReplyButton.js"
import { VoteButtons } from "./VoteButtons.js"

/** @since 0.1.0 @category models */
export interface CommentItemProps {
  readonly thread: UseThreadResult
  /** The comment's id. */
  readonly id: string
}

type Panel = "reply" | "edit" | "delete" | "report" | null

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
  const { client, t } = useKommies()
  const ui = useUi()
  const { commenter: me } = useCommenter()
  const { thread, id } = props
  const { state } = thread
  const comment = createMemo(() => state().comments[id])
  const [panel, setPanel] = createSignal<Panel>(null)
  const [error, setError] = createSignal("")
  const [reported, setReported] = createSignal(false)
  const close = () => setPanel(null)
  const toggle = (to: Panel) => {
    setError("")
    setPanel(panel() === to ? null : to)
  }
  const act = (label: string, to: Panel) => (
    <button
      type="button"
      class="kommies-button kommies-button--ghost"
      aria-expanded={panel() === to}
      onClick={() => toggle(to)}
    >
      {label}
    </button>
  )
  const report = (event: SubmitEvent) => {
    event.preventDefault()
    const data = new FormData(event.currentTarget as HTMLFormElement)
    void attempt(t, setError, async () => {
      await client.report(id, data.get("reason") as ReportReason, String(data.get("note")) || null)
      close()
      setReported(true)
      ui.announce(t("report.thanks"))
    })
  }
  const more = () => remainingReplies(state(), id)
  return (
    <Show when={comment()}>
      {(c) => {
        const replies = () => !!me() && canReply(state(), c())
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
                    {replies() && (
                      <ReplyButton expanded={panel() === "reply"} onClick={() => toggle("reply")} />
                    )}
                    {canEdit(c(), me()) && act(t("comment.edit"), "edit")}
                    {canDelete(c(), me()) && (
                      // Two presses, as React's and Vue's: "Delete", then "Delete this comment?".
                      <button
                        type="button"
                        class="kommies-button kommies-button--ghost kommies-button--danger"
                        onClick={() => {
                          if (panel() !== "delete") return toggle("delete")
                          close()
                          void attempt(t, setError, () => thread.remove(id))
                        }}
                        onBlur={() => panel() === "delete" && close()}
                      >
                        {t(panel() === "delete" ? "comment.deleteConfirm" : "comment.delete")}
                      </button>
                    )}
                    {!!me() &&
                      !isOwn(c(), me()) &&
                      !isSending(c()) &&
                      !reported() &&
                      act(t("comment.report"), "report")}
                  </div>
                </>
              )}
              {error() && (
                <p class="kommies-composer__error" role="alert">
                  {error()}
                </p>
              )}
              {panel() === "reply" && replies() ? (
                <Composer
                  thread={thread}
                  parentId={id}
                  replyTo={c().author?.displayName}
                  onDone={close}
                  onCancel={close}
                  autofocus
                />
              ) : panel() === "edit" ? (
                <Composer
                  thread={thread}
                  editId={id}
                  initial={c().body ?? ""}
                  onDone={close}
                  onCancel={close}
                  autofocus
                />
              ) : (
                panel() === "report" && (
                  <form class="kommies-report" onSubmit={report} aria-label={t("report.title")}>
                    <label>
                      {t("report.title")}{" "}
                      <select name="reason">
                        {reportReasons.map(([value, key]) => (
                          <option value={value}>{t(key)}</option>
                        ))}
                      </select>
                    </label>
                    <label>
                      {t("report.note")} <input name="note" maxLength={500} />
                    </label>
                    <button type="submit" class="kommies-button kommies-button--primary">
                      {t("report.submit")}
                    </button>
                    <button type="button" class="kommies-button" onClick={close}>
                      {t("composer.cancel")}
                    </button>
                  </form>
                )
              )}
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
