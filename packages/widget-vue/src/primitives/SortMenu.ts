/**
 * `SortMenu`: choose how the thread is ordered.
 *
 * @since 0.1.0
 */
import type { Sort } from "@kommies/client"
import { sorts } from "@kommies/client/ui"
import { defineComponent, h, type PropType } from "vue"
import { useKommiesEnv } from "../KommiesProvider.js"
import type { UseThreadResult } from "../useThread.js"

/**
 * A labelled `<select>` of the sorts; choosing one reloads the thread.
 *
 * @since 0.1.0
 * @category primitives
 * @example
 * h(SortMenu, { thread })
 */
export const SortMenu = /* @__PURE__ */ defineComponent({
  name: "KommiesSortMenu",
  props: {
    thread: { type: Object as PropType<UseThreadResult>, required: true },
    classes: { type: Object as PropType<Partial<Record<"select", string>>>, default: () => ({}) },
  },
  setup(props) {
    const env = useKommiesEnv()
    return () => {
      const { t } = env.value
      const current = props.thread.state.value.sort
      return h("label", [
        t("sort.label"),
        h(
          "select",
          {
            class: props.classes.select,
            value: current,
            onChange: (e: Event) =>
              void props.thread.setSort((e.target as HTMLSelectElement).value as Sort),
          },
          // `selected` too, so that server-rendered HTML shows the sort.
          sorts.map((sort) =>
            h("option", { value: sort, selected: sort === current }, t(`sort.${sort}`)),
          ),
        ),
      ])
    }
  },
})
