/**
 * `Composer`: write a comment, a reply, or an edit, in Markdown.
 *
 * @since 0.1.0
 */
import { createSignal, createUniqueId, type JSX, onMount } from "solid-js"
import { useKommies } from "../KommiesProvider.js"
import { attempt } from "../internal/ui.js"
import type { UseThreadResult } from "../useThread.js"
import { CommentBody } from "./CommentBody.js"

/** @since 0.1.0 @category models */
export interface ComposerProps {
  readonly thread: UseThreadResult
  /** Reply to this comment. */
  readonly parentId?: string | undefined
  /** Edit this comment (yours) instead of posting. */
  readonly editId?: string | undefined
  /** The text to start with (the comment's Markdown when editing). */
  readonly initial?: string | undefined
  /** The name in the text box's label, "Reply to …". */
  readonly replyTo?: string | undefined
  /** After a successful post or save. */
  readonly onDone?: () => void
  /** Shows a Cancel button. */
  readonly onCancel?: () => void
  /** Focus the text box when it appears (inline reply and edit forms). */
  readonly autofocus?: boolean
}

/**
 * A Markdown text box with Write / Preview tabs (the preview is rendered by
 * the server exactly as the comment will be), a hidden honeypot field and the
 * time the form was open (spam heuristics), Ctrl/⌘+Enter to send, Escape to
 * cancel (with `onCancel`), and errors in words (`role="alert"`). Posting is
 * optimistic: the comment shows at once.
 *
 * @since 0.1.0
 * @category primitives
 * @example
 * <Composer thread={thread} />
 * <Composer thread={thread} parentId={comment.id} onCancel={close} onDone={close} autofocus />
 */
export const Composer = (props: ComposerProps): JSX.Element => {
  const { client, t } = useKommies()
  const id = createUniqueId()
  const [body, setBody] = createSignal(props.initial ?? "")
  /** Null while writing; the rendered preview ("" while it loads). */
  const [preview, setPreview] = createSignal<string | null>(null)
  const [busy, setBusy] = createSignal(false)
  const [error, setError] = createSignal("")
  const opened = Date.now()
  let input: HTMLTextAreaElement | undefined
  let trap: HTMLInputElement | undefined
  onMount(() => props.autofocus && input?.focus())

  const showPreview = () => {
    setPreview("")
    if (body().trim())
      void attempt(t, setError, () => client.preview(body()).then((html) => setPreview(html)))
  }
  const submit = async (event: Event) => {
    event.preventDefault()
    if (busy() || !body().trim()) return
    setBusy(true)
    setError("")
    const { thread } = props
    const ok = await attempt(t, setError, () =>
      props.editId
        ? thread.edit(props.editId, body())
        : thread.post(body(), {
            parentId: props.parentId ?? null,
            honeypot: trap?.value || null,
            elapsedMs: Date.now() - opened,
            url: location.href.split("#")[0] ?? null,
            title: document.title || null,
          }),
    )
    setBusy(false)
    if (ok) {
      setBody("")
      setPreview(null)
      props.onDone?.()
    }
  }
  const tab = (write: boolean) => (
    <button
      type="button"
      role="tab"
      id={id + write}
      class="kommies-composer__tab"
      aria-selected={write === (preview() === null)}
      aria-controls={`${id}p`}
      onClick={() => (write ? setPreview(null) : showPreview())}
    >
      {t(write ? "composer.write" : "composer.preview")}
    </button>
  )
  return (
    <form class="kommies-composer" onSubmit={submit}>
      <div class="kommies-composer__tabs" role="tablist">
        {tab(true)}
        {tab(false)}
      </div>
      <div id={`${id}p`} role="tabpanel" aria-labelledby={id + (preview() === null)}>
        {preview() === null ? (
          <>
            <label class="kommies-visually-hidden" for={`${id}i`}>
              {props.editId
                ? t("comment.edit")
                : props.replyTo
                  ? t("composer.replyTo", { name: props.replyTo })
                  : t("composer.label")}
            </label>
            <textarea
              ref={input}
              id={`${id}i`}
              class="kommies-composer__input"
              rows={4}
              placeholder={t("composer.placeholder")}
              value={body()}
              onInput={(event) => setBody(event.currentTarget.value)}
              onKeyDown={(event) => {
                if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) void submit(event)
                if (event.key === "Escape") props.onCancel?.()
              }}
            />
          </>
        ) : (
          <div class="kommies-composer__preview">
            {preview() ? <CommentBody html={preview()!} /> : t("composer.emptyPreview")}
          </div>
        )}
      </div>
      <div class="kommies-composer__trap" aria-hidden="true">
        <label>
          Website <input ref={trap} name="website" tabIndex={-1} autocomplete="off" />
        </label>
      </div>
      {error() && (
        <p class="kommies-composer__error" role="alert">
          {error()}
        </p>
      )}
      <div class="kommies-composer__footer">
        <span class="kommies-composer__hint">{t("composer.markdown")}</span>
        <div class="kommies-composer__actions">
          {props.onCancel && (
            <button type="button" class="kommies-button" onClick={() => props.onCancel?.()}>
              {t("composer.cancel")}
            </button>
          )}
          <button
            type="submit"
            class="kommies-button kommies-button--primary"
            disabled={busy() || !body().trim()}
          >
            {t(busy() ? "composer.sending" : props.editId ? "composer.save" : "composer.submit")}
          </button>
        </div>
      </div>
    </form>
  )
}
