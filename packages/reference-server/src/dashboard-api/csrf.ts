/**
 * Cross-site request forgery defences of the dashboard API.
 *
 * Every state-changing request must come from this server's own origin
 * (`Origin`, else `Referer`, equal to the public URL's origin). Routes that
 * act on the refresh cookie alone (`/refresh`, `/logout`) also need the
 * double-submit token: the `kommies_csrf` cookie set by `GET /config` sent
 * back as `X-CSRF-Token`, compared in constant time. SameSite=Strict cookies
 * are the first line; these hold when a browser or a proxy gets it wrong.
 *
 * @since 0.1.0
 */
import { randomBytes, timingSafeEqual } from "node:crypto"
import type { FastifyReply, FastifyRequest } from "fastify"
import type { AppContext } from "../AppContext.js"
import { problem } from "./problems.js"
import { cookieOptions } from "./session.js"

/** The double-submit cookie. @since 0.1.0 @category constants */
export const CSRF_COOKIE = "kommies_csrf"
/** The header that repeats it. @since 0.1.0 @category constants */
export const CSRF_HEADER = "x-csrf-token"

const tokenPattern = /^[A-Za-z0-9_-]{43}$/

const failed = (why: string) => problem(403, "csrf_failed", why)

/**
 * The CSRF token for this browser: the one its cookie already holds (so
 * several tabs agree), or a new random one; either way the cookie is (re)set.
 *
 * @since 0.1.0
 * @category tokens
 */
export const issueToken = (
  request: FastifyRequest,
  reply: FastifyReply,
  app: AppContext,
  path: string,
): string => {
  const current = request.cookies[CSRF_COOKIE]
  const token =
    current !== undefined && tokenPattern.test(current)
      ? current
      : randomBytes(32).toString("base64url")
  reply.setCookie(CSRF_COOKIE, token, cookieOptions(app, path))
  return token
}

const originOf = (value: string): string | null => {
  try {
    return new URL(value).origin
  } catch {
    return null
  }
}

/**
 * Whether the request says it comes from this server's origin: `Origin`
 * when the browser sent one, else the origin of `Referer`. Neither is a no.
 *
 * @since 0.1.0
 * @category checks
 */
export const isSameOrigin = (app: AppContext, request: FastifyRequest): boolean => {
  const expected = originOf(app.publicUrl)
  const origin = request.headers.origin
  if (origin !== undefined && origin !== "") return origin === expected
  const referer = request.headers.referer
  if (referer !== undefined && referer !== "") return originOf(referer) === expected
  return false
}

const writes = new Set(["POST", "PUT", "PATCH", "DELETE"])

/**
 * Refuses a state-changing request from another origin (403 `csrf_failed`).
 *
 * @since 0.1.0
 * @category checks
 */
export const checkOrigin = (app: AppContext, request: FastifyRequest): void => {
  if (writes.has(request.method) && !isSameOrigin(app, request))
    throw failed("The request must come from this server's dashboard (Origin)")
}

/**
 * Refuses a request without the double-submit token (403 `csrf_failed`):
 * the header must equal the cookie.
 *
 * @since 0.1.0
 * @category checks
 */
export const checkToken = (request: FastifyRequest): void => {
  const cookie = request.cookies[CSRF_COOKIE]
  const header = request.headers[CSRF_HEADER]
  if (cookie === undefined || !tokenPattern.test(cookie))
    throw failed("No CSRF cookie: load GET /config first")
  if (typeof header !== "string" || header === "") throw failed("Send the X-CSRF-Token header")
  const a = Buffer.from(cookie)
  const b = Buffer.from(header)
  if (a.length !== b.length || !timingSafeEqual(a, b))
    throw failed("The X-CSRF-Token header does not match the CSRF cookie")
}
