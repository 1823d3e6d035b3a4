/**
 * `NewCommentsNotice`: "Show 3 new comments", instead of moving the page.
 *
 * @since 0.1.0
 */
import { defineComponent, h, type PropType } from "vue"
import { useKommiesEnv } from "../KommiesProvider.js"
import type { UseThreadResult } from "../useThread.js"

/**
 * A polite live region (always present, so screen readers hear it fill)
 * holding a button while comments by others wait; the button shows them.
 *
 * @since 0.1.0
 * @category primitives
 * @example
 * h(NewCommentsNotice, { thread })
 */
export const NewCommentsNotice = /* @__PURE__ */ defineComponent({
  name: "KommiesNewCommentsNotice",
  props: {
    thread: { type: Object as PropType<UseThreadResult>, required: true },
    classes: { type: Object as PropType<Partial<Record<"button", string>>>, default: () => ({}) },
  },
  setup(props) {
    const env = useKommiesEnv()
    return () => {
      const count = props.thread.state.value.newCount
      return h(
        "div",
        { role: "status", "aria-live": "polite" },
        count > 0
          ? h(
              "button",
              { type: "button", class: props.classes.button, onClick: props.thread.showNew },
              env.value.t("thread.newComments", { count }),
            )
          : undefined,
      )
    }
  },
})
