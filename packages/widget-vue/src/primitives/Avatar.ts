/**
 * `Avatar`: a commenter's picture, or their identicon.
 *
 * @since 0.1.0
 */
import { avatarUrl, type PublicCommenter } from "@kommies/client"
import { defineComponent, h, type PropType } from "vue"

/**
 * The uploaded picture, or a generated identicon (no request). Decorative
 * (`alt=""`): the name is always next to it. The image reserves its size.
 *
 * @since 0.1.0
 * @category primitives
 * @example
 * h(Avatar, { commenter: comment.author, size: 40 })
 */
export const Avatar = /* @__PURE__ */ defineComponent({
  name: "KommiesAvatar",
  props: {
    /** Null for a deleted comment: a neutral identicon. */
    commenter: Object as PropType<PublicCommenter | null | undefined>,
    /** Pixels; default 40. */
    size: { type: Number, default: 40 },
  },
  setup(props) {
    return () =>
      h("img", {
        src: avatarUrl(props.commenter, { size: props.size }),
        alt: "",
        width: props.size,
        height: props.size,
        loading: "lazy",
        decoding: "async",
      })
  },
})
