/**
 * CORS per site: a browser origin may call a site's routes only when the
 * site's allowed origins say so (`Sites.allowsOrigin`); the page's own origin
 * always may. A refused origin gets no `Access-Control-Allow-Origin`, and its
 * writes are refused outright (403 `origin_forbidden`), so a cross-site form
 * cannot act for a signed-in user.
 *
 * @since 0.1.0
 */
import type { HttpServerRequest } from "@effect/platform"
import type { Site } from "../domain/Site.js"
import { allowsOrigin } from "../services/Sites.js"

/** Request headers a browser may send cross-origin. @since 0.1.0 @category constants */
export const allowedHeaders =
  "Authorization, Content-Type, X-Kommies-Key, X-Kommies-Site, Last-Event-ID, X-Request-Id"

/** Response headers a browser script may read. @since 0.1.0 @category constants */
export const exposedHeaders =
  "X-Request-Id, X-Process-Time, ETag, Retry-After, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset"

/**
 * The origin this request was sent to, as the browser sees it (forwarded
 * headers count only behind a trusted proxy).
 *
 * @since 0.1.0
 * @category getters
 */
export const selfOrigin = (
  request: HttpServerRequest.HttpServerRequest,
  trustProxy: boolean,
): string | null => {
  const source = request.source as Request | undefined
  let url: URL
  try {
    url = new URL(source?.url ?? request.url, "http://localhost")
  } catch {
    return null
  }
  const host =
    (trustProxy && request.headers["x-forwarded-host"]) || request.headers.host || url.host
  const proto = (trustProxy && request.headers["x-forwarded-proto"]) || url.protocol.slice(0, -1)
  return originOf(proto, host)
}

/**
 * `proto://host` from header values (the first of comma-separated lists).
 *
 * @since 0.1.0
 * @category getters
 */
export const originOf = (proto: string, host: string): string =>
  `${proto.split(",")[0]?.trim()}://${host.split(",")[0]?.trim()}`

/**
 * What to do about the request's `Origin`: `none` (no Origin, or the page's
 * own), `allowed` (echo it), or `refused`.
 *
 * @since 0.1.0
 * @category rules
 */
export const decide = (
  request: HttpServerRequest.HttpServerRequest,
  site: Site | null,
  trustProxy: boolean,
): "none" | "allowed" | "refused" =>
  decideOrigin(request.headers.origin, () => selfOrigin(request, trustProxy), site)

/**
 * {@link decide} over plain values: the request's `Origin`, the origin it was
 * sent to (asked only when needed), and the site.
 *
 * @since 0.1.0
 * @category rules
 */
export const decideOrigin = (
  origin: string | undefined,
  self: () => string | null,
  site: Site | null,
): "none" | "allowed" | "refused" => {
  if (origin === undefined || origin === "") return "none"
  if (origin === self()) return "none"
  if (site === null) return "allowed"
  return allowsOrigin(site, origin) ? "allowed" : "refused"
}

/**
 * The headers of a response to an allowed cross-origin request.
 *
 * @since 0.1.0
 * @category headers
 */
export const responseHeaders = (origin: string): Record<string, string> => ({
  "access-control-allow-origin": origin,
  "access-control-expose-headers": exposedHeaders,
})

/** Whether a method changes things (and so is refused from a refused origin). @since 0.1.0 @category predicates */
export const isWrite = (method: string): boolean =>
  method !== "GET" && method !== "HEAD" && method !== "OPTIONS"
