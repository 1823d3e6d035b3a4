/** Enter the code emailed at sign-up; a right code signs in. */
import { type FormEvent, useState } from "react"
import { verify } from "../../api/dashboard.js"
import { href, navigate, safeNext } from "../../router.js"
import { ErrorNote } from "../../ui/ErrorNote.js"
import { Field } from "../../ui/Field.js"
import { useAction } from "../../ui/useLoad.js"
import { AuthCard } from "./AuthCard.js"

export interface VerifyProps {
  readonly challengeId: string
  readonly email: string | null
  readonly next: string | null
}

export const Verify = ({ challengeId, email, next }: VerifyProps) => {
  const [code, setCode] = useState("")
  const action = useAction()
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (await action.run(() => verify(challengeId, code.trim()))) navigate(safeNext(next))
  }
  return (
    <AuthCard
      title="Verify your email"
      footer={<a href={href("/signup")}>Start over with another email</a>}
    >
      <p>We sent a code to {email ? <strong>{email}</strong> : "your email"}. Enter it here.</p>
      <form onSubmit={submit}>
        <Field
          label="Code"
          inputMode="numeric"
          autoComplete="one-time-code"
          required
          maxLength={32}
          value={code}
          onChange={(e) => setCode(e.target.value)}
        />
        <ErrorNote error={action.error} />
        <button className="button primary" type="submit" disabled={action.pending}>
          Verify
        </button>
      </form>
    </AuthCard>
  )
}
