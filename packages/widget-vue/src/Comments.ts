/**
 * `Comments`: the whole comment section, styled by
 * `@kommies/widget-vue/styles.css` and built only from the primitives.
 *
 * @since 0.1.0
 */
import {
  type CommentView,
  type InitialThread,
  type ReportReason,
  type Sort,
  themeOf,
} from "@kommies/client"
import {
  canDelete,
  canEdit,
  classes,
  errorMessage,
  isOwn,
  modifiers,
  reportReasons,
  sendReport,
  showPermalink,
  togglePanel,
} from "@kommies/client/ui"
import {
  defineComponent,
  h,
  onBeforeUnmount,
  onMounted,
  type PropType,
  ref,
  useId,
  watch,
} from "vue"
import { KommiesProvider, providerProps, useKommiesEnv } from "./KommiesProvider.js"
import { Avatar } from "./primitives/Avatar.js"
import { CommentBody } from "./primitives/CommentBody.js"
import { CommentItem } from "./primitives/CommentItem.js"
import { CommentList } from "./primitives/CommentList.js"
import { CommentMeta } from "./primitives/CommentMeta.js"
import { Composer } from "./primitives/Composer.js"
import { LoadMore } from "./primitives/LoadMore.js"
import { ModeratorActions } from "./primitives/ModeratorActions.js"
import { NewCommentsNotice } from "./primitives/NewCommentsNotice.js"
import { ReplyButton } from "./primitives/ReplyButton.js"
import { SignIn } from "./primitives/SignIn.js"
import { SortMenu } from "./primitives/SortMenu.js"
import { ThreadLocked } from "./primitives/ThreadLocked.js"
import { VoteButtons } from "./primitives/VoteButtons.js"
import { useCommenter } from "./useCommenter.js"
import { useThread } from "./useThread.js"

const threadProps = {
  /** The page's thread key: its path or any stable id. */
  page: { type: String, required: true as const },
  /** `light`, `dark`, or `auto` (follows the system). Default: the site's theme setting once the thread loads, `light` before. */
  theme: { type: String as PropType<"light" | "dark" | "auto" | undefined>, default: undefined },
  /** The first sort; default the site's. */
  sort: String as PropType<Sort | undefined>,
  /** Comments per page (1–100). */
  limit: Number as PropType<number | undefined>,
  /** Replies loaded inline under each comment (0–10). */
  replies: Number as PropType<number | undefined>,
  /** `await loadThread(client, page)` from the server: renders at once, no loading state. */
  initialData: Object as PropType<InitialThread | null | undefined>,
  /** Follow new comments, votes and edits live; default true. */
  live: { type: Boolean, default: true },
  /** A token your app signed for its signed-in user (SSO). */
  ssoToken: String as PropType<string | null | undefined>,
  /** Offer guest comments; default true. */
  guest: { type: Boolean, default: true },
}

type Panel = { readonly id: string; readonly kind: "reply" | "edit" | "report" | "delete" }

const { button, ghost, primary } = classes

