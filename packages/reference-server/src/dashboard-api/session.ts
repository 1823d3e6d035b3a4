/**
 * Dashboard sessions: the refresh token lives in an HttpOnly, SameSite=Strict
 * cookie scoped to the dashboard API (script never sees it), and the
 * short-lived access token travels only in response bodies and in
 * `Authorization: Bearer` headers.
 *
 * @since 0.1.0
 */
import { Accounts, type Actor, type Ids } from "@kommies/core"
import type { FastifyReply, FastifyRequest } from "fastify"
import type { AppContext } from "../AppContext.js"
import type { AccountInfo, SessionInfo } from "./contract.js"
import { pathId } from "./bodies.js"
import { problem } from "./problems.js"

/** The refresh token's cookie. @since 0.1.0 @category constants */
export const REFRESH_COOKIE = "kommies_refresh"

/**
 * How long the browser keeps the refresh cookie: the sessions' default
 * lifetime. The server still refuses an expired or revoked token inside it.
 *
 * @since 0.1.0
 * @category constants
 */
export const REFRESH_MAX_AGE_SECONDS = 30 * 24 * 60 * 60

/**
 * Attributes shared by the dashboard's cookies: HttpOnly, SameSite=Strict,
 * only sent to the dashboard API, `Secure` on https.
 *
 * @since 0.1.0
 * @category cookies
 */
export const cookieOptions = (app: AppContext, path: string) =>
  ({ httpOnly: true, sameSite: "strict", secure: app.secureCookies, path }) as const

/** @since 0.1.0 @category conversions */
export const accountInfo = (account: Accounts.AccountView): AccountInfo => ({
  id: account.id,
  email: account.email,
  name: account.name,
  verified: account.verified,
})

/**
 * Puts a fresh session's refresh token in the cookie and answers with the
 * rest of it.
 *
 * @since 0.1.0
 * @category sessions
 */
export const startSession = (
  reply: FastifyReply,
  app: AppContext,
  path: string,
  session: Accounts.AccountSession,
): SessionInfo => {
  reply.setCookie(REFRESH_COOKIE, session.refreshToken, {
    ...cookieOptions(app, path),
    maxAge: REFRESH_MAX_AGE_SECONDS,
  })
  return {
    account: accountInfo(session.account),
    accessToken: session.accessToken,
    expiresAt: session.accessTokenExpiresAt,
  }
}

/** Removes the refresh cookie. @since 0.1.0 @category sessions */
export const endSession = (reply: FastifyReply, app: AppContext, path: string): void => {
  reply.clearCookie(REFRESH_COOKIE, cookieOptions(app, path))
}

/** The refresh token the browser sent, if any. @since 0.1.0 @category sessions */
export const refreshTokenOf = (request: FastifyRequest): string | null => {
  const token = request.cookies[REFRESH_COOKIE]
  return token === undefined || token === "" ? null : token
}

const bearer = /^Bearer[ ]+([A-Za-z0-9._~+/=-]{1,4096})$/i

/**
 * The signed-in account: `Authorization: Bearer <account access token>`,
 * checked by `Accounts.fromToken`. 401 `sign_in_required` without one.
 *
 * @since 0.1.0
 * @category sessions
 */
export const accountOf = async (
  app: AppContext,
  request: FastifyRequest,
): Promise<Accounts.AccountView> => {
  const header = request.headers.authorization
  if (header === undefined || header === "")
    throw problem(401, "sign_in_required", "Sign in: send Authorization: Bearer <access token>")
  const token = bearer.exec(header.trim())?.[1]
  if (token === undefined)
    throw problem(401, "authorization_invalid", "Authorization must be `Bearer <token>`")
  return app.kommies.run(Accounts.fromToken(token))
}

/**
 * The actor an account is on a site, with the role it holds there; a site
 * the account has no role on is 404 `site_not_found`, like a site that does
 * not exist.
 *
 * @since 0.1.0
 * @category sessions
 */
export const actorOn = (
  app: AppContext,
  account: Accounts.AccountView,
  siteId: string,
): Promise<Actor.Actor> => app.kommies.run(Accounts.actorOn(account.id, siteId as Ids.SiteId))

/**
 * The signed-in account and the actor it is on the site named by the path
 * (`:siteId`): 401 without a session, 404 `site_not_found` for a site it has
 * no role on.
 *
 * @since 0.1.0
 * @category sessions
 */
export const siteActorOf = async (
  app: AppContext,
  request: FastifyRequest,
): Promise<{
  readonly account: Accounts.AccountView
  readonly siteId: Ids.SiteId
  readonly actor: Actor.Actor
}> => {
  const account = await accountOf(app, request)
  const params = request.params as { readonly siteId?: string }
  const siteId = pathId(params.siteId, "site_not_found", "site") as Ids.SiteId
  return { account, siteId, actor: await actorOn(app, account, siteId) }
}
