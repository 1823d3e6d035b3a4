/**
 * `useCommenter()`: who is signed in, and the ways to sign in and out.
 *
 * @since 0.1.0
 */
import type { KommiesClient, PublicCommenter } from "@kommies/client"
import {
  getCurrentInstance,
  getCurrentScope,
  onMounted,
  onScopeDispose,
  type ShallowRef,
  shallowRef,
} from "vue"
import { useKommies } from "./KommiesProvider.js"

/** @since 0.1.0 @category models */
export interface UseCommenterResult
  extends Pick<
    KommiesClient,
    "guest" | "register" | "verify" | "resend" | "login" | "sso" | "logout"
  > {
  /** The signed-in commenter, or null. */
  readonly commenter: Readonly<ShallowRef<PublicCommenter | null>>
}

/**
 * The signed-in commenter as a `shallowRef` (null when signed out; in
 * components also until mounted, so hydration matches the server, which has
 * no session) and the sign-in actions of the client.
 *
 * @since 0.1.0
 * @category composables
 * @example
 * const { commenter, guest, logout } = useCommenter()
 * if (!commenter.value) await guest({ displayName: "Ann" })
 */
export function useCommenter(): UseCommenterResult {
  const client = useKommies()
  const read = () => client.getSnapshot().commenter
  const commenter = shallowRef(getCurrentInstance() ? null : read())
  const unsubscribe = client.subscribe(() => {
    commenter.value = read()
  })
  if (getCurrentInstance())
    onMounted(() => {
      commenter.value = read()
    })
  if (getCurrentScope()) onScopeDispose(unsubscribe)
  const { guest, register, verify, resend, login, sso, logout } = client
  return { commenter, guest, register, verify, resend, login, sso, logout }
}