const Thread = /* @__PURE__ */ defineComponent({
  name: "KommiesThread",
  props: threadProps,
  setup(props) {
    const env = useKommiesEnv()
    const thread = useThread(props.page, {
      sort: props.sort,
      limit: props.limit,
      replies: props.replies,
      initialData: props.initialData,
      live: props.live,
    })
    const { commenter, logout } = useCommenter()
    const panel = ref<Panel | null>(null)
    const notice = ref<string | null>(null)
    const highlighted = ref<string | null>(null)
    const heading = useId()
    const onError = (e: unknown) => {
      notice.value = errorMessage(env.value.t, e)
    }
    const close = () => {
      panel.value = null
    }
    const toggle = (id: string, kind: Panel["kind"]) => {
      panel.value = togglePanel(panel.value, id, kind)
    }
    watch(
      () => commenter.value?.id,
      () => {
        notice.value = null
      },
    )

    // Permalinks: `#comment-<id>` scrolls to and highlights its comment once
    // it is there, and again whenever the hash changes.
    const go = () =>
      showPermalink((id) => {
        highlighted.value = id
      })
    onMounted(() => {
      addEventListener("hashchange", go)
      const stop = watch(
        () => thread.state.value.status === "ready",
        (ready) => {
          if (!ready) return
          go()
          queueMicrotask(() => stop())
        },
        { immediate: true, flush: "post" },
      )
    })
    onBeforeUnmount(() => removeEventListener("hashchange", go))

    const signIn = () =>
      h(SignIn, {
        class: "kommies-auth",
        classes: classes.auth,
        ssoToken: props.ssoToken,
        guest: props.guest,
      })

    const renderComment = (comment: CommentView) => {
      const { t, rules } = env.value
      const state = thread.state.value
      const me = commenter.value
      const { id } = comment
      const open = panel.value?.id === id ? panel.value.kind : null
      return h(
        CommentItem,
        {
          key: id,
          comment,
          class: ["kommies-comment", ...modifiers(comment, me, highlighted.value === id)].join(
            " kommies-comment--",
          ),
        },
        () => [
          h(Avatar, { commenter: comment.author, class: "kommies-comment__avatar" }),
          h("div", { class: "kommies-comment__main" }, [
            h(CommentMeta, {
              comment,
              avatar: false,
              class: "kommies-comment__header",
              classes: classes.meta,
            }),
            open === "edit"
              ? h(Composer, {
                  thread,
                  comment,
                  class: "kommies-composer",
                  classes: classes.composer,
                  autofocus: true,
                  onDone: close,
                  onCancel: close,
                })
              : h(CommentBody, { comment, class: "kommies-comment__body" }),
            h("div", { class: "kommies-comment__actions" }, [
              h(VoteButtons, {
                thread,
                comment,
                onError,
                class: "kommies-vote",
                classes: classes.vote,
              }),
              h(ReplyButton, {
                thread,
                comment,
                class: ghost,
                "aria-expanded": open === "reply",
                onReply: () => toggle(id, "reply"),
              }),
              canEdit(comment, me, rules) &&
                h(
                  "button",
                  {
                    type: "button",
                    class: ghost,
                    "aria-expanded": open === "edit",
                    onClick: () => toggle(id, "edit"),
                  },
                  t("comment.edit"),
                ),
              canDelete(comment, me) &&
                // Two presses: "Delete", then "Delete this comment?".
                h(
                  "button",
                  {
                    type: "button",
                    class: classes.danger,
                    onClick: () => {
                      if (open !== "delete") return toggle(id, "delete")
                      close()
                      thread.remove(id).catch(onError)
                    },
                    onBlur: () => open === "delete" && close(),
                  },
                  t(open === "delete" ? "comment.deleteConfirm" : "comment.delete"),
                ),
              me &&
                !isOwn(comment, me) &&
                comment.status === "approved" &&
                h(
                  "button",
                  {
                    type: "button",
                    class: ghost,
                    "aria-expanded": open === "report",
                    onClick: () => toggle(id, "report"),
                  },
                  t("comment.report"),
                ),
            ]),
            open === "report" && h(ReportForm, { comment, onClose: close }),
            h(ModeratorActions, {
              thread,
              comment,
              onError,
              class: "kommies-mod",
              classes: { button: ghost },
            }),
          ]),
          h("div", { class: "kommies-comment__replies" }, [
            open === "reply" &&
              (me
                ? h(Composer, {
                    thread,
                    parentId: id,
                    class: "kommies-composer",
                    classes: classes.composer,
                    autofocus: true,
                    onDone: close,
                    onCancel: close,
                  })
                : signIn()),
            (state.children[id]?.length ?? 0) > 0 &&
              h(
                CommentList,
                { thread, parentId: id, class: "kommies-list kommies-list--replies" },
                { default: ({ comment: c }: { comment: CommentView }) => renderComment(c) },
              ),
            h(LoadMore, { thread, parentId: id, class: `${ghost} kommies-comment__more` }),
          ]),
        ],
      )
    }

    return () => {
      const { t, locale, dir } = env.value
      const state = thread.state.value
      const me = commenter.value
      const locked = !!state.thread?.locked
      const waiting = state.top.length === 0
      return h(
        "section",
        {
          class: "kommies",
          "data-kommies-theme": themeOf(state, props.theme),
          dir,
          lang: locale,
          "aria-labelledby": heading,
        },
        [
          h("div", { class: "kommies-header" }, [
            h(
              "h2",
              { id: heading, class: "kommies-header__count" },
              t("thread.count", { count: state.count }),
            ),
            state.live !== "off" &&
              h(
                "span",
                { class: "kommies-live", "data-live": state.live },
                state.live === "reconnecting" ? t("thread.reconnecting") : undefined,
              ),
            h(SortMenu, {
              thread,
              class: "kommies-sort",
              classes: classes.sort,
            }),
            h(ModeratorActions, { thread, onError, classes: { button: ghost } }),
            me &&
              h("div", { class: "kommies-user" }, [
                h(Avatar, { commenter: me, size: 28, class: "kommies-user__avatar" }),
                h("span", { class: "kommies-user__name" }, me.displayName),
                h(
                  "button",
                  { type: "button", class: ghost, onClick: () => void logout() },
                  t("auth.signOut"),
                ),
              ]),
          ]),
          h(ThreadLocked, {
            thread,
            role: "status",
            class: "kommies-status kommies-status--locked",
          }),
          !locked &&
            (me
              ? h(Composer, { thread, class: "kommies-composer", classes: classes.composer })
              : signIn()),
          notice.value &&
            h("p", { role: "alert", class: "kommies-status kommies-status--error" }, notice.value),
          h(NewCommentsNotice, {
            thread,
            class: state.newCount > 0 ? "kommies-new" : undefined,
            classes: { button: `${button} kommies-new__button` },
          }),
          !waiting
            ? h(
                CommentList,
                { thread, class: "kommies-list" },
                { default: ({ comment }: { comment: CommentView }) => renderComment(comment) },
              )
            : state.status === "ready"
              ? h("p", { class: "kommies-status" }, t("thread.empty"))
              : state.status === "error"
                ? h("div", { role: "alert", class: "kommies-status kommies-status--error" }, [
                    `${t("thread.error")} `,
                    h(
                      "button",
                      { type: "button", class: button, onClick: () => void thread.load() },
                      t("thread.retry"),
                    ),
                  ])
                : skeleton(),
          h("div", { class: "kommies-load-more" }, h(LoadMore, { thread, class: button })),
        ],
      )
    }
  },
})

