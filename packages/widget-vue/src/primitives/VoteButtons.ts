/**
 * `VoteButtons`: up, score, down.
 *
 * @since 0.1.0
 */
import type { CommentView, VoteDirection } from "@kommies/client"
import { defineComponent, h, type PropType } from "vue"
import { useKommiesEnv } from "../KommiesProvider.js"
import type { UseThreadResult } from "../useThread.js"

/**
 * Two toggle buttons (`aria-pressed`) around the score, in a group labelled
 * with the score. The count moves at once and settles on the server's; a
 * refused vote rolls back and emits `error`.
 *
 * @since 0.1.0
 * @category primitives
 * @example
 * h(VoteButtons, { thread, comment, onError: show })
 */
export const VoteButtons = /* @__PURE__ */ defineComponent({
  name: "KommiesVoteButtons",
  props: {
    thread: { type: Object as PropType<UseThreadResult>, required: true },
    comment: { type: Object as PropType<CommentView>, required: true },
    classes: {
      type: Object as PropType<Partial<Record<"button" | "up" | "down" | "score", string>>>,
      default: () => ({}),
    },
  },
  emits: { error: (_error: unknown) => true },
  setup(props, { emit }) {
    const env = useKommiesEnv()
    return () => {
      const { t } = env.value
      const { comment, classes } = props
      const disabled = comment.status === "deleted" || comment.id.startsWith("tmp-")
      const button = (direction: VoteDirection) =>
        h(
          "button",
          {
            type: "button",
            class: [classes.button, classes[direction]],
            "aria-pressed": comment.myVote === direction,
            "aria-label": t(direction === "up" ? "comment.upvote" : "comment.downvote"),
            disabled,
            onClick: () =>
              props.thread.vote(comment.id, direction).catch((e: unknown) => emit("error", e)),
          },
          h("span", { "aria-hidden": "true" }, direction === "up" ? "▲" : "▼"),
        )
      return h(
        "div",
        { role: "group", "aria-label": t("comment.score", { count: comment.score }) },
        [
          button("up"),
          h("span", { class: classes.score, "aria-hidden": "true" }, comment.score),
          button("down"),
        ],
      )
    }
  },
})
