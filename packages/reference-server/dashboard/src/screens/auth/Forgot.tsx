/** Ask for a password reset code. */
import { type FormEvent, useState } from "react"
import { requestReset } from "../../api/dashboard.js"
import { href, navigate } from "../../router.js"
import { ErrorNote } from "../../ui/ErrorNote.js"
import { Field } from "../../ui/Field.js"
import { useAction } from "../../ui/useLoad.js"
import { AuthCard } from "./AuthCard.js"

export const Forgot = () => {
  const [email, setEmail] = useState("")
  const action = useAction()
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const challenge = await action.run(() => requestReset(email))
    if (challenge)
      navigate(
        `/reset/${encodeURIComponent(challenge.challengeId)}?email=${encodeURIComponent(email)}`,
      )
  }
  return (
    <AuthCard title="Reset your password" footer={<a href={href("/signin")}>Back to sign in</a>}>
      <p>We will email you a code to choose a new password.</p>
      <form onSubmit={submit}>
        <Field
          label="Email"
          type="email"
          autoComplete="email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <ErrorNote error={action.error} />
        <button className="button primary" type="submit" disabled={action.pending}>
          Send code
        </button>
      </form>
    </AuthCard>
  )
}
