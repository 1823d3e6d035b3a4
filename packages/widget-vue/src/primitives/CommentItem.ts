/**
 * `CommentItem`: one comment's list item, the target of its permalink.
 *
 * @since 0.1.0
 */
import type { CommentView } from "@kommies/client"
import { anchorOf } from "@kommies/client/ui"
import { defineComponent, h, type PropType } from "vue"

/**
 * An `<li id="comment-<id>">` (so `#comment-<id>` links to it) holding
 * whatever parts you put in its slot.
 *
 * @since 0.1.0
 * @category primitives
 * @example
 * h(CommentItem, { comment }, () => [h(CommentMeta, { comment }), h(CommentBody, { comment })])
 */
export const CommentItem = /* @__PURE__ */ defineComponent({
  name: "KommiesCommentItem",
  props: { comment: { type: Object as PropType<CommentView>, required: true } },
  setup(props, { slots }) {
    return () =>
      h(
        "li",
        { id: anchorOf(props.comment.id), "data-depth": props.comment.depth },
        slots.default?.(),
      )
  },
})
