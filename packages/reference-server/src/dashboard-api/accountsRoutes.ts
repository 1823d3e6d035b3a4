/**
 * Routes of dashboard accounts: the config the app starts from, sign-up with
 * an emailed code, sign-in, the refresh cookie's rotation, sign-out and
 * password reset.
 *
 * @since 0.1.0
 */
import { Accounts } from "@kommies/core"
import type { FastifyInstance, FastifyReply } from "fastify"
import * as Bodies from "./bodies.js"
import type { ChallengeInfo, DashboardConfig, SessionInfo } from "./contract.js"
import { checkToken, issueToken } from "./csrf.js"
import type { RouteDeps } from "./options.js"
import { fromServiceError, problem } from "./problems.js"
import { spend } from "./rateLimits.js"
import { endSession, refreshTokenOf, startSession } from "./session.js"
import { claimIfUnowned } from "./standaloneOwner.js"

/** Where the comments API is mounted by the server. */
const API_BASE = "/api"

/**
 * Registers `GET /config`, `POST /signup`, `/verify`, `/verify/resend`, `/login`, `/refresh`,
 * `/logout`, `/reset` and `/reset/confirm`.
 *
 * @since 0.1.0
 * @category routes
 */
export const accountsRoutes = (fastify: FastifyInstance, deps: RouteDeps): void => {
  const { app, mountPath, rateLimits } = deps
  const run = app.kommies.run

  const signedIn = async (
    reply: FastifyReply,
    session: Accounts.AccountSession,
  ): Promise<SessionInfo> => {
    // Standalone: the first account to confirm its email owns the one site.
    await claimIfUnowned(app, session.account)
    return startSession(reply, app, mountPath, session)
  }

  fastify.get("/config", async (request, reply): Promise<DashboardConfig> => {
    return {
      mode: app.mode,
      billingEnabled: app.billingEnabled,
      apiBase: API_BASE,
      publicUrl: app.publicUrl,
      csrfToken: issueToken(request, reply, app, mountPath),
      version: deps.version,
    }
  })

  fastify.post("/signup", async (request): Promise<ChallengeInfo> => {
    const body = Bodies.decodeBody(Bodies.SignUpRequest, request.body)
    await spend(app, rateLimits, "signup", request.ip, body.email)
    const challenge = await run(Accounts.signUp(body))
    return { challengeId: challenge.challengeId }
  })

  fastify.post("/verify", async (request, reply): Promise<SessionInfo> => {
    const body = Bodies.decodeBody(Bodies.VerifyRequest, request.body)
    await spend(app, rateLimits, "verify", request.ip, body.challengeId)
    return signedIn(reply, await run(Accounts.verify(body.challengeId, body.code)))
  })

  fastify.post("/verify/resend", async (request): Promise<ChallengeInfo> => {
    const body = Bodies.decodeBody(Bodies.ResendVerificationRequest, request.body)
    await spend(app, rateLimits, "resend", request.ip, body.challengeId)
    return { challengeId: (await run(Accounts.resendVerification(body.challengeId))).challengeId }
  })

  fastify.post("/login", async (request, reply): Promise<SessionInfo> => {
    const body = Bodies.decodeBody(Bodies.LoginRequest, request.body)
    await spend(app, rateLimits, "login", request.ip, body.email)
    return signedIn(reply, await run(Accounts.login(body.email, body.password)))
  })

  fastify.post("/refresh", async (request, reply): Promise<SessionInfo> => {
    checkToken(request)
    const token = refreshTokenOf(request)
    if (token === null) {
      endSession(reply, app, mountPath)
      throw problem(401, "refresh_missing", "No session on this browser; sign in")
    }
    try {
      return startSession(reply, app, mountPath, await run(Accounts.refresh(token)))
    } catch (error) {
      // A refused token stays refused: drop it so the app shows sign-in.
      if (fromServiceError(error)?.problem.status === 401) endSession(reply, app, mountPath)
      throw error
    }
  })

  fastify.post("/logout", async (request, reply) => {
    checkToken(request)
    const token = refreshTokenOf(request)
    if (token !== null) await run(Accounts.logout(token))
    endSession(reply, app, mountPath)
    return reply.code(204).send()
  })

  fastify.post("/reset", async (request): Promise<ChallengeInfo> => {
    const body = Bodies.decodeBody(Bodies.ResetRequest, request.body)
    await spend(app, rateLimits, "reset", request.ip, body.email)
    const challenge = await run(Accounts.requestReset(body.email))
    return { challengeId: challenge.challengeId }
  })

  fastify.post("/reset/confirm", async (request, reply): Promise<SessionInfo> => {
    const body = Bodies.decodeBody(Bodies.ResetConfirmRequest, request.body)
    await spend(app, rateLimits, "reset", request.ip, body.challengeId)
    return signedIn(
      reply,
      await run(Accounts.resetPassword(body.challengeId, body.code, body.password)),
    )
  })
}
