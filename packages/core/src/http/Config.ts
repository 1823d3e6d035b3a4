/**
 * The web handler's own settings, as the routes see them.
 *
 * @since 0.1.0
 */
import { Context } from "effect"
import type { SsoKey, SsoOptions } from "../services/Tokens.js"

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

const pathPrefix = /^(\/[A-Za-z0-9._~!$&'()*+,;=:@%-]+)+$/

/**
 * Where the API is mounted for this request: the `X-Forwarded-Prefix` the Node
 * bridge (or a trusted proxy) sets, when it is a path that ends with the
 * configured prefix (a proxy in front may add its own part); else the
 * configured prefix.
 *
 * @since 0.1.0
 * @category getters
 * @example
 * mountOf("/api/kommies", "/kommies") // "/api/kommies"
 * mountOf("/elsewhere", "/kommies") // "/kommies"
 */
export const mountOf = (forwarded: string | null | undefined, configured: string): string => {
  if (forwarded === null || forwarded === undefined || forwarded.length > 256) return configured
  const normalized = normalizePrefix(forwarded)
  if (normalized === "" || !pathPrefix.test(normalized)) return configured
  return normalized.endsWith(configured) ? normalized : configured
}
