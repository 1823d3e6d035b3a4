/** Give a commenter a role on the site (admins and owners only). */
import { type FormEvent, useId, useState } from "react"
import type { SiteApi } from "../../api/site.js"
import { ErrorNote } from "../../ui/ErrorNote.js"
import { useAction } from "../../ui/useLoad.js"

type Assignable = "user" | "moderator" | "admin"
const assignable: ReadonlyArray<Assignable> = ["user", "moderator", "admin"]

export interface RoleFormProps {
  readonly api: SiteApi
  readonly commenterId: string
  readonly current: string
}

export const RoleForm = ({ api, commenterId, current }: RoleFormProps) => {
  const [role, setRole] = useState<Assignable>(
    assignable.includes(current as Assignable) ? (current as Assignable) : "user",
  )
  const [status, setStatus] = useState("")
  const action = useAction()
  const id = useId()
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const updated = await action.run(() => api.setRole(commenterId, role))
    if (updated) setStatus(`${updated.displayName} is now ${updated.role}.`)
  }
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Role</h2>
      <form className="inline" onSubmit={submit}>
        <label htmlFor={`${id}-role`}>Commenter role</label>
        <select
          id={`${id}-role`}
          value={role}
          onChange={(e) => setRole(e.target.value as Assignable)}
        >
          {assignable.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
        <button type="submit" className="button" disabled={action.pending}>
          Set role
        </button>
      </form>
      <ErrorNote error={action.error} />
      <p role="status">{status}</p>
    </section>
  )
}
