/**
 * `CommentMeta`: who wrote a comment and when.
 *
 * @since 0.1.0
 */
import { type CommentView, timeAgo } from "@kommies/client"
import { anchorOf, statusOf } from "@kommies/client/ui"
import { defineComponent, h, type PropType } from "vue"
import { useKommiesEnv } from "../KommiesProvider.js"
import { useCommenter } from "../useCommenter.js"
import { Avatar } from "./Avatar.js"

type Part = "avatar" | "author" | "badge" | "permalink" | "time" | "edited" | "status"

/**
 * Avatar, name, role badge, a permalink showing the relative time, the
 * edited mark, and a state badge (awaiting moderation, hidden from others)
 * that only the author and moderators see.
 *
 * @since 0.1.0
 * @category primitives
 * @example
 * h(CommentMeta, { comment })
 */
export const CommentMeta = /* @__PURE__ */ defineComponent({
  name: "KommiesCommentMeta",
  props: {
    comment: { type: Object as PropType<CommentView>, required: true },
    /** Show the avatar here; default true (false when you place `Avatar` yourself). */
    avatar: { type: Boolean, default: true },
    /** Class names of the parts. */
    classes: { type: Object as PropType<Partial<Record<Part, string>>>, default: () => ({}) },
  },
  setup(props) {
    const env = useKommiesEnv()
    const { commenter } = useCommenter()
    return () => {
      const { t, locale } = env.value
      const { comment, classes } = props
      const { author, createdAt, editedAt } = comment
      const role = author?.role
      const status = statusOf(comment, commenter.value)
      return h("div", [
        props.avatar && h(Avatar, { commenter: author, class: classes.avatar, size: 32 }),
        author && h("span", { class: classes.author }, author.displayName),
        (role === "owner" || role === "admin" || role === "moderator") &&
          h("span", { class: classes.badge }, t(`role.${role}`)),
        h(
          "a",
          {
            class: classes.permalink,
            href: `#${anchorOf(comment.id)}`,
            title: t("comment.permalink"),
          },
          // The relative time may differ by a minute between server and browser.
          h(
            "time",
            {
              class: classes.time,
              datetime: new Date(createdAt).toISOString(),
              "data-allow-mismatch": "text",
            },
            timeAgo(createdAt, Date.now(), locale),
          ),
        ),
        editedAt !== null && h("span", { class: classes.edited }, t("comment.edited")),
        status && h("span", { class: classes.status }, t(status)),
      ])
    }
  },
})
