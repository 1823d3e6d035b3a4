/**
 * `<Composer>`: write a comment, a reply, or an edit, with a preview.
 *
 * @since 0.1.0
 */
import type { CommentView } from "@kommies/client"
import { errorMessage } from "@kommies/client/ui"
import {
  type ComponentPropsWithoutRef,
  type CSSProperties,
  type FormEvent,
  type KeyboardEvent,
  useEffect,
  useId,
  useRef,
  useState,
} from "react"
import { useKommiesEnv } from "../KommiesProvider.js"
import type { UseThreadResult } from "../useThread.js"

/** @since 0.1.0 @category models */
export interface ComposerProps
  extends Omit<ComponentPropsWithoutRef<"form">, "onSubmit" | "children" | "onError"> {
  readonly thread: UseThreadResult
  /** Reply to this comment. */
  readonly parentId?: string | null | undefined
  /** Edit this comment (its Markdown, `body`, comes only to its author). */
  readonly comment?: CommentView | undefined
  /** Called with the saved comment. */
  readonly onDone?: ((comment: CommentView) => void) | undefined
  /** Shows a Cancel button. */
  readonly onCancel?: (() => void) | undefined
  readonly autoFocus?: boolean | undefined
  readonly classes?:
    | Partial<
        Record<
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
          | "trap",
          string
        >
      >
    | undefined
}

/** Present for bots, out of sight and out of reach for people (also unstyled). */
const offscreen: CSSProperties = {
  position: "absolute",
  left: "-10000px",
  width: 1,
  height: 1,
  overflow: "hidden",
}

type Tab = "write" | "preview"

/**
 * A form with Write / Preview tabs (the preview is the server's rendering,
 * `POST /preview`), a labelled Markdown textarea (Ctrl+Enter sends), a
 * honeypot field hidden from people, and the time the form was open sent
 * along (both feed the server's spam checks). Posting is optimistic: the
 * comment shows at once and the text comes back if the server refuses.
 *
 * @since 0.1.0
 * @category primitives
 * @example
 * <Composer thread={thread} />
 * <Composer thread={thread} parentId={comment.id} onDone={close} onCancel={close} />
 * <Composer thread={thread} comment={comment} onDone={close} />
 */
export function Composer({
  thread,
  parentId = null,
  comment,
  onDone,
  onCancel,
  autoFocus,
  classes = {},
  ...props
}: ComposerProps) {
  const { t, client } = useKommiesEnv()
  const id = useId()
  const [body, setBody] = useState(comment?.body ?? "")
  const [tab, setTab] = useState<Tab>("write")
  const [preview, setPreview] = useState<string | null>(null)
  const [sending, setSending] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [trap, setTrap] = useState("")
  const opened = useRef(0)
  useEffect(() => {
    opened.current = Date.now()
  }, [])
  const parent = parentId === null ? undefined : thread.state.comments[parentId]
  const label = comment
    ? t("comment.edit")
    : parent?.author
      ? t("composer.replyTo", { name: parent.author.displayName })
      : t("composer.label")

  const show = async (next: Tab) => {
    setTab(next)
    document.getElementById(`${id}${next}`)?.focus()
    if (next !== "preview") return
    setPreview(null)
    if (body.trim())
      await client.preview(body).then(setPreview, (e) => setError(errorMessage(t, e)))
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!body.trim() || sending) return
    setSending(true)
    setError(null)
    const text = body
    if (!comment) setBody("")
    try {
      const saved = comment
        ? await thread.edit(comment.id, text)
        : await thread.post(text, {
            parentId,
            honeypot: trap || null,
            elapsedMs: Date.now() - opened.current,
          })
      setSending(false)
      setTab("write")
      onDone?.(saved)
    } catch (e) {
      setSending(false)
      setBody(text)
      setError(errorMessage(t, e))
    }
  }

  const tabButton = (name: Tab) => (
    <button
      type="button"
      role="tab"
      id={`${id}${name}`}
      className={classes.tab}
      aria-selected={tab === name}
      aria-controls={`${id}${name}-panel`}
      tabIndex={tab === name ? 0 : -1}
      onClick={() => void show(name)}
    >
      {t(`composer.${name}`)}
    </button>
  )

  return (
    <form {...props} onSubmit={submit}>
      <div
        role="tablist"
        aria-label={label}
        className={classes.tabs}
        onKeyDown={(e: KeyboardEvent) => {
          if (e.key === "ArrowLeft" || e.key === "ArrowRight")
            void show(tab === "write" ? "preview" : "write")
        }}
      >
        {tabButton("write")}
        {tabButton("preview")}
      </div>
      <div
        role="tabpanel"
        id={`${id}write-panel`}
        aria-labelledby={`${id}write`}
        hidden={tab !== "write"}
      >
        <textarea
          name="body"
          className={classes.input}
          aria-label={label}
          placeholder={t("composer.placeholder")}
          rows={4}
          value={body}
          // biome-ignore lint/a11y/noAutofocus: only when the reader opened this composer
          autoFocus={autoFocus}
          onChange={(e) => setBody(e.currentTarget.value)}
          onKeyDown={(e) => {
            if ((e.ctrlKey || e.metaKey) && e.key === "Enter") e.currentTarget.form?.requestSubmit()
          }}
        />
      </div>
      <div
        role="tabpanel"
        id={`${id}preview-panel`}
        aria-labelledby={`${id}preview`}
        aria-busy={tab === "preview" && preview === null && !!body.trim()}
        className={classes.preview}
        hidden={tab !== "preview"}
      >
        {body.trim() ? (
          // Rendered by the server's Markdown pipeline, which sanitizes it.
          // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitized by the server
          <div dangerouslySetInnerHTML={{ __html: preview ?? "" }} />
        ) : (
          t("composer.emptyPreview")
        )}
      </div>
      <div className={classes.trap} style={offscreen} aria-hidden="true">
        <label>
          Website
          <input
            type="text"
            name="website"
            tabIndex={-1}
            autoComplete="off"
            value={trap}
            onChange={(e) => setTrap(e.currentTarget.value)}
          />
        </label>
      </div>
      {error && (
        <p role="alert" className={classes.error}>
          {error}
        </p>
      )}
      <div className={classes.footer}>
        <span className={classes.hint}>{t("composer.markdown")}</span>
        <span className={classes.actions}>
          {onCancel && (
            <button type="button" className={classes.cancel} onClick={onCancel}>
              {t("composer.cancel")}
            </button>
          )}
          <button type="submit" className={classes.submit} disabled={sending || !body.trim()}>
            {sending ? t("composer.sending") : t(comment ? "composer.save" : "composer.submit")}
          </button>
        </span>
      </div>
    </form>
  )
}
