/**
 * The web handler's own settings, as the routes see them.
 *
 * @since 0.1.0
 */
import { Context } from "effect"
import type { SsoKey, SsoOptions } from "../services/Tokens.js"
import type { OAuthProvider } from "./OAuth.js"

/**
 * Rate limits that replace the site's settings (requests per window).
 *
 * @since 0.1.0
 * @category models
 */
export interface RateLimitOverrides {
  /** Per client address, for callers who are not signed in. */
  readonly anonymousPerMinute?: number
  /** Per commenter. */
  readonly signedInPerMinute?: number
  /** Posting comments and signing in, per commenter (or address). */
  readonly postsPerMinute?: number
  /** The window, default one minute. */
  readonly windowMs?: number
}

/**
 * Settings of the web handler, with defaults applied.
 *
 * @since 0.1.0
 * @category models
 */
export interface HttpConfigShape {
  /** The mount prefix without a trailing slash (`""` at the root). */
  readonly prefix: string
  readonly maxBodyBytes: number
  readonly sso: { readonly key: SsoKey; readonly options: SsoOptions | undefined } | null
  /** OAuth/OIDC providers of `/auth/oauth/{provider}`, by name. */
  readonly oauth: Readonly<Record<string, OAuthProvider>>
  readonly trustProxy: boolean
  /** `false`: no rate limits at all. */
  readonly rateLimits: RateLimitOverrides | false
  readonly heartbeatMs: number
  /** Cache encoded first pages of threads for anonymous readers. */
  readonly pageCache: boolean
}

/** @since 0.1.0 @category tags */
export class HttpConfig extends Context.Tag("@kommies/core/http/HttpConfig")<
  HttpConfig,
  HttpConfigShape
>() {}

/**
 * Normalizes a mount prefix: leading slash, no trailing slash, `""` for the root.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * normalizePrefix("kommies/") // "/kommies"
 */
export const normalizePrefix = (prefix: string | undefined): string => {
  const trimmed = (prefix ?? "").trim().replace(/\/+$/, "")
  if (trimmed === "") return ""
  return trimmed.startsWith("/") ? trimmed : `/${trimmed}`
}

/** A segment of a mount prefix: letters, digits, `_`, `-`, `.`, `~`, and not only dots. */
const segment = /^(?!\.+$)[A-Za-z0-9._~-]+$/

/**
 * Whether a normalized prefix is a plain path (`/`-separated segments of
 * letters, digits, `_`, `-`, `.` and `~`, no `.`/`..` segment, at most 256
 * characters): nothing a link could be bent with (`//host`, `..`, quotes,
 * percent-escapes).
 *
 * @since 0.1.0
 * @category predicates
 * @example
 * isMountPath("/api/kommies") // true
 * isMountPath("//evil.example") // false
 */
export const isMountPath = (prefix: string): boolean =>
  prefix.length <= 256 &&
  prefix.startsWith("/") &&
  prefix
    .slice(1)
    .split("/")
    .every((part) => segment.test(part))

/**
 * Where the API is mounted for this request: the forwarded prefix (the Node
 * bridge's, passed as `RequestContext.prefix`, or a trusted proxy's
 * `X-Forwarded-Prefix`), when it is a plain path ({@link isMountPath}) that
 * ends with the configured prefix (a proxy in front may add its own part);
 * else the configured prefix. With no configured prefix, any plain path
 * forwarded is taken: the prefix is written once, where the host mounts the
 * adapter.
 *
 * @since 0.1.0
 * @category getters
 * @example
 * mountOf("/api/kommies", "/kommies") // "/api/kommies"
 * mountOf("/elsewhere", "/kommies") // "/kommies"
 * mountOf("/kommies", "") // "/kommies"
 * mountOf("//evil.example", "") // ""
 */
export const mountOf = (forwarded: string | null | undefined, configured: string): string => {
  if (forwarded === null || forwarded === undefined || forwarded.length > 256) return configured
  const normalized = normalizePrefix(forwarded)
  if (normalized === "" || !isMountPath(normalized)) return configured
  return normalized.endsWith(configured) ? normalized : configured
}
