/**
 * `useCommenter()`: who is signed in, and the ways to sign in and out.
 *
 * @since 0.1.0
 */
import type { AuthSnapshot, KommiesClient, PublicCommenter } from "@kommies/client"
import { useSyncExternalStore } from "react"
import { useKommies } from "./KommiesProvider.js"

/** @since 0.1.0 @category models */
export interface UseCommenterResult
  extends Pick<
    KommiesClient,
    "guest" | "register" | "verify" | "resend" | "login" | "sso" | "logout"
  > {
  /** The signed-in commenter, or null. */
  readonly commenter: PublicCommenter | null
}

// The server renders signed out (it has no session): so does hydration.
const signedOut: AuthSnapshot = { commenter: null }
const server = () => signedOut

/**
 * The signed-in commenter (null when signed out; also while hydrating, to
 * match the server's HTML) and the sign-in actions of the client.
 *
 * @since 0.1.0
 * @category hooks
 * @example
 * const { commenter, guest, logout } = useCommenter()
 * if (!commenter) await guest({ displayName: "Ann" })
 */
export function useCommenter(): UseCommenterResult {
  const client = useKommies()
  const { commenter } = useSyncExternalStore(client.subscribe, client.getSnapshot, server)
  const { guest, register, verify, resend, login, sso, logout } = client
  return { commenter, guest, register, verify, resend, login, sso, logout }
}
