/**
 * `<SignIn>`: comment as a guest, with email and password (and the emailed
 * code), or through the host app (SSO).
 *
 * @since 0.1.0
 */
import type { PublicCommenter } from "@kommies/client"
import { errorMessage } from "@kommies/client/ui"
import { type ComponentPropsWithoutRef, type FormEvent, useEffect, useId, useState } from "react"
import { useKommiesEnv } from "../KommiesProvider.js"
import { useCommenter } from "../useCommenter.js"

/** @since 0.1.0 @category models */
export interface SignInProps extends Omit<ComponentPropsWithoutRef<"div">, "children"> {
  /** A token your app signed for its signed-in user (`POST /auth/sso`): exchanged at once. */
  readonly ssoToken?: string | null | undefined
  /** Offer guest comments (when the site allows them); default true. */
  readonly guest?: boolean | undefined
  readonly onSignedIn?: ((commenter: PublicCommenter) => void) | undefined
  readonly classes?:
    | Partial<
        Record<
          "switch" | "mode" | "form" | "field" | "label" | "input" | "submit" | "message",
          string
        >
      >
    | undefined
}

type Mode = "guest" | "login" | "register" | "code"
type Field = "name" | "email" | "password" | "code"

/**
 * Nothing once signed in. Otherwise a choice of ways (toggle buttons with
 * `aria-pressed`) and one labelled form: guest (name, optional email),
 * sign in (email, password), create an account (name, email, password) and
 * then the 6-digit code from the email. With `ssoToken` it signs in through
 * the host app and shows the forms only if that fails.
 *
 * @since 0.1.0
 * @category primitives
 * @example
 * <SignIn />
 * <SignIn ssoToken={tokenFromMyApp} />
 */
export function SignIn({
  ssoToken,
  guest = true,
  onSignedIn,
  classes = {},
  ...props
}: SignInProps) {
  const { t } = useKommiesEnv()
  const auth = useCommenter()
  const id = useId()
  const [mode, setMode] = useState<Mode>(guest ? "guest" : "login")
  const [fields, setFields] = useState<Record<Field, string>>({
    name: "",
    email: "",
    password: "",
    code: "",
  })
  const [challenge, setChallenge] = useState("")
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const { name, email, password, code } = fields

  const run = async (work: () => Promise<PublicCommenter | undefined>) => {
    setBusy(true)
    setMessage(null)
    try {
      const who = await work()
      if (who) onSignedIn?.(who)
    } catch (e) {
      setMessage(errorMessage(t, e))
    }
    setBusy(false)
  }

  const awaitCode = (challengeId: string) => {
    setChallenge(challengeId)
    setMode("code")
    setMessage(t("auth.codeSent", { email }))
    return undefined
  }

  // biome-ignore lint/correctness/useExhaustiveDependencies: exchange each new token once
  useEffect(() => {
    if (ssoToken && !auth.commenter) void run(() => auth.sso(ssoToken))
  }, [ssoToken])

  if (auth.commenter) return null

  const submit = (event: FormEvent) => {
    event.preventDefault()
    void run(async () => {
      if (mode === "guest") return auth.guest({ displayName: name, email: email || null })
      if (mode === "code") return auth.verify(challenge, code)
      if (mode === "register")
        return awaitCode((await auth.register({ email, displayName: name, password })).challengeId)
      try {
        return await auth.login(email, password)
      } catch (e) {
        // Registered but never confirmed: send a fresh code and ask for it.
        if ((e as { code?: string }).code !== "email_unverified") throw e
        return awaitCode((await auth.resend(email)).challengeId)
      }
    })
  }

  const field = (
    key: Field,
    label: string,
    type: string,
    autoComplete: string,
    extra: ComponentPropsWithoutRef<"input"> = {},
  ) => (
    <div key={key} className={classes.field}>
      <label className={classes.label} htmlFor={id + key}>
        {label}
      </label>
      <input
        id={id + key}
        name={key}
        type={type}
        className={classes.input}
        autoComplete={autoComplete}
        required
        value={fields[key]}
        onChange={(e) => {
          const value = e.currentTarget.value
          setFields((f) => ({ ...f, [key]: value }))
        }}
        {...extra}
      />
    </div>
  )

  const modeButton = (to: Mode, label: string) => (
    <button
      type="button"
      className={classes.mode}
      aria-pressed={mode === to}
      onClick={() => {
        setMode(to)
        setMessage(null)
      }}
    >
      {label}
    </button>
  )

  const forms = !ssoToken || (message !== null && !busy)
  return (
    <div {...props}>
      {forms && (
        <>
          <div className={classes.switch}>
            {guest && modeButton("guest", t("auth.guest"))}
            {modeButton("login", t("auth.withEmail"))}
            {modeButton("register", t("auth.register"))}
          </div>
          <form className={classes.form} onSubmit={submit} aria-busy={busy}>
            {mode !== "login" &&
              mode !== "code" &&
              field("name", t("auth.name"), "text", "nickname")}
            {mode !== "code" &&
              field(
                "email",
                t(mode === "guest" ? "auth.emailOptional" : "auth.email"),
                "email",
                "email",
                { required: mode !== "guest" },
              )}
            {(mode === "login" || mode === "register") &&
              field(
                "password",
                t("auth.password"),
                "password",
                mode === "login" ? "current-password" : "new-password",
              )}
            {mode === "code" &&
              field("code", t("auth.code"), "text", "one-time-code", {
                inputMode: "numeric",
                pattern: "[0-9]{6}",
                maxLength: 6,
              })}
            <button type="submit" className={classes.submit} disabled={busy}>
              {t(
                mode === "register"
                  ? "auth.register"
                  : mode === "code"
                    ? "auth.verify"
                    : "auth.signIn",
              )}
            </button>
            {mode === "code" && (
              <button
                type="button"
                className={classes.mode}
                disabled={busy}
                onClick={() =>
                  void run(async () => awaitCode((await auth.resend(email)).challengeId))
                }
              >
                {t("auth.resend")}
              </button>
            )}
          </form>
        </>
      )}
      <p role="status" className={classes.message}>
        {message}
      </p>
    </div>
  )
}
