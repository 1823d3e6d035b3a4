/**
 * `LoadMore`: the next page of comments, or more replies of one.
 *
 * @since 0.1.0
 */
import { remainingReplies } from "@kommies/client"
import { defineComponent, h, type PropType } from "vue"
import { useKommiesEnv } from "../KommiesProvider.js"
import type { UseThreadResult } from "../useThread.js"

/**
 * A button while there is more to load; busy while loading.
 *
 * @since 0.1.0
 * @category primitives
 * @example
 * h(LoadMore, { thread })
 * h(LoadMore, { thread, parentId: comment.id })
 */
export const LoadMore = /* @__PURE__ */ defineComponent({
  name: "KommiesLoadMore",
  props: {
    thread: { type: Object as PropType<UseThreadResult>, required: true },
    /** Load more replies of this comment ("Show 3 more replies"); default the top level. */
    parentId: { type: String as PropType<string | null>, default: null },
  },
  setup(props, { slots }) {
    const env = useKommiesEnv()
    return () => {
      const { t } = env.value
      const { thread, parentId } = props
      const state = thread.state.value
      const count = parentId === null ? 0 : remainingReplies(state, parentId)
      if (parentId === null ? !state.hasMore : count === 0) return null
      const busy = parentId === null ? state.loadingMore : !!state.loadingReplies[parentId]
      return h(
        "button",
        {
          type: "button",
          "aria-busy": busy,
          disabled: busy,
          onClick: () =>
            void (parentId === null ? thread.loadMore() : thread.loadReplies(parentId)),
        },
        slots.default?.() ??
          (parentId === null ? t("thread.loadMore") : t("comment.moreReplies", { count })),
      )
    }
  },
})
