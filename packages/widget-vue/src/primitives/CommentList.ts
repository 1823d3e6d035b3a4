/**
 * `CommentList`: the ordered list of a thread's comments, or of one
 * comment's replies.
 *
 * @since 0.1.0
 */
import type { CommentView } from "@kommies/client"
import { defineComponent, h, type PropType, type SlotsType, type VNodeChild } from "vue"
import type { UseThreadResult } from "../useThread.js"
import { CommentBody } from "./CommentBody.js"
import { CommentItem } from "./CommentItem.js"
import { CommentMeta } from "./CommentMeta.js"

const plain = (comment: CommentView) =>
  h(CommentItem, { comment }, () => [h(CommentMeta, { comment }), h(CommentBody, { comment })])

/**
 * An `<ol>` of the loaded comments in the thread's order; the default slot
 * (`{ comment }`) renders each (a `CommentItem`), or else its meta and body.
 *
 * @since 0.1.0
 * @category primitives
 * @example
 * h(CommentList, { thread }, { default: ({ comment }) => h(MyComment, { comment }) })
 */
export const CommentList = /* @__PURE__ */ defineComponent({
  name: "KommiesCommentList",
  props: {
    thread: { type: Object as PropType<UseThreadResult>, required: true },
    /** List the replies of this comment; default the top level. */
    parentId: { type: String as PropType<string | null>, default: null },
  },
  slots: Object as SlotsType<{ default: { comment: CommentView } }>,
  setup(props, { slots }) {
    return () => {
      const { comments, top, children } = props.thread.state.value
      const ids = props.parentId === null ? top : (children[props.parentId] ?? [])
      const render = (comment: CommentView): VNodeChild =>
        slots.default ? slots.default({ comment }) : plain(comment)
      return h(
        "ol",
        ids.map((id) => {
          const comment = comments[id]
          return comment ? render(comment) : null
        }),
      )
    }
  },
})
