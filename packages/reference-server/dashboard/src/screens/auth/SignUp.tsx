/** Create an account; a code goes to the email to verify it. */
import { type FormEvent, useState } from "react"
import { signUp } from "../../api/dashboard.js"
import { href, navigate } from "../../router.js"
import { EmailField, NewPasswordField } from "../../ui/AccountFields.js"
import { Field } from "../../ui/Field.js"
import { Submit } from "../../ui/Submit.js"
import { useAction } from "../../ui/useLoad.js"
import { AuthCard, withNext } from "./AuthCard.js"

export const SignUp = ({ next }: { readonly next: string | null }) => {
  const [name, setName] = useState("")
  const [email, setEmail] = useState("")
  const [password, setPassword] = useState("")
  const action = useAction()
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const challenge = await action.run(() => signUp({ name, email, password }))
    if (challenge)
      navigate(
        withNext(`/verify/${encodeURIComponent(challenge.challengeId)}`, next) +
          `${next && next !== "/sites" ? "&" : "?"}email=${encodeURIComponent(email)}`,
      )
  }
  return (
    <AuthCard
      title="Create an account"
      footer={<a href={href(withNext("/signin", next))}>I have an account: sign in</a>}
    >
      <form onSubmit={submit}>
        <Field
          label="Name"
          autoComplete="name"
          required
          maxLength={200}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <EmailField value={email} onChange={setEmail} />
        <NewPasswordField label="Password" value={password} onChange={setPassword} />
        <Submit action={action}>Create account</Submit>
      </form>
    </AuthCard>
  )
}
