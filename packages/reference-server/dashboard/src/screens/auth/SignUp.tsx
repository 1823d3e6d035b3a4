/** Create an account; a code goes to the email to verify it. */
import { type FormEvent, useState } from "react"
import { signUp } from "../../api/dashboard.js"
import { href, navigate } from "../../router.js"
import { ErrorNote } from "../../ui/ErrorNote.js"
import { Field } from "../../ui/Field.js"
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
        <Field
          label="Email"
          type="email"
          autoComplete="email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <Field
          label="Password"
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
          Create account
        </button>
      </form>
    </AuthCard>
  )
}
