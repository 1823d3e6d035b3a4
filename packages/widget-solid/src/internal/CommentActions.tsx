/**
 * What a signed-in reader may do on a comment, for `CommentItem`: the
 * buttons (reply, edit, delete, report) and the panel they open (the reply or
 * edit composer, the report form, what went wrong). A module of its own so
 * that embed.js loads it only once somebody signs in (see rollup.parts.mjs).
 */
import type { CommentView, PublicCommenter, ReportReason } from "@kommies/client"
import { canDelete, canEdit, canReply, isOwn, isSending, reportReasons } from "@kommies/client/ui"
import type { Accessor, JSX, Setter } from "solid-js"
import { useKommies } from "../KommiesProvider.js"
import { Composer } from "../primitives/Composer.js"
import type { UseThreadResult } from "../useThread.js"
import { attempt, useUi } from "./ui.js"

export type Panel = "reply" | "edit" | "delete" | "report" | null

/** What the buttons and the panel of one comment share; it lives in `CommentItem`. */
export interface Actions {
  readonly thread: UseThreadResult
  readonly comment: Accessor<CommentView>
  /** The signed-in reader. */
  readonly me: Accessor<PublicCommenter | null>
  readonly panel: Accessor<Panel>
  readonly setPanel: Setter<Panel>
  readonly error: Accessor<string>
  readonly setError: Setter<string>
  readonly reported: Accessor<boolean>
  readonly setReported: Setter<boolean>
}

const close = (a: Actions) => a.setPanel(null)
const toggle = (a: Actions, to: Panel) => {
  a.setError("")
  a.setPanel(a.panel() === to ? null : to)
}

/** The buttons, after the votes. */
export const CommentActions = (a: Actions): JSX.Element => {
  const { t } = useKommies()
  const { thread, comment: c, me } = a
  const act = (label: string, to: Panel) => (
    <button
      type="button"
      class="kommies-button kommies-button--ghost"
      aria-expanded={a.panel() === to}
      onClick={() => toggle(a, to)}
    >
      {label}
    </button>
  )
  return (
    <>
      {canReply(thread.state(), c()) && act(t("comment.reply"), "reply")}
      {canEdit(c(), me()) && act(t("comment.edit"), "edit")}
      {canDelete(c(), me()) && (
        // Two presses, as React's and Vue's: "Delete", then "Delete this comment?".
        <button
          type="button"
          class="kommies-button kommies-button--ghost kommies-button--danger"
          onClick={() => {
            if (a.panel() !== "delete") return toggle(a, "delete")
            close(a)
            void attempt(t, a.setError, () => thread.remove(c().id))
          }}
          onBlur={() => a.panel() === "delete" && close(a)}
        >
          {t(a.panel() === "delete" ? "comment.deleteConfirm" : "comment.delete")}
        </button>
      )}
      {!isOwn(c(), me()) && !isSending(c()) && !a.reported() && act(t("comment.report"), "report")}
    </>
  )
}

/** What the buttons open, below the comment's text: a composer or the report form, and errors. */
export const CommentPanel = (a: Actions): JSX.Element => {
  const { client, t } = useKommies()
  const ui = useUi()
  const { thread, comment: c } = a
  const done = () => close(a)
  const report = (event: SubmitEvent) => {
    event.preventDefault()
    const data = new FormData(event.currentTarget as HTMLFormElement)
    void attempt(t, a.setError, async () => {
      const reason = data.get("reason") as ReportReason
      await client.report(c().id, reason, String(data.get("note")) || null)
      done()
      a.setReported(true)
      ui.announce(t("report.thanks"))
    })
  }
  return (
    <>
      {a.error() && (
        <p class="kommies-composer__error" role="alert">
          {a.error()}
        </p>
      )}
      {a.panel() === "reply" && canReply(thread.state(), c()) ? (
        <Composer
          thread={thread}
          parentId={c().id}
          replyTo={c().author?.displayName}
          onDone={done}
          onCancel={done}
          autofocus
        />
      ) : a.panel() === "edit" ? (
        <Composer
          thread={thread}
          editId={c().id}
          initial={c().body ?? ""}
          onDone={done}
          onCancel={done}
          autofocus
        />
      ) : (
        a.panel() === "report" && (
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
            <button type="button" class="kommies-button" onClick={done}>
              {t("composer.cancel")}
            </button>
          </form>
        )
      )}
    </>
  )
}
