/**
 * `ThreadLocked`: says that a thread is closed.
 *
 * @since 0.1.0
 */
import { defineComponent, h, type PropType } from "vue"
import { useKommiesEnv } from "../KommiesProvider.js"
import type { UseThreadResult } from "../useThread.js"

/**
 * "Comments are closed on this page." when the thread is locked; nothing
 * otherwise.
 *
 * @since 0.1.0
 * @category primitives
 * @example
 * h(ThreadLocked, { thread })
 */
export const ThreadLocked = /* @__PURE__ */ defineComponent({
  name: "KommiesThreadLocked",
  props: { thread: { type: Object as PropType<UseThreadResult>, required: true } },
  setup(props, { slots }) {
    const env = useKommiesEnv()
    return () =>
      props.thread.state.value.thread?.locked
        ? h("p", slots.default?.() ?? env.value.t("thread.locked"))
        : null
  },
})
