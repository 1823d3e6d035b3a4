/**
 * The middlewares behind `Authenticate` and `SiteOnly`: find the site, apply
 * CORS, find the actor, spend the rate limit, meter the API call.
 *
 * @since 0.1.0
 */
import { HttpApp, HttpServerRequest, HttpServerResponse } from "@effect/platform"
import { Context, Effect, Layer, Option } from "effect"
import { CommenterStore } from "../ports/CommenterStore.js"
import { RateLimiter } from "../ports/RateLimiter.js"
import { SiteStore } from "../ports/SiteStore.js"
import type { Site } from "../domain/Site.js"
import { Forbidden, type KommiesError, Unauthorized } from "../Errors.js"
import type { Services } from "../Kommies.js"
import * as Actor from "../services/Actor.js"
import * as CommenterAuth from "../services/CommenterAuth.js"
import { Metering } from "../services/Metering.js"
import * as Sites from "../services/Sites.js"
import { Tokens } from "../services/Tokens.js"
import { Authenticate, type CallerShape, RequestInfoTag, SiteOnly } from "./Caller.js"
import { HttpConfig } from "./Config.js"
import * as Cors from "./Cors.js"
import * as Problem from "./Problem.js"
import * as RateLimits from "./RateLimits.js"

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

const resolve = (withActor: boolean) =>
  Effect.gen(function* () {
    const request = yield* HttpServerRequest.HttpServerRequest
    const info = Option.getOrNull(yield* Effect.serviceOption(RequestInfoTag))
    const config = yield* HttpConfig
    const bearer = yield* bearerOf(request.headers.authorization)
    let site: Site
    let actor: Actor.Actor | null = null
    if (bearer?.startsWith("ks_")) {
      site = yield* Sites.bySecretKey(bearer)
      const named = publicKeyOf(request)
      if (named !== null && named !== site.publicKey)
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
    yield* applyCors(request, site, config.trustProxy)
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
  }).pipe(Effect.mapError((error: KommiesError) => Problem.fromError(error)))

/** Just the services `resolve` uses: providing a small context per request is cheap. */
const needed = Effect.map(
  Effect.context<Services | HttpConfig>(),
  Context.pick(SiteStore, CommenterStore, Tokens, RateLimiter, Metering, HttpConfig),
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
