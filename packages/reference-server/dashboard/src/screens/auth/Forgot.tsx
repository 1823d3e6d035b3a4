/** Ask for a password reset code. */
import { type FormEvent, useState } from "react"
import { requestReset } from "../../api/dashboard.js"
import { href, navigate } from "../../router.js"
import { EmailField } from "../../ui/AccountFields.js"
import { Submit } from "../../ui/Submit.js"
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
        <EmailField value={email} onChange={setEmail} />
        <Submit action={action}>Send code</Submit>
      </form>
    </AuthCard>
  )
}
