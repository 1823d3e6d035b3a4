/**
 * The dashboard's one connection to the server: the configuration, the
 * account session and every request. The access token lives in memory only;
 * the refresh token is an HttpOnly cookie the browser sends to
 * `/dashboard/api`, so a reload signs in again through `POST /refresh`.
 */
import { errorOf, KommiesError } from "@kommies/client"
import type {
  AccountInfo,
  DashboardConfig,
  SessionInfo,
} from "../../../src/dashboard-api/contract.js"

/** Where the dashboard API is mounted. */
export const DASHBOARD_API = "/dashboard/api"
/** Refresh this long before the access token expires. */
const REFRESH_AHEAD_MS = 60_000

export interface AuthState {
  readonly status: "booting" | "signedOut" | "signedIn" | "offline"
  readonly config: DashboardConfig | null
  readonly account: AccountInfo | null
}

let state: AuthState = { status: "booting", config: null, account: null }
let accessToken: string | null = null
let refreshTimer: ReturnType<typeof setTimeout> | undefined
let refreshing: Promise<boolean> | null = null
const listeners = new Set<() => void>()

const publish = (next: AuthState) => {
  state = next
  for (const listener of listeners) listener()
}

/** For `useSyncExternalStore`. */
export const subscribe = (listener: () => void) => {
  listeners.add(listener)
  return () => listeners.delete(listener)
}
export const snapshot = (): AuthState => state

/** Keeps a fresh session, or forgets it (null). */
export const setSession = (session: SessionInfo | null) => {
  clearTimeout(refreshTimer)
  accessToken = session?.accessToken ?? null
  if (session !== null) {
    const wait = Math.max(5_000, session.expiresAt - Date.now() - REFRESH_AHEAD_MS)
    refreshTimer = setTimeout(() => void refresh(), wait)
  }
  publish({
    ...state,
    status: session === null ? "signedOut" : "signedIn",
    account: session?.account ?? null,
  })
}

const isUnsafe = (method: string) => method !== "GET" && method !== "HEAD"

export interface Call {
  readonly method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE"
  readonly body?: unknown
  readonly headers?: Readonly<Record<string, string>>
}

const send = async (url: string, call: Call): Promise<Response> => {
  const method = call.method ?? "GET"
  const headers: Record<string, string> = { accept: "application/json", ...call.headers }
  if (call.body !== undefined) headers["content-type"] = "application/json"
  if (accessToken !== null) headers.authorization = `Bearer ${accessToken}`
  if (isUnsafe(method) && url.startsWith(DASHBOARD_API) && state.config !== null)
    headers["x-csrf-token"] = state.config.csrfToken
  try {
    return await fetch(url, {
      method,
      headers,
      credentials: "same-origin",
      ...(call.body !== undefined ? { body: JSON.stringify(call.body) } : {}),
    })
  } catch {
    throw new KommiesError(0, "network", "The server could not be reached. Check your connection.")
  }
}

/**
 * A request with the session: a 401 refreshes the session once and tries
 * again, since the access token may have just expired.
 */
export const request = async <A>(url: string, call: Call = {}): Promise<A> => {
  let response = await send(url, call)
  if (response.status === 401 && accessToken !== null && (await refresh()))
    response = await send(url, call)
  if (response.status === 401 && url.startsWith(DASHBOARD_API)) setSession(null)
  if (!response.ok) throw await errorOf(response)
  if (response.status === 204) return undefined as A
  const text = await response.text()
  return (text === "" ? undefined : JSON.parse(text)) as A
}

/** Asks for a new access token with the refresh cookie; false when signed out. */
export const refresh = (): Promise<boolean> => {
  refreshing ??= (async () => {
    try {
      const response = await send(`${DASHBOARD_API}/refresh`, { method: "POST" })
      if (!response.ok) {
        setSession(null)
        return false
      }
      setSession((await response.json()) as SessionInfo)
      return true
    } catch {
      // Unreachable server: keep what we have and try again on the next call.
      return accessToken !== null
    } finally {
      refreshing = null
    }
  })()
  return refreshing
}

/** Loads the configuration (and the CSRF cookie), then resumes a session if the cookie holds one. */
let booted = false
export const boot = async () => {
  if (booted) return
  booted = true
  try {
    const config = await request<DashboardConfig>(`${DASHBOARD_API}/config`)
    publish({ ...state, config })
  } catch {
    publish({ ...state, status: "offline" })
    return
  }
  await refresh()
}

/** Ends the session here and on the server. */
export const signOut = async () => {
  try {
    await request(`${DASHBOARD_API}/logout`, { method: "POST" })
  } finally {
    setSession(null)
  }
}

/** The configuration; only called once booted. */
export const config = (): DashboardConfig => {
  if (state.config === null) throw new Error("the dashboard has not loaded its configuration")
  return state.config
}
