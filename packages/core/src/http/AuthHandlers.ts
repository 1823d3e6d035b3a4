/**
 * Handlers of the sign-in routes: each a thin call into CommenterAuth.
 * Sign-in attempts spend the stricter posting budget of the rate limits.
 *
 * @since 0.1.0
 */
import { HttpApiBuilder, HttpServerRequest, HttpServerResponse } from "@effect/platform"
import { Effect, Option } from "effect"
import { NotFound } from "../Errors.js"
import { secureToken } from "../Ids.js"
import { constantTimeEqual, sha256Hex } from "../internal/crypto.js"
import * as CommenterAuth from "../services/CommenterAuth.js"
import * as Sites from "../services/Sites.js"
import { Tokens } from "../services/Tokens.js"
import { KommiesApi } from "./Api.js"
import { Caller, RequestInfoTag } from "./Caller.js"
import { HttpConfig } from "./Config.js"
import { selfOrigin } from "./Cors.js"
import * as OAuth from "./OAuth.js"
import * as Problem from "./Problem.js"
import * as RateLimits from "./RateLimits.js"

/** The site of the call, after spending one sign-in attempt. */
const attempt = Effect.gen(function* () {
  const { site, actor, ip } = yield* Caller
  yield* RateLimits.consume(site, actor, ip, "post")
  return site.id
})

/** The configured OAuth provider of that name, or 404 `oauth_provider_unknown`. */
const providerOf = (name: string) =>
  Effect.flatMap(HttpConfig, (config) =>
    Object.hasOwn(config.oauth, name)
      ? Effect.succeed(config.oauth[name] as OAuth.OAuthProvider)
      : Effect.fail(
          Problem.make(404, "oauth_provider_unknown", `No OAuth provider "${name}" is configured`),
        ),
  )

/** This API's absolute callback URL for a provider, from the request URL and the mount. */
const callbackUrl = (provider: string) =>
  Effect.gen(function* () {
    const config = yield* HttpConfig
    const request = yield* HttpServerRequest.HttpServerRequest
    const info = yield* Effect.serviceOption(RequestInfoTag)
    const mount = Option.match(info, {
      onNone: () => config.prefix,
      onSome: (i) => i.mount ?? config.prefix,
    })
    const origin = selfOrigin(request, config.trustProxy) ?? "http://localhost"
    return `${origin}${mount}/auth/oauth/${encodeURIComponent(provider)}/callback`
  })

const returnToInvalid = () =>
  Problem.make(
    400,
    "return_to_invalid",
    "returnTo must be an absolute URL on one of the site's allowed origins",
  )

const redirect = (location: string) =>
  HttpServerResponse.empty({
    status: 302,
    headers: { location, "cache-control": "no-store", "referrer-policy": "no-referrer" },
  })

/** The cookie that keeps the PKCE verifier in the browser that started a sign-in. */
const verifierCookie = "kommies_oauth"

const oauthCookiePath = (provider: string) =>
  Effect.map(callbackUrl(provider), (url) => new URL(url).pathname.replace(/\/callback$/, ""))

