/**
 * `Composer`: write a comment, a reply, or an edit, with a preview.
 *
 * @since 0.1.0
 */
import type { CommentView } from "@kommies/client"
import { errorMessage } from "@kommies/client/ui"
import { defineComponent, h, onMounted, type PropType, ref, useId } from "vue"
import { useKommiesEnv } from "../KommiesProvider.js"
import type { UseThreadResult } from "../useThread.js"

type Part =
  | "tabs"
  | "tab"
  | "input"
  | "preview"
  | "footer"
  | "hint"
  | "actions"
  | "submit"
  | "cancel"
  | "error"
  | "trap"

type Tab = "write" | "preview"

/** Present for bots, out of sight and out of reach for people (also unstyled). */
const offscreen = "position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden"

/**
 * A form with Write / Preview tabs (the preview is the server's rendering,
 * `POST /preview`), a labelled Markdown textarea (Ctrl+Enter sends), a
 * honeypot field hidden from people, and the time the form was open sent
 * along (both feed the server's spam checks). Posting is optimistic: the
 * comment shows at once and the text comes back if the server refuses.
 * Emits `done` with the saved comment, and `cancel` (a Cancel button shows
 * when there is an `onCancel` listener).
 *
 * @since 0.1.0
 * @category primitives
 * @example
 * h(Composer, { thread })
 * h(Composer, { thread, parentId: comment.id, onDone: close, onCancel: close })
 * h(Composer, { thread, comment, onDone: close })
 */
export const Composer = /* @__PURE__ */ defineComponent({
  name: "KommiesComposer",
  props: {
    thread: { type: Object as PropType<UseThreadResult>, required: true },
    /** Reply to this comment. */
    parentId: { type: String as PropType<string | null>, default: null },
    /** Edit this comment (its Markdown, `body`, comes only to its author). */
    comment: Object as PropType<CommentView | undefined>,
    autofocus: Boolean,
    classes: { type: Object as PropType<Partial<Record<Part, string>>>, default: () => ({}) },
    /** Shows a Cancel button (also set by an `onCancel` listener). */
    onCancel: Function as PropType<(() => void) | undefined>,
  },
  emits: { done: (_comment: CommentView) => true },
  setup(props, { emit }) {
    const env = useKommiesEnv()
    const id = useId()
    const body = ref(props.comment?.body ?? "")
    const tab = ref<Tab>("write")
    const preview = ref<string | null>(null)
    const sending = ref(false)
    const error = ref<string | null>(null)
    const trap = ref("")
    let opened = 0
    onMounted(() => {
      opened = Date.now()
    })

    const show = async (next: Tab) => {
      tab.value = next
      document.getElementById(`${id}${next}`)?.focus()
      if (next !== "preview") return
      preview.value = null
      if (body.value.trim())
        await env.value.client.preview(body.value).then(
          (html) => {
            preview.value = html
          },
          (e: unknown) => {
            error.value = errorMessage(env.value.t, e)
          },
        )
    }

    const submit = async (event: Event) => {
      event.preventDefault()
      const text = body.value
      if (!text.trim() || sending.value) return
      sending.value = true
      error.value = null
      const { comment, thread, parentId } = props
      if (!comment) body.value = ""
      try {
        const saved = comment
          ? await thread.edit(comment.id, text)
          : await thread.post(text, {
              parentId,
              honeypot: trap.value || null,
              elapsedMs: Date.now() - opened,
            })
        sending.value = false
        tab.value = "write"
        emit("done", saved)
      } catch (e) {
        sending.value = false
        body.value = text
        error.value = errorMessage(env.value.t, e)
      }
    }

    return () => {
      const { t } = env.value
      const { classes, comment, parentId } = props
      const parent = parentId === null ? undefined : props.thread.state.value.comments[parentId]
      const label = comment
        ? t("comment.edit")
        : parent?.author
          ? t("composer.replyTo", { name: parent.author.displayName })
          : t("composer.label")
      const text = body.value
      const tabButton = (name: Tab) =>
        h(
          "button",
          {
            type: "button",
            role: "tab",
            id: `${id}${name}`,
            class: classes.tab,
            "aria-selected": tab.value === name,
            "aria-controls": `${id}${name}-panel`,
            tabindex: tab.value === name ? 0 : -1,
            onClick: () => void show(name),
          },
          t(`composer.${name}`),
        )
      return h("form", { onSubmit: submit }, [
        h(
          "div",
          {
            role: "tablist",
            "aria-label": label,
            class: classes.tabs,
            onKeydown: (e: KeyboardEvent) => {
              if (e.key === "ArrowLeft" || e.key === "ArrowRight")
                void show(tab.value === "write" ? "preview" : "write")
            },
          },
          [tabButton("write"), tabButton("preview")],
        ),
        h(
          "div",
          {
            role: "tabpanel",
            id: `${id}write-panel`,
            "aria-labelledby": `${id}write`,
            hidden: tab.value !== "write",
          },
          h("textarea", {
            name: "body",
            class: classes.input,
            "aria-label": label,
            placeholder: t("composer.placeholder"),
            rows: 4,
            value: text,
            autofocus: props.autofocus,
            onInput: (e: Event) => {
              body.value = (e.target as HTMLTextAreaElement).value
            },
            onKeydown: (e: KeyboardEvent) => {
              if ((e.ctrlKey || e.metaKey) && e.key === "Enter")
                (e.target as HTMLTextAreaElement).form?.requestSubmit()
            },
          }),
        ),
        h(
          "div",
          {
            role: "tabpanel",
            id: `${id}preview-panel`,
            "aria-labelledby": `${id}preview`,
            "aria-busy": tab.value === "preview" && preview.value === null && !!text.trim(),
            class: classes.preview,
            hidden: tab.value !== "preview",
          },
          text.trim()
            ? // Rendered by the server's Markdown pipeline, which sanitizes it.
              h("div", { innerHTML: preview.value ?? "" })
            : t("composer.emptyPreview"),
        ),
        h(
          "div",
          { class: classes.trap, style: offscreen, "aria-hidden": "true" },
          h("label", [
            "Website",
            h("input", {
              type: "text",
              name: "website",
              tabindex: -1,
              autocomplete: "off",
              value: trap.value,
              onInput: (e: Event) => {
                trap.value = (e.target as HTMLInputElement).value
              },
            }),
          ]),
        ),
        error.value && h("p", { role: "alert", class: classes.error }, error.value),
        h("div", { class: classes.footer }, [
          h("span", { class: classes.hint }, t("composer.markdown")),
          h("span", { class: classes.actions }, [
            props.onCancel &&
              h(
                "button",
                { type: "button", class: classes.cancel, onClick: props.onCancel },
                t("composer.cancel"),
              ),
            h(
              "button",
              { type: "submit", class: classes.submit, disabled: sending.value || !text.trim() },
              sending.value
                ? t("composer.sending")
                : t(comment ? "composer.save" : "composer.submit"),
            ),
          ]),
        ]),
      ])
    }
  },
})
