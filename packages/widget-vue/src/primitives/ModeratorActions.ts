/**
 * `ModeratorActions`: approve, reject, spam and ban inline; lock a thread.
 *
 * @since 0.1.0
 */
import type { CommentView, Verdict } from "@kommies/client"
import { isModerator, isSending } from "@kommies/client/ui"
import { defineComponent, h, type PropType, ref } from "vue"
import { useKommiesEnv } from "../KommiesProvider.js"
import { useCommenter } from "../useCommenter.js"
import type { UseThreadResult } from "../useThread.js"

const verdicts = [
  ["approve", "approved"],
  ["reject", "rejected"],
  ["spam", "spam"],
] as const

/**
 * For moderators only (nothing for anybody else): the verdicts a comment
 * does not have yet, banning its author (normal or shadow), and its report
 * count; or, without `comment`, locking the thread. Failures emit `error`.
 *
 * @since 0.1.0
 * @category primitives
 * @example
 * h(ModeratorActions, { thread, comment })
 * h(ModeratorActions, { thread })
 */
export const ModeratorActions = /* @__PURE__ */ defineComponent({
  name: "KommiesModeratorActions",
  props: {
    thread: { type: Object as PropType<UseThreadResult>, required: true },
    /** The comment to act on; without it, the thread's lock and unlock. */
    comment: Object as PropType<CommentView | undefined>,
    classes: {
      type: Object as PropType<Partial<Record<"button" | "reports", string>>>,
      default: () => ({}),
    },
  },
  emits: { error: (_error: unknown) => true },
  setup(props, { emit }) {
    const env = useKommiesEnv()
    const { commenter } = useCommenter()
    const banned = ref(false)
    return () => {
      const { t, client } = env.value
      const { thread, comment, classes } = props
      const me = commenter.value
      const info = thread.state.value.thread
      if (
        !isModerator(me) ||
        (comment ? comment.status === "deleted" || isSending(comment) : !info)
      )
        return null
      const button = (label: string, work: () => Promise<unknown>, disabled = false) =>
        h(
          "button",
          {
            type: "button",
            class: classes.button,
            disabled,
            onClick: () => void work().catch((e: unknown) => emit("error", e)),
          },
          label,
        )
      if (!comment)
        return h("div", { role: "group" }, [
          button(t(info?.locked ? "mod.unlock" : "mod.lock"), () => thread.lock(!info?.locked)),
        ])
      const author = comment.authorId
      const ban = (kind: "normal" | "shadow") => async () => {
        if (author) await client.ban(author, { kind })
        banned.value = true
      }
      return h("div", { role: "group" }, [
        ...verdicts.map(([verdict, status]: readonly [Verdict, string]) =>
          comment.status === status
            ? null
            : button(t(`mod.${verdict}`), () => thread.moderate(comment.id, verdict)),
        ),
        ...(author && author !== me?.id
          ? [
              button(t("mod.ban"), ban("normal"), banned.value),
              button(t("mod.shadowBan"), ban("shadow"), banned.value),
            ]
          : []),
        comment.reportCount > 0 &&
          h("span", { class: classes.reports }, t("mod.reports", { count: comment.reportCount })),
      ])
    }
  },
})
