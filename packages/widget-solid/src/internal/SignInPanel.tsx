/**
 * The signed-out half of `SignIn`: the panel to comment as a guest, sign in
 * with email and password, or create an account (then the emailed code). A
 * module of its own so that embed.js can load it on first use (see
 * rollup.parts.mjs).
 */
import { createSignal, createUniqueId, type JSX } from "solid-js"
import { useKommies } from "../KommiesProvider.js"

type Mode = "guest" | "login" | "register" | "code"

/** `error`: why the host's SSO token was not taken, said until the panel has news of its own. */
export const SignInPanel = (props: { readonly error?: string }): JSX.Element => {
  const { client, t } = useKommies()
  const id = createUniqueId()
  const [mode, setMode] = createSignal<Mode>("guest")
  const [busy, setBusy] = createSignal(false)
  const [error, setError] = createSignal("")
  let challenge = ""
  const [email, setEmail] = createSignal("")
  const run = (call: () => Promise<unknown>) => {
    setBusy(true)
    setError("")
    return call()
      .catch((e: { detail?: string }) => setError(e?.detail || t("error.generic")))
      .finally(() => setBusy(false))
  }
  const submit = (event: SubmitEvent) => {
    event.preventDefault()
    const data = new FormData(event.currentTarget as HTMLFormElement)
    const value = (name: string) => String(data.get(name) ?? "").trim()
    const m = mode()
    void run(async () => {
      if (m === "guest")
        await client.guest({ displayName: value("name"), email: value("email") || null })
      else if (m === "login") await client.login(value("email"), value("password"))
      else if (m === "code") await client.verify(challenge, value("code"))
      else {
        setEmail(value("email"))
        challenge = (
          await client.register({
            email: email(),
            displayName: value("name"),
            password: value("password"),
          })
        ).challengeId
        setMode("code")
      }
    })
  }
  const field = (name: string, label: string, type = "text", autocomplete = name) => (
    <div class="kommies-auth__field">
      <label class="kommies-auth__label" for={id + name}>
        {label}
      </label>
      <input
        id={id + name}
        name={name}
        class="kommies-auth__input"
        type={type}
        autocomplete={autocomplete}
        required={label !== t("auth.emailOptional")}
        minLength={type === "password" ? 8 : undefined}
        inputMode={name === "code" ? "numeric" : undefined}
        pattern={name === "code" ? "[0-9]{6}" : undefined}
      />
    </div>
  )
  const choice = (to: Mode, label: string) => (
    <button
      type="button"
      class="kommies-button kommies-button--ghost"
      aria-pressed={mode() === to || (to === "register" && mode() === "code")}
      onClick={() => {
        setMode(to)
        setError("")
      }}
    >
      {label}
    </button>
  )
  // As React's and Vue's: "Sign in" for a guest too, the choice above says how.
  const labels = {
    guest: "auth.signIn",
    login: "auth.signIn",
    register: "auth.register",
    code: "auth.verify",
  } as const
  return (
    <div class="kommies-auth">
      <div class="kommies-auth__switch">
        {choice("guest", t("auth.guest"))}
        {choice("login", t("auth.withEmail"))}
        {choice("register", t("auth.register"))}
      </div>
      <form class="kommies-auth__form" onSubmit={submit} aria-busy={busy()}>
        {mode() === "code" ? (
          <>
            <p class="kommies-auth__message">{t("auth.codeSent", { email: email() })}</p>
            {field("code", t("auth.code"), "text", "one-time-code")}
          </>
        ) : (
          [
            mode() !== "login" && field("name", t("auth.name"), "text", "nickname"),
            mode() === "guest"
              ? field("email", t("auth.emailOptional"), "email")
              : field("email", t("auth.email"), "email", mode() === "login" ? "username" : "email"),
            mode() !== "guest" &&
              field(
                "password",
                t("auth.password"),
                "password",
                mode() === "login" ? "current-password" : "new-password",
              ),
          ]
        )}
        <button type="submit" class="kommies-button kommies-button--primary" disabled={busy()}>
          {t(labels[mode()])}
        </button>
        {mode() === "code" && (
          <button
            type="button"
            class="kommies-button kommies-button--ghost"
            onClick={() =>
              run(async () => {
                challenge = (await client.resend(email())).challengeId
              })
            }
          >
            {t("auth.resend")}
          </button>
        )}
      </form>
      {(error() || props.error) && (
        <p class="kommies-auth__message" role="alert">
          {error() || props.error}
        </p>
      )}
    </div>
  )
}
