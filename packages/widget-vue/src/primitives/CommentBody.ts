/**
 * `CommentBody`: a comment's text, as the server rendered it.
 *
 * @since 0.1.0
 */
import type { CommentView } from "@kommies/client"
import { defineComponent, h, type PropType } from "vue"
import { useKommiesEnv } from "../KommiesProvider.js"

/**
 * The comment's HTML, or "This comment was deleted." for a tombstone.
 *
 * @since 0.1.0
 * @category primitives
 * @example
 * h(CommentBody, { comment })
 */
export const CommentBody = /* @__PURE__ */ defineComponent({
  name: "KommiesCommentBody",
  props: { comment: { type: Object as PropType<CommentView>, required: true } },
  setup(props) {
    const env = useKommiesEnv()
    return () =>
      props.comment.status === "deleted"
        ? h("div", env.value.t("comment.deleted"))
        : // `html` is the server's Markdown output, already sanitized on write (a
          // safe subset, no raw HTML, links limited to http/https/mailto).
          h("div", { innerHTML: props.comment.html })
  },
})
