/**
 * `SignIn`: guest, email + password with an emailed code, or SSO.
 *
 * @since 0.1.0
 */
import { createSignal, type JSX, onMount } from "solid-js"
import { useKommies } from "../KommiesProvider.js"
import { SignInPanel } from "../internal/SignInPanel.js"
import { useCommenter } from "../useCommenter.js"
import { Avatar } from "./Avatar.js"

/** @since 0.1.0 @category models */
export interface SignInProps {
  /**
   * A token your app signed for its signed-in user (the server's
   * `/auth/sso`): exchanged at once, so your users comment as themselves
   * without another sign-in.
   */
  readonly ssoToken?: string | null | undefined
}

/**
 * Signed out: a panel to comment as a guest (name, optional email), sign in
 * with email and password, or create an account (a 6-digit code is emailed,
 * then entered here). Signed in: who you are, and "Sign out". With
 * `ssoToken`, the host app's user is signed in directly.
 *
 * @since 0.1.0
 * @category primitives
 * @example
 * <SignIn />
 * <SignIn ssoToken={session.kommiesToken} />
 */
export const SignIn = (props: SignInProps): JSX.Element => {
  const { client, t } = useKommies()
  const { commenter: me } = useCommenter()
  const [failed, setFailed] = createSignal("")
  onMount(() => {
    if (props.ssoToken && !me())
      client
        .sso(props.ssoToken)
        .catch((e: { detail?: string }) => setFailed(e?.detail || t("error.generic")))
  })
  return (
    <>
      {me() ? (
        <div class="kommies-user">
          <Avatar commenter={me()} size={28} class="kommies-user__avatar" />
          <span class="kommies-user__name">
            {t("auth.signedInAs", { name: me()!.displayName })}
          </span>
          <button
            type="button"
            class="kommies-button kommies-button--ghost"
            onClick={() => void client.logout()}
          >
            {t("auth.signOut")}
          </button>
        </div>
      ) : (
        <SignInPanel error={failed()} />
      )}
    </>
  )
}
