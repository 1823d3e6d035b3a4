/**
 * The ban in force on a commenter, with a button to lift it; and a form to
 * ban them (normal or shadow, for a time or until lifted).
 */
import { type FormEvent, useId, useState } from "react"
import type { SiteApi } from "../../api/site.js"
import type { CurrentBan } from "../../api/types.js"
import { ErrorNote } from "../../ui/ErrorNote.js"
import { formatDateTime } from "../../ui/format.js"
import { useAction } from "../../ui/useLoad.js"

const durations: ReadonlyArray<{ readonly label: string; readonly seconds: number | null }> = [
  { label: "1 hour", seconds: 3_600 },
  { label: "1 day", seconds: 86_400 },
  { label: "1 week", seconds: 7 * 86_400 },
  { label: "30 days", seconds: 30 * 86_400 },
  { label: "Until lifted", seconds: null },
]

export interface BanFormProps {
  readonly api: SiteApi
  readonly commenterId: string
  readonly name: string
  /** The ban in force when the screen loaded; null when none. */
  readonly current: CurrentBan | null
  /** After a ban or an unban, to load the commenter's standing again. */
  readonly onChange: () => void
}

/** "Banned until 3 May, 14:00", "Shadow-banned until the ban is lifted". */
export const describeBan = (ban: CurrentBan): string =>
  `${ban.kind === "shadow" ? "Shadow-banned" : "Banned"} ${
    ban.until === null ? "until the ban is lifted" : `until ${formatDateTime(ban.until)}`
  }`

export const BanForm = ({ api, commenterId, name, current, onChange }: BanFormProps) => {
  const [kind, setKind] = useState<"normal" | "shadow">("normal")
  const [duration, setDuration] = useState("Until lifted")
  const [reason, setReason] = useState("")
  const [status, setStatus] = useState("")
  const action = useAction()
  const id = useId()
  const ban = async (event: FormEvent) => {
    event.preventDefault()
    const seconds = durations.find((d) => d.label === duration)?.seconds ?? null
    const result = await action.run(() =>
      api.ban(commenterId, { kind, durationSeconds: seconds, reason: reason.trim() || null }),
    )
    if (result) {
      setStatus(
        `${name} is ${result.kind === "shadow" ? "shadow-banned" : "banned"} ${
          result.expiresAt === null
            ? "until the ban is lifted"
            : `until ${formatDateTime(result.expiresAt)}`
        }.`,
      )
      onChange()
    }
  }
  const unban = async () => {
    const result = await action.run(() => api.unban(commenterId))
    if (result) {
      setStatus(result.removed ? `${name}'s ban is lifted.` : `${name} was not banned.`)
      onChange()
    }
  }
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Ban</h2>
      {current === null ? (
        <p className="muted">Not banned.</p>
      ) : (
        <div className="actions">
          <p>
            <strong>{describeBan(current)}</strong>
            {current.reason ? ` — ${current.reason}` : ""}
          </p>
          <button
            type="button"
            className="button"
            disabled={action.pending}
            onClick={() => void unban()}
          >
            Unban {name}
          </button>
        </div>
      )}
      <form onSubmit={ban}>
        <fieldset>
          <legend>Kind</legend>
          <label>
            <input
              type="radio"
              name={`${id}-kind`}
              checked={kind === "normal"}
              onChange={() => setKind("normal")}
            />
            Ban (they cannot post)
          </label>
          <label>
            <input
              type="radio"
              name={`${id}-kind`}
              checked={kind === "shadow"}
              onChange={() => setKind("shadow")}
            />
            Shadow ban (only they see their comments)
          </label>
        </fieldset>
        <div className="field">
          <label htmlFor={`${id}-duration`}>Duration</label>
          <select
            id={`${id}-duration`}
            value={duration}
            onChange={(e) => setDuration(e.target.value)}
          >
            {durations.map((d) => (
              <option key={d.label}>{d.label}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-reason`}>Reason (for the audit log)</label>
          <input
            id={`${id}-reason`}
            maxLength={500}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </div>
        <ErrorNote error={action.error} />
        <div className="actions">
          <button type="submit" className="button danger" disabled={action.pending}>
            Ban {name}
          </button>
        </div>
        <p role="status">{status}</p>
      </form>
    </section>
  )
}
