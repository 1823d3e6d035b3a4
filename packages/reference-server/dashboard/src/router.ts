/**
 * Hash routing (`#/sites/<id>/moderation`): the server serves one index.html
 * at `/dashboard/` and needs no list of routes.
 */
import { useSyncExternalStore } from "react"

export interface Route {
  /** Path segments, decoded: `["sites", "st_1", "moderation"]`. */
  readonly segments: ReadonlyArray<string>
  readonly params: URLSearchParams
  /** The path as written after `#`, for `?next=`. */
  readonly path: string
}

const subscribe = (listener: () => void) => {
  window.addEventListener("hashchange", listener)
  return () => window.removeEventListener("hashchange", listener)
}

export const parse = (hash: string): Route => {
  const path = hash.replace(/^#/, "") || "/"
  const [pathname = "/", search = ""] = path.split("?", 2)
  const segments = pathname
    .split("/")
    .filter((segment) => segment !== "")
    .map((segment) => {
      try {
        return decodeURIComponent(segment)
      } catch {
        return segment
      }
    })
  return { segments, params: new URLSearchParams(search), path }
}

/** The current route, following `hashchange`. */
export const useRoute = (): Route => parse(useSyncExternalStore(subscribe, () => location.hash))

/** A link target for a dashboard path: `href("/sites")` → `#/sites`. */
export const href = (path: string) => `#${path}`

/** Goes to a dashboard path. */
export const navigate = (path: string) => {
  location.hash = path
}

/** A site's screen: `sitePath("st_1", "keys")` → `/sites/st_1/keys`. */
export const sitePath = (siteId: string, ...rest: ReadonlyArray<string>) =>
  ["/sites", encodeURIComponent(siteId), ...rest.map(encodeURIComponent)].join("/")

/** Only dashboard paths are followed after sign-in, never another origin. */
export const safeNext = (next: string | null) =>
  next?.startsWith("/") && !next.startsWith("//") ? next : "/sites"
