/**
 * How comments behave on the site. The server validates (its problem detail
 * is shown as is); the inputs' own limits catch the obvious first.
 */
import { type FormEvent, useId, useState } from "react"
import type { SiteApi } from "../../api/site.js"
import type { SiteSettings, SiteView } from "../../api/types.js"
import { ErrorNote } from "../../ui/ErrorNote.js"
import { Field } from "../../ui/Field.js"
import { useAction } from "../../ui/useLoad.js"
import { parseLines } from "../CreateSite.js"

const modes = [
  { id: "none", label: "Publish at once" },
  { id: "first", label: "Hold a commenter's first comment" },
  { id: "pre", label: "Hold every comment for review (pre-moderation)" },
] as const
const themes = [
  { id: "auto", label: "Automatic (follows the reader's system)" },
  { id: "light", label: "Light" },
  { id: "dark", label: "Dark" },
] as const
type Theme = (typeof themes)[number]["id"]

export interface CommentSettingsFormProps {
  readonly view: SiteView
  readonly api: SiteApi
  readonly onSaved: (view: SiteView) => void
}

export const CommentSettingsForm = ({ view, api, onSaved }: CommentSettingsFormProps) => {
  const initial = view.settings
  const [moderation, setModeration] = useState(initial.moderation)
  const [guests, setGuests] = useState(initial.guestComments)
  const [editMinutes, setEditMinutes] = useState(String(initial.editWindowSeconds / 60))
  const [maxDepth, setMaxDepth] = useState(String(initial.maxDepth))
  const [linkLimit, setLinkLimit] = useState(String(initial.linkLimit))
  const [words, setWords] = useState(initial.wordFilter.join("\n"))
  // Settings stored before themes existed have none: the server's default.
  const [theme, setTheme] = useState<Theme>(initial.theme ?? "auto")
  const [status, setStatus] = useState("")
  const action = useAction()
  const id = useId()
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setStatus("")
    const patch: Partial<SiteSettings> = {
      moderation,
      guestComments: guests,
      editWindowSeconds: Math.round(Number(editMinutes) * 60),
      maxDepth: Number(maxDepth),
      linkLimit: Number(linkLimit),
      wordFilter: parseLines(words),
      theme,
    }
    const saved = await action.run(() => api.updateSettings(patch))
    if (saved) {
      setStatus("Settings saved.")
      onSaved(saved)
    }
  }
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Comments</h2>
      <form onSubmit={submit}>
        <div className="field">
          <label htmlFor={`${id}-moderation`}>Moderation mode</label>
          <select
            id={`${id}-moderation`}
            value={moderation}
            onChange={(e) => setModeration(e.target.value as SiteSettings["moderation"])}
          >
            {modes.map((m) => (
              <option key={m.id} value={m.id}>
                {m.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field check">
          <input
            id={`${id}-guests`}
            type="checkbox"
            checked={guests}
            onChange={(e) => setGuests(e.target.checked)}
          />
          <label htmlFor={`${id}-guests`}>Guests may comment (name only, no account)</label>
        </div>
        <Field
          label="Edit window (minutes)"
          type="number"
          min={0}
          step="any"
          required
          hint="How long authors may edit a comment after posting; 0 = never."
          value={editMinutes}
          onChange={(e) => setEditMinutes(e.target.value)}
        />
        <Field
          label="Deepest reply level"
          type="number"
          min={0}
          max={16}
          required
          hint="0 = no replies; top-level comments are level 0."
          value={maxDepth}
          onChange={(e) => setMaxDepth(e.target.value)}
        />
        <Field
          label="Link limit"
          type="number"
          min={0}
          required
          hint="A comment with more links than this waits in the queue."
          value={linkLimit}
          onChange={(e) => setLinkLimit(e.target.value)}
        />
        <div className="field">
          <label htmlFor={`${id}-words`}>Word filter</label>
          <textarea
            id={`${id}-words`}
            rows={4}
            aria-describedby={`${id}-words-hint`}
            value={words}
            onChange={(e) => setWords(e.target.value)}
          />
          <p className="hint" id={`${id}-words-hint`}>
            One word a line (whole words, any case): comments with them wait in the queue.
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-theme`}>Widget theme</label>
          <select
            id={`${id}-theme`}
            aria-describedby={`${id}-theme-hint`}
            value={theme}
            onChange={(e) => setTheme(e.target.value as Theme)}
          >
            {themes.map((t) => (
              <option key={t.id} value={t.id}>
                {t.label}
              </option>
            ))}
          </select>
          <p className="hint" id={`${id}-theme-hint`}>
            What the widget shows unless the page sets a theme of its own.
          </p>
        </div>
        <ErrorNote error={action.error} />
        <button type="submit" className="button primary" disabled={action.pending}>
          Save settings
        </button>
        <p role="status">{status}</p>
      </form>
    </section>
  )
}
