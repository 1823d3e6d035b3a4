/**
 * The buttons of `ModeratorActions`, for a reader known to moderate: a
 * module of its own so that embed.js loads it only for moderators (see
 * rollup.parts.mjs).
 */
import type { Verdict } from "@kommies/client"
import { createSignal, type JSX, Show } from "solid-js"
import { useKommies } from "../KommiesProvider.js"
import type { ModeratorActionsProps } from "../primitives/ModeratorActions.js"
import { useCommenter } from "../useCommenter.js"
import { attempt, useUi } from "./ui.js"

export const ModeratorTools = (props: ModeratorActionsProps): JSX.Element => {
  const { client, t } = useKommies()
  const { announce } = useUi()
  const { commenter: me } = useCommenter()
  const thread = props.thread
  const { state } = thread
  const [banned, setBanned] = createSignal(false)
  const button = (label: string, call: () => Promise<unknown>, disabled?: () => boolean) => (
    <button
      type="button"
      class="kommies-button kommies-button--ghost"
      disabled={disabled?.()}
      onClick={() => void attempt(t, announce, call)}
    >
      {label}
    </button>
  )
  const verdict = (v: Verdict, label: string) =>
    button(label, () => thread.moderate(props.comment!.id, v))
  const ban = (kind: "normal" | "shadow", label: string) =>
    button(
      label,
      () =>
        client.ban(props.comment!.authorId!, { kind }).then(() => {
          setBanned(true)
          announce(label)
        }),
      banned,
    )
  const c = () => props.comment
  return (
    <Show
      when={c()}
      fallback={
        state().thread &&
        button(t(state().thread?.locked ? "mod.unlock" : "mod.lock"), () =>
          thread.lock(!state().thread?.locked),
        )
      }
    >
      <Show when={c()?.status !== "deleted"}>
        <div class="kommies-mod">
          {c()!.reportCount > 0 && <span>{t("mod.reports", { count: c()!.reportCount })}</span>}
          {c()!.status !== "approved" && verdict("approve", t("mod.approve"))}
          {c()!.status !== "rejected" && verdict("reject", t("mod.reject"))}
          {c()!.status !== "spam" && verdict("spam", t("mod.spam"))}
          {c()!.authorId !== me()?.id && [
            ban("normal", t("mod.ban")),
            ban("shadow", t("mod.shadowBan")),
          ]}
        </div>
      </Show>
    </Show>
  )
}
