/**
 * `ReplyButton`: opens a reply, where replies are allowed.
 *
 * @since 0.1.0
 */
import type { CommentView } from "@kommies/client"
import { canReply } from "@kommies/client/ui"
import { defineComponent, h, type PropType } from "vue"
import { useKommiesEnv } from "../KommiesProvider.js"
import type { UseThreadResult } from "../useThread.js"

/**
 * A "Reply" button emitting `reply`; nothing when the thread is locked, the
 * comment is deleted or not saved yet, or a reply would nest past the
 * site's depth.
 *
 * @since 0.1.0
 * @category primitives
 * @example
 * h(ReplyButton, { thread, comment, onReply: (c) => (replyTo.value = c.id) })
 */
export const ReplyButton = /* @__PURE__ */ defineComponent({
  name: "KommiesReplyButton",
  props: {
    thread: { type: Object as PropType<UseThreadResult>, required: true },
    comment: { type: Object as PropType<CommentView>, required: true },
  },
  emits: { reply: (_comment: CommentView) => true },
  setup(props, { emit, slots }) {
    const env = useKommiesEnv()
    return () => {
      const { t, rules } = env.value
      if (!canReply(props.thread.state.value, props.comment, rules)) return null
      return h(
        "button",
        { type: "button", onClick: () => emit("reply", props.comment) },
        slots.default?.() ?? t("comment.reply"),
      )
    }
  },
})
