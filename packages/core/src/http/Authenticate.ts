/**
 * The middlewares behind `Authenticate` and `SiteOnly`: find the site, apply
 * CORS, find the actor, spend the rate limit, meter the API call.
 *
 * The site and actor come from one of: the site's secret key (owner); a
 * dashboard account token with `X-Kommies-Site: <site id>` (the account's role
 * on that site, from `Accounts.actorOn`); or the public key, with a commenter
 * token or the host's identity.
 *
 * @since 0.1.0
 */
import { HttpApp, HttpServerRequest, HttpServerResponse } from "@effect/platform"
import { decodeJwt } from "jose"
import { Context, Effect, Layer, Option } from "effect"
import { CommenterStore } from "../ports/CommenterStore.js"
import { RateLimiter } from "../ports/RateLimiter.js"
import { SiteStore } from "../ports/SiteStore.js"
import { TeamStore } from "../ports/TeamStore.js"
import type { Site } from "../domain/Site.js"
import type { SiteId } from "../Ids.js"
import { Forbidden, type KommiesError, Unauthorized } from "../Errors.js"
import * as Accounts from "../services/Accounts.js"
import type { Services } from "../Kommies.js"
import * as Actor from "../services/Actor.js"
import * as CommenterAuth from "../services/CommenterAuth.js"
import { Metering } from "../services/Metering.js"
import * as Sites from "../services/Sites.js"
import { DASHBOARD_AUDIENCE, Tokens } from "../services/Tokens.js"
import { Authenticate, type CallerShape, RequestInfoTag, SiteOnly } from "./Caller.js"
import { HttpConfig } from "./Config.js"
import * as Cors from "./Cors.js"
import * as Problem from "./Problem.js"
import * as RateLimits from "./RateLimits.js"

/** The header that names the site a dashboard account acts on. */
const siteHeader = "x-kommies-site"

const siteHeaderRequired = Problem.make(
  400,
  "site_header_required",
  "A dashboard account token needs the site it acts on: X-Kommies-Site: <site id>",
)

const accountTokenRequired = new Unauthorized({
  code: "account_token_required",
  message: "X-Kommies-Site needs a dashboard account: Authorization: Bearer <account access token>",
})

/**
 * Whether a bearer token claims to be a dashboard account token. Only a hint
 * for a clear error (nothing is trusted before `verifyAccount`), and cheaper
 * than a second signature check on every commenter request.
 */
const claimsDashboard = (token: string): boolean => {
  try {
    const { aud } = decodeJwt(token)
    return aud === DASHBOARD_AUDIENCE || (Array.isArray(aud) && aud.includes(DASHBOARD_AUDIENCE))
  } catch {
    return false
  }
}

const keyRequired = new Unauthorized({
  code: "key_required",
  message: "Name the site: X-Kommies-Key: kp_… (or ?key=), or Authorization: Bearer ks_…",
})

/** The token of an `Authorization: Bearer …` header; null without one. */
const bearerOf = (header: string | undefined): Effect.Effect<string | null, Unauthorized> => {
  if (header === undefined || header === "") return Effect.succeed(null)
  const match = /^Bearer[ ]+([A-Za-z0-9._~+/=-]{1,4096})$/i.exec(header.trim())
  return match?.[1] === undefined
    ? Effect.fail(
        new Unauthorized({
          code: "authorization_invalid",
          message: "Authorization must be `Bearer <token>`",
        }),
      )
    : Effect.succeed(match[1])
}

const publicKeyOf = (request: HttpServerRequest.HttpServerRequest): string | null => {
  const header = request.headers["x-kommies-key"]
  if (header !== undefined && header !== "") return header
  const at = request.url.indexOf("?")
  if (at === -1) return null
  return new URLSearchParams(request.url.slice(at + 1)).get("key")
}

const applyCors = (request: HttpServerRequest.HttpServerRequest, site: Site, trustProxy: boolean) =>
  Effect.gen(function* () {
    const verdict = Cors.decide(request, site, trustProxy)
    if (verdict === "refused" && Cors.isWrite(request.method))
      return yield* new Forbidden({
        code: "origin_forbidden",
        message: "This origin is not among the site's allowed origins",
      })
    const origin = request.headers.origin ?? ""
    const read = request.method === "GET"
    // One pre-response handler for every response of a site route: CORS, and
    // `no-store` for reads that did not choose their own caching.
    yield* HttpApp.appendPreResponseHandler((_request, response) =>
      Effect.succeed(
        HttpServerResponse.setHeaders(response, {
          vary: response.headers.vary ?? "Origin",
          ...(verdict === "allowed" ? Cors.responseHeaders(origin) : {}),
          ...(read && response.headers["cache-control"] === undefined
            ? { "cache-control": "private, no-store" }
            : {}),
        }),
      ),
    )
  })

