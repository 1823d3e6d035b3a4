/** Invite someone by email to help run the site, as an admin or a moderator. */
import { type FormEvent, useId, useState } from "react"
import { invite } from "../../api/dashboard.js"
import { ErrorNote } from "../../ui/ErrorNote.js"
import { Field } from "../../ui/Field.js"
import { useAction } from "../../ui/useLoad.js"

export interface InviteFormProps {
  readonly siteId: string
  readonly canInviteAdmins: boolean
  readonly onInvited: () => void
}

export const InviteForm = ({ siteId, canInviteAdmins, onInvited }: InviteFormProps) => {
  const [email, setEmail] = useState("")
  const [role, setRole] = useState<"admin" | "moderator">("moderator")
  const [status, setStatus] = useState("")
  const action = useAction()
  const id = useId()
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const sent = await action.run(() => invite(siteId, { email: email.trim(), role }))
    if (sent) {
      setStatus(`Invitation sent to ${sent.invitation.email}.`)
      setEmail("")
      onInvited()
    }
  }
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Invite</h2>
      <form onSubmit={submit}>
        <Field
          label="Email to invite"
          type="email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <div className="field">
          <label htmlFor={`${id}-role`}>Role</label>
          <select
            id={`${id}-role`}
            value={role}
            onChange={(e) => setRole(e.target.value as "admin" | "moderator")}
          >
            <option value="moderator">Moderator: the queue, bans</option>
            {canInviteAdmins ? (
              <option value="admin">Admin: also settings, team, analytics</option>
            ) : null}
          </select>
        </div>
        <ErrorNote error={action.error} />
        <button type="submit" className="button primary" disabled={action.pending}>
          Send invitation
        </button>
        <p role="status">{status}</p>
      </form>
    </section>
  )
}
