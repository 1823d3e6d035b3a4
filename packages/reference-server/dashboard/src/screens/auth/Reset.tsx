/** Enter the emailed reset code and a new password; this signs in. */
import { type FormEvent, useState } from "react"
import { confirmReset } from "../../api/dashboard.js"
import { href, navigate } from "../../router.js"
import { NewPasswordField } from "../../ui/AccountFields.js"
import { Field } from "../../ui/Field.js"
import { Submit } from "../../ui/Submit.js"
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
        <NewPasswordField label="New password" value={password} onChange={setPassword} />
        <Submit action={action}>Save and sign in</Submit>
      </form>
    </AuthCard>
  )
}