/**
 * CORS for a failure before the site is known (no key, an unknown or rotated
 * key, a bad token): the problem says nothing about any site, so any origin
 * may read it, as the preflight already allowed; the widget can then tell
 * the page's author that the key is not valid.
 */
const corsBeforeSite = (request: HttpServerRequest.HttpServerRequest, trustProxy: boolean) =>
  Cors.decide(request, null, trustProxy) === "allowed"
    ? HttpApp.appendPreResponseHandler((_request, response) =>
        Effect.succeed(
          HttpServerResponse.setHeaders(response, {
            vary: response.headers.vary ?? "Origin",
            ...Cors.responseHeaders(request.headers.origin ?? ""),
          }),
        ),
      )
    : Effect.void

const resolve = (withActor: boolean) =>
  Effect.gen(function* () {
    const request = yield* HttpServerRequest.HttpServerRequest
    const config = yield* HttpConfig
    return yield* findCaller(request, config.trustProxy, withActor).pipe(
      Effect.tapError((failure) =>
        failure.siteKnown ? Effect.void : corsBeforeSite(request, config.trustProxy),
      ),
      Effect.mapError((failure) => failure.error),
    )
  }).pipe(
    Effect.mapError((error: KommiesError | Problem.Problem) =>
      error instanceof Problem.Problem ? error : Problem.fromError(error),
    ),
  )

/** A failure of `findCaller`, and whether the site's own CORS rule applied by then. */
interface Failed {
  readonly error: KommiesError | Problem.Problem
  readonly siteKnown: boolean
}

const findCaller = (
  request: HttpServerRequest.HttpServerRequest,
  trustProxy: boolean,
  withActor: boolean,
) => {
  let siteKnown = false
  return Effect.gen(function* () {
    const info = Option.getOrNull(yield* Effect.serviceOption(RequestInfoTag))
    const config = yield* HttpConfig
    const bearer = yield* bearerOf(request.headers.authorization)
    let site: Site
    let actor: Actor.Actor | null = null
    const named = request.headers[siteHeader]
    if (named !== undefined && named !== "" && !bearer?.startsWith("ks_")) {
      // A dashboard account acting on a site it has a role on, with that role.
      if (bearer === null) return yield* accountTokenRequired
      const { accountId } = yield* (yield* Tokens).verifyAccount(bearer)
      const found = yield* Accounts.onSite(accountId, named as SiteId)
      site = found.site
      // Sign-in routes act as nobody, whoever calls them.
      actor = withActor ? found.actor : Actor.anonymous(site.id)
      const key = publicKeyOf(request)
      if (key !== null && key !== site.publicKey)
        return yield* new Unauthorized({
          code: "key_mismatch",
          message: "The public key and X-Kommies-Site name different sites",
        })
    } else if (bearer !== null && claimsDashboard(bearer)) {
      return yield* Effect.fail(siteHeaderRequired)
    } else if (bearer?.startsWith("ks_")) {
      site = yield* Sites.bySecretKey(bearer)
      const publicKey = publicKeyOf(request)
      if (
        (publicKey !== null && publicKey !== site.publicKey) ||
        (named !== undefined && named !== "" && named !== site.id)
      )
        return yield* new Unauthorized({
          code: "key_mismatch",
          message: "The public key and the secret key belong to different sites",
        })
      actor = Actor.secretKey(site.id)
    } else {
      const key = publicKeyOf(request)
      if (key === null) return yield* keyRequired
      site = yield* Sites.byPublicKey(key)
    }
    siteKnown = true
    yield* applyCors(request, site, trustProxy)
    if (actor === null) {
      if (withActor && bearer !== null) actor = yield* CommenterAuth.actorFromToken(site.id, bearer)
      else if (withActor && info?.identity)
        actor = yield* CommenterAuth.identify(site.id, info.identity)
      else actor = Actor.anonymous(site.id)
    }
    const ip = RateLimits.clientIp(request.headers, info?.remoteAddress ?? null, config.trustProxy)
    yield* RateLimits.consume(site, actor, ip, "request")
    yield* Effect.flatMap(Metering, (m) => m.guard(site.id, "apiCalls"))
    const caller: CallerShape = { site, actor, ip }
    return caller
  }).pipe(
    Effect.mapError((error: KommiesError | Problem.Problem): Failed => ({ error, siteKnown })),
  )
}

/** Just the services `resolve` uses: providing a small context per request is cheap. */
const needed = Effect.map(
  Effect.context<Services | HttpConfig>(),
  Context.pick(SiteStore, TeamStore, CommenterStore, Tokens, RateLimiter, Metering, HttpConfig),
)

/**
 * Provides `Authenticate` over the Kommies services.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerAuthenticate = Layer.effect(
  Authenticate,
  Effect.map(needed, (context) => Effect.provide(resolve(true), context)),
)

/**
 * Provides `SiteOnly` over the Kommies services.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerSiteOnly = Layer.effect(
  SiteOnly,
  Effect.map(needed, (context) => Effect.provide(resolve(false), context)),
)
