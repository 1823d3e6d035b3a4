/**
 * `CommentCount`: "3 comments", for index pages.
 *
 * @since 0.1.0
 */
import { defineComponent, h } from "vue"
import { KommiesProvider, providerProps, useKommiesEnv } from "./KommiesProvider.js"
import { useCommentCount } from "./useCommentCount.js"

const Count = /* @__PURE__ */ defineComponent({
  name: "KommiesCount",
  props: { page: { type: String, required: true } },
  setup(props) {
    const env = useKommiesEnv()
    const count = useCommentCount(props.page)
    return () =>
      h(
        "span",
        { class: "kommies-count", "aria-busy": count.value === null },
        count.value === null ? "" : env.value.t("thread.count", { count: count.value }),
      )
  },
})

/**
 * A page's comment count in words ("3 comments"), in a `.kommies-count`
 * span. Counts of a page's `CommentCount`s share one request.
 *
 * @since 0.1.0
 * @category components
 * @example
 * h("a", { href: "/post/1" }, ["Hello ", h(CommentCount, { site: "kp_…", page: "/post/1" })])
 */
export const CommentCount = /* @__PURE__ */ defineComponent({
  name: "KommiesCommentCount",
  inheritAttrs: false,
  props: {
    site: providerProps.site,
    baseUrl: providerProps.baseUrl,
    locale: providerProps.locale,
    catalog: providerProps.catalog,
    client: providerProps.client,
    /** The page's thread key. */
    page: { type: String, required: true },
  },
  setup(props, { attrs }) {
    return () => {
      const { page, ...provider } = props
      return h(KommiesProvider, provider, () => h(Count, { ...attrs, key: page, page }))
    }
  },
})
