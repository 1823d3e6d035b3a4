/** Enter the emailed reset code and a new password; this signs in. */
import { type FormEvent, useState } from "react"
import { confirmReset } from "../../api/dashboard.js"
import { href, navigate } from "../../router.js"
import { ErrorNote } from "../../ui/ErrorNote.js"
import { Field } from "../../ui/Field.js"
import { useAction } from "../../ui/useLoad.js"
import { AuthCard } from "./AuthCard.js"

export const Reset = ({
  challengeId,
  email,
}: {
  readonly challengeId: string
  readonly email: string | null
}) => {
  const [code, setCode] = useState("")
  const [password, setPassword] = useState("")
  const action = useAction()
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (await action.run(() => confirmReset(challengeId, code.trim(), password))) navigate("/sites")
  }
  return (
    <AuthCard title="Choose a new password" footer={<a href={href("/forgot")}>Send a new code</a>}>
      <p>We sent a code to {email ? <strong>{email}</strong> : "your email"}.</p>
      <form onSubmit={submit}>
        <Field
          label="Code"
          inputMode="numeric"
          autoComplete="one-time-code"
          required
          value={code}
          onChange={(e) => setCode(e.target.value)}
        />
        <Field
          label="New password"
          type="password"
          autoComplete="new-password"
          required
          minLength={8}
          hint="At least 8 characters."
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <ErrorNote error={action.error} />
        <button className="button primary" type="submit" disabled={action.pending}>
          Save and sign in
        </button>
      </form>
    </AuthCard>
  )
}
