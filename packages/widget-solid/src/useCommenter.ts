/**
 * `useCommenter`: who is signed in, and the ways to sign in and out.
 *
 * @since 0.1.0
 */
import type { KommiesClient, PublicCommenter } from "@kommies/client"
import { type Accessor, createSignal, onCleanup, onMount, sharedConfig } from "solid-js"
import { useKommies } from "./KommiesProvider.js"

/** @since 0.1.0 @category models */
export interface UseCommenterResult
  extends Pick<
    KommiesClient,
    "guest" | "register" | "verify" | "resend" | "login" | "sso" | "logout"
  > {
  /** The signed-in commenter, or null. */
  readonly commenter: Accessor<PublicCommenter | null>
}

/**
 * The signed-in commenter (null when signed out), kept current across
 * sign-in, sign-out and refreshes, and the client's sign-in actions. While
 * hydrating server-rendered HTML it starts signed out, as the server rendered
 * (the server has no session), and catches up on mount.
 *
 * @since 0.1.0
 * @category hooks
 * @example
 * const { commenter, guest, logout } = useCommenter()
 * <Show when={commenter()} fallback={<button onClick={() => guest({ displayName: "Ann" })}>Join</button>}>
 *   {(me) => <p>Hi {me().displayName}</p>}
 * </Show>
 */
export const useCommenter = (): UseCommenterResult => {
  const { client } = useKommies()
  const now = () => client.getSnapshot().commenter
  const [commenter, setCommenter] = createSignal(sharedConfig.context ? null : now())
  onMount(() => setCommenter(now()))
  onCleanup(client.subscribe(() => setCommenter(now())))
  const { guest, register, verify, resend, login, sso, logout } = client
  return { commenter, guest, register, verify, resend, login, sso, logout }
}
