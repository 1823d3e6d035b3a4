/**
 * Handlers of the sign-in routes: each a thin call into CommenterAuth.
 * Sign-in attempts spend the stricter posting budget of the rate limits.
 *
 * @since 0.1.0
 */
import { HttpApiBuilder } from "@effect/platform"
import { Effect } from "effect"
import { NotFound } from "../Errors.js"
import { secureToken } from "../Ids.js"
import * as CommenterAuth from "../services/CommenterAuth.js"
import { KommiesApi } from "./Api.js"
import { Caller } from "./Caller.js"
import { HttpConfig } from "./Config.js"
import { orProblem } from "./Problem.js"
import * as RateLimits from "./RateLimits.js"

/** The site of the call, after spending one sign-in attempt. */
const attempt = Effect.gen(function* () {
  const { site, actor, ip } = yield* Caller
  yield* RateLimits.consume(site, actor, ip, "post")
  return site.id
})

/**
 * The sign-in routes.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = HttpApiBuilder.group(KommiesApi, "auth", (handlers) =>
  handlers
    .handle("guest", ({ payload }) =>
      Effect.flatMap(attempt, (siteId) =>
        CommenterAuth.guest(siteId, {
          displayName: payload.displayName,
          email: payload.email ?? null,
        }),
      ).pipe(orProblem),
    )
    .handle("register", ({ payload }) =>
      Effect.flatMap(attempt, (siteId) => CommenterAuth.register(siteId, payload)).pipe(orProblem),
    )
    .handle("verify", ({ payload }) =>
      Effect.flatMap(attempt, (siteId) =>
        CommenterAuth.verifyEmail(siteId, payload.challengeId, payload.code),
      ).pipe(orProblem),
    )
    .handle("resend", ({ payload }) =>
      Effect.gen(function* () {
        const siteId = yield* attempt
        const { challengeId } = yield* CommenterAuth.resendCode(siteId, payload.email)
        // An unknown or verified email gets an id that looks the same and
        // matches no code, so the answer tells nobody which emails are known.
        return { challengeId: challengeId ?? (yield* secureToken(16)) }
      }).pipe(orProblem),
    )
    .handle("login", ({ payload }) =>
      Effect.flatMap(attempt, (siteId) =>
        CommenterAuth.login(siteId, payload.email, payload.password),
      ).pipe(orProblem),
    )
    .handle("refresh", ({ payload }) =>
      Effect.flatMap(Caller, ({ site }) =>
        CommenterAuth.refresh(site.id, payload.refreshToken),
      ).pipe(orProblem),
    )
    .handle("logout", ({ payload }) => CommenterAuth.logout(payload.refreshToken).pipe(orProblem))
    .handle("sso", ({ payload }) =>
      Effect.gen(function* () {
        const config = yield* HttpConfig
        if (config.sso === null)
          return yield* new NotFound({
            code: "sso_disabled",
            message: "Single sign-on is not configured on this server",
          })
        const siteId = yield* attempt
        return yield* CommenterAuth.sso(siteId, payload.token, config.sso.key, config.sso.options)
      }).pipe(orProblem),
    )
    .handle("me", () =>
      Effect.flatMap(Caller, ({ actor }) => CommenterAuth.me(actor)).pipe(orProblem),
    ),
)