const stateInvalid = () =>
  Problem.make(
    400,
    "oauth_state_invalid",
    "The sign-in attempt is not valid or has expired; start again",
  )

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
      ).pipe(Problem.orProblem),
    )
    .handle("register", ({ payload }) =>
      Effect.flatMap(attempt, (siteId) => CommenterAuth.register(siteId, payload)).pipe(
        Problem.orProblem,
      ),
    )
    .handle("verify", ({ payload }) =>
      Effect.flatMap(attempt, (siteId) =>
        CommenterAuth.verifyEmail(siteId, payload.challengeId, payload.code),
      ).pipe(Problem.orProblem),
    )
    .handle("resend", ({ payload }) =>
      Effect.gen(function* () {
        const siteId = yield* attempt
        const { challengeId } = yield* CommenterAuth.resendCode(siteId, payload.email)
        // An unknown or verified email gets an id that looks the same and
        // matches no code, so the answer tells nobody which emails are known.
        return { challengeId: challengeId ?? (yield* secureToken(16)) }
      }).pipe(Problem.orProblem),
    )
    .handle("login", ({ payload }) =>
      Effect.flatMap(attempt, (siteId) =>
        CommenterAuth.login(siteId, payload.email, payload.password),
      ).pipe(Problem.orProblem),
    )
    .handle("refresh", ({ payload }) =>
      Effect.flatMap(Caller, ({ site }) =>
        CommenterAuth.refresh(site.id, payload.refreshToken),
      ).pipe(Problem.orProblem),
    )
    .handle("logout", ({ payload }) =>
      CommenterAuth.logout(payload.refreshToken).pipe(Problem.orProblem),
    )
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
      }).pipe(Problem.orProblem),
    )
    .handle("oauth", ({ path, urlParams }) =>
      Effect.gen(function* () {
        const provider = yield* providerOf(path.provider)
        const { site } = yield* Caller
        if (!OAuth.returnToAllowed(urlParams.returnTo, site.allowedOrigins))
          return yield* Effect.fail(returnToInvalid())
        const siteId = yield* attempt
        const codeVerifier = yield* secureToken(32)
        const state = yield* (yield* Tokens).signOAuthState({
          siteId,
          provider: path.provider,
          returnTo: urlParams.returnTo,
          verifierHash: sha256Hex(codeVerifier),
        })
        const location = new URL(provider.authorizationEndpoint)
        const params = {
          response_type: "code",
          client_id: provider.clientId,
          redirect_uri: yield* callbackUrl(path.provider),
          scope: provider.scope ?? "openid profile email",
          state: state.token,
          code_challenge: yield* OAuth.codeChallenge(codeVerifier),
          code_challenge_method: "S256",
        }
        for (const [name, value] of Object.entries(params)) location.searchParams.set(name, value)
        const secure = params.redirect_uri.startsWith("https:")
        return HttpServerResponse.unsafeSetCookie(
          redirect(location.toString()),
          verifierCookie,
          codeVerifier,
          {
            httpOnly: true,
            secure,
            sameSite: "lax",
            path: yield* oauthCookiePath(path.provider),
            maxAge: "10 minutes",
          },
        )
      }).pipe(Problem.orProblem),
    )
    .handle("oauthCallback", ({ path, urlParams }) =>
      Effect.gen(function* () {
        const provider = yield* providerOf(path.provider)
        const state = yield* (yield* Tokens).verifyOAuthState(urlParams.state ?? "")
        const request = yield* HttpServerRequest.HttpServerRequest
        const codeVerifier = request.cookies[verifierCookie] ?? ""
        // Only the browser that started this sign-in holds the verifier.
        if (
          state.provider !== path.provider ||
          !constantTimeEqual(sha256Hex(codeVerifier), state.verifierHash)
        )
          return yield* Effect.fail(stateInvalid())
        if (urlParams.error !== undefined)
          return yield* Effect.fail(
            Problem.make(
              502,
              "oauth_provider_error",
              `The provider refused the sign-in: ${urlParams.error.slice(0, 100)}`,
            ),
          )
        if (urlParams.code === undefined || urlParams.code === "")
          return yield* Effect.fail(
            Problem.make(400, "oauth_code_missing", "The provider sent no code"),
          )
        const site = yield* Sites.get(state.siteId)
        if (!OAuth.returnToAllowed(state.returnTo, site.allowedOrigins))
          return yield* Effect.fail(returnToInvalid())
        const profile = yield* OAuth.exchange(provider, {
          code: urlParams.code,
          redirectUri: yield* callbackUrl(path.provider),
          codeVerifier,
        })
        const session = yield* CommenterAuth.oauth(site.id, path.provider, profile)
        return redirect(OAuth.withSession(state.returnTo, session))
      }).pipe(
        Effect.mapError((e) =>
          e instanceof Problem.Problem
            ? e
            : e._tag === "Unauthorized" && e.code === "oauth_state_invalid"
              ? Problem.make(400, e.code, e.message)
              : Problem.fromError(e),
        ),
      ),
    )
    .handle("me", () =>
      Effect.flatMap(Caller, ({ actor }) => CommenterAuth.me(actor)).pipe(Problem.orProblem),
    ),
)
