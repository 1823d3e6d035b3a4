/**
 * `SignIn`: comment as a guest, with email and password (and the emailed
 * code), or through the host app (SSO).
 *
 * @since 0.1.0
 */
import type { PublicCommenter } from "@kommies/client"
import { errorMessage } from "@kommies/client/ui"
import { defineComponent, Fragment, h, onMounted, type PropType, ref, useId, watch } from "vue"
import { useKommiesEnv } from "../KommiesProvider.js"
import { useCommenter } from "../useCommenter.js"

type Mode = "guest" | "login" | "register" | "code"
type Field = "name" | "email" | "password" | "code"
type Part = "switch" | "mode" | "form" | "field" | "label" | "input" | "submit" | "message"

/**
 * Nothing once signed in. Otherwise a choice of ways (toggle buttons with
 * `aria-pressed`) and one labelled form: guest (name, optional email),
 * sign in (email, password), create an account (name, email, password) and
 * then the 6-digit code from the email. With `ssoToken` it signs in through
 * the host app and shows the forms only if that fails. Emits `signed-in`.
 *
 * @since 0.1.0
 * @category primitives
 * @example
 * h(SignIn)
 * h(SignIn, { ssoToken: tokenFromMyApp })
 */
export const SignIn = /* @__PURE__ */ defineComponent({
  name: "KommiesSignIn",
  props: {
    /** A token your app signed for its signed-in user (`POST /auth/sso`): exchanged at once. */
    ssoToken: String as PropType<string | null | undefined>,
    /** Offer guest comments (when the site allows them); default true. */
    guest: { type: Boolean, default: true },
    classes: { type: Object as PropType<Partial<Record<Part, string>>>, default: () => ({}) },
  },
  emits: { signedIn: (_commenter: PublicCommenter) => true },
  setup(props, { emit }) {
    const env = useKommiesEnv()
    const auth = useCommenter()
    const id = useId()
    const mode = ref<Mode>(props.guest ? "guest" : "login")
    const fields = ref<Record<Field, string>>({ name: "", email: "", password: "", code: "" })
    const challenge = ref("")
    const message = ref<string | null>(null)
    const busy = ref(false)

    const run = async (work: () => Promise<PublicCommenter | undefined>) => {
      busy.value = true
      message.value = null
      try {
        const who = await work()
        if (who) emit("signedIn", who)
      } catch (e) {
        message.value = errorMessage(env.value.t, e)
      }
      busy.value = false
    }

    const awaitCode = (challengeId: string) => {
      challenge.value = challengeId
      mode.value = "code"
      message.value = env.value.t("auth.codeSent", { email: fields.value.email })
      return undefined
    }

    const exchange = () => {
      const token = props.ssoToken
      if (token && !auth.commenter.value) void run(() => auth.sso(token))
    }
    onMounted(() => {
      exchange()
      watch(() => props.ssoToken, exchange)
    })

    const submit = (event: Event) => {
      event.preventDefault()
      const { name, email, password, code } = fields.value
      void run(async () => {
        if (mode.value === "guest") return auth.guest({ displayName: name, email: email || null })
        if (mode.value === "code") return auth.verify(challenge.value, code)
        if (mode.value === "register")
          return awaitCode(
            (await auth.register({ email, displayName: name, password })).challengeId,
          )
        try {
          return await auth.login(email, password)
        } catch (e) {
          // Registered but never confirmed: send a fresh code and ask for it.
          if ((e as { code?: string }).code !== "email_unverified") throw e
          return awaitCode((await auth.resend(email)).challengeId)
        }
      })
    }

    return () => {
      if (auth.commenter.value) return null
      const { t } = env.value
      const { classes } = props
      const current = mode.value
      const field = (
        key: Field,
        label: string,
        type: string,
        autocomplete: string,
        extra: Record<string, unknown> = {},
      ) =>
        h("div", { key, class: classes.field }, [
          h("label", { class: classes.label, for: id + key }, label),
          h("input", {
            id: id + key,
            name: key,
            type,
            class: classes.input,
            autocomplete,
            required: true,
            value: fields.value[key],
            onInput: (e: Event) => {
              fields.value = { ...fields.value, [key]: (e.target as HTMLInputElement).value }
            },
            ...extra,
          }),
        ])
      const modeButton = (to: Mode, label: string) =>
        h(
          "button",
          {
            type: "button",
            class: classes.mode,
            "aria-pressed": current === to,
            onClick: () => {
              mode.value = to
              message.value = null
            },
          },
          label,
        )
      const forms = !props.ssoToken || (message.value !== null && !busy.value)
      return h("div", [
        forms &&
          h(Fragment, [
            h("div", { class: classes.switch }, [
              props.guest && modeButton("guest", t("auth.guest")),
              modeButton("login", t("auth.withEmail")),
              modeButton("register", t("auth.register")),
            ]),
            h("form", { class: classes.form, onSubmit: submit, "aria-busy": busy.value }, [
              current !== "login" &&
                current !== "code" &&
                field("name", t("auth.name"), "text", "nickname"),
              current !== "code" &&
                field(
                  "email",
                  t(current === "guest" ? "auth.emailOptional" : "auth.email"),
                  "email",
                  "email",
                  { required: current !== "guest" },
                ),
              (current === "login" || current === "register") &&
                field(
                  "password",
                  t("auth.password"),
                  "password",
                  current === "login" ? "current-password" : "new-password",
                ),
              current === "code" &&
                field("code", t("auth.code"), "text", "one-time-code", {
                  inputmode: "numeric",
                  pattern: "[0-9]{6}",
                  maxlength: 6,
                }),
              h(
                "button",
                { type: "submit", class: classes.submit, disabled: busy.value },
                t(
                  current === "register"
                    ? "auth.register"
                    : current === "code"
                      ? "auth.verify"
                      : "auth.signIn",
                ),
              ),
              current === "code" &&
                h(
                  "button",
                  {
                    type: "button",
                    class: classes.mode,
                    disabled: busy.value,
                    onClick: () =>
                      void run(async () =>
                        awaitCode((await auth.resend(fields.value.email)).challengeId),
                      ),
                  },
                  t("auth.resend"),
                ),
            ]),
          ]),
        h("p", { role: "status", class: classes.message }, message.value ?? undefined),
      ])
    }
  },
})
