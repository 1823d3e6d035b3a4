/** Sign in with email and password. */
import { type FormEvent, useState } from "react"
import { signIn } from "../../api/dashboard.js"
import { href, navigate, safeNext } from "../../router.js"
import { EmailField } from "../../ui/AccountFields.js"
import { Field } from "../../ui/Field.js"
import { Submit } from "../../ui/Submit.js"
import { useAction } from "../../ui/useLoad.js"
import { AuthCard, withNext } from "./AuthCard.js"

export const SignIn = ({ next }: { readonly next: string | null }) => {
  const [email, setEmail] = useState("")
  const [password, setPassword] = useState("")
  const action = useAction()
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (await action.run(() => signIn(email, password))) navigate(safeNext(next))
  }
  return (
    <AuthCard
      title="Sign in"
      footer={
        <>
          <a href={href(withNext("/signup", next))}>Create an account</a>
          <a href={href("/forgot")}>Forgot your password?</a>
        </>
      }
    >
      <form onSubmit={submit}>
        <EmailField value={email} onChange={setEmail} />
        <Field
          label="Password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <Submit action={action}>Sign in</Submit>
      </form>
    </AuthCard>
  )
}
