/** Enter the code emailed at sign-up; a right code signs in. A lost code can be sent again. */
import { type FormEvent, useState } from "react"
import { resendCode, verify } from "../../api/dashboard.js"
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
  // A resent code belongs to a new challenge; the one in the address stops working.
  const [challenge, setChallenge] = useState(challengeId)
  const [status, setStatus] = useState("")
  const action = useAction()
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setStatus("")
    if (await action.run(() => verify(challenge, code.trim()))) navigate(safeNext(next))
  }
  const resend = async () => {
    setStatus("")
    const fresh = await action.run(() => resendCode(challenge))
    if (fresh) {
      setChallenge(fresh.challengeId)
      setCode("")
      setStatus(
        `A new code is on its way${email ? ` to ${email}` : ""}; the earlier one no longer works.`,
      )
    }
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
        <div className="actions">
          <button className="button primary" type="submit" disabled={action.pending}>
            Verify
          </button>
          <button
            className="button"
            type="button"
            disabled={action.pending}
            onClick={() => void resend()}
          >
            Send the code again
          </button>
        </div>
        <p role="status">{status}</p>
      </form>
    </AuthCard>
  )
}