/** Placeholders the size of comments, so nothing moves when they arrive. */
const skeleton = () =>
  h(
    "div",
    { "aria-busy": "true" },
    [0, 1, 2].map(() =>
      h("div", { class: "kommies-skeleton", "aria-hidden": "true" }, [
        h("div", { class: "kommies-skeleton__avatar" }),
        h("div", [
          h("div", { class: "kommies-skeleton__line" }),
          h("div", { class: "kommies-skeleton__line" }),
        ]),
      ]),
    ),
  )

const ReportForm = /* @__PURE__ */ defineComponent({
  name: "KommiesReportForm",
  props: {
    comment: { type: Object as PropType<CommentView>, required: true },
    onClose: { type: Function as PropType<() => void>, required: true },
  },
  setup(props) {
    const env = useKommiesEnv()
    const reason = ref<ReportReason>("spam")
    const note = ref("")
    const done = ref<string | null>(null)
    const submit = (event: Event) => {
      event.preventDefault()
      const { client, t } = env.value
      void sendReport(client, t, props.comment.id, reason.value, note.value).then((text) => {
        done.value = text
      })
    }
    return () => {
      const { t } = env.value
      if (done.value) return h("p", { role: "status", class: "kommies-report" }, done.value)
      return h(
        "form",
        { class: "kommies-report", onSubmit: submit, "aria-label": t("report.title") },
        [
          h("label", [
            `${t("report.title")} `,
            h(
              "select",
              {
                value: reason.value,
                onChange: (e: Event) => {
                  reason.value = (e.target as HTMLSelectElement).value as ReportReason
                },
              },
              reportReasons.map(([value, key]) =>
                h("option", { value, selected: value === reason.value }, t(key)),
              ),
            ),
          ]),
          h("label", [
            `${t("report.note")} `,
            h("input", {
              value: note.value,
              onInput: (e: Event) => {
                note.value = (e.target as HTMLInputElement).value
              },
            }),
          ]),
          h("button", { type: "submit", class: primary }, t("report.submit")),
          h(
            "button",
            { type: "button", class: ghost, onClick: props.onClose },
            t("composer.cancel"),
          ),
        ],
      )
    }
  },
})

/**
 * The comment section of a page: count, sort menu, sign-in or composer,
 * "N new comments", threaded comments with votes, replies, edit, delete,
 * report and moderation, and "load more". Give it `initialData` from
 * `loadThread` to render on the server and hydrate without a flash.
 *
 * @since 0.1.0
 * @category components
 * @example
 * import { Comments } from "@kommies/widget-vue"
 * import "@kommies/widget-vue/styles.css"
 *
 * h(Comments, { site: "kp_…", page: "/post/1" })
 */
export const Comments = /* @__PURE__ */ defineComponent({
  name: "KommiesComments",
  props: { ...providerProps, ...threadProps },
  setup(props) {
    return () => {
      const { site, baseUrl, locale, catalog, client, maxDepth, editWindowSeconds, ...rest } = props
      return h(
        KommiesProvider,
        { site, baseUrl, locale, catalog, client, maxDepth, editWindowSeconds },
        // A new page is a new thread.
        () => h(Thread, { ...rest, key: rest.page }),
      )
    }
  },
})
