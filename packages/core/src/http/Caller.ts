/**
 * Who is calling: the site (from its public or secret key), the actor (a
 * commenter token, the secret key, the host app's signed-in user, or
 * nobody), and the client's address. Middlewares work it out once per request
 * and handlers read it.
 *
 * @since 0.1.0
 */
import { HttpApiMiddleware, HttpApiSchema } from "@effect/platform"
import { Context } from "effect"
import type { Site } from "../domain/Site.js"
import type { Actor } from "../services/Actor.js"
import { Problem } from "./Problem.js"

/**
 * The host app's signed-in user, as an adapter's `identify(req)` reports
 * them: they comment as themself, no second login.
 *
 * @since 0.1.0
 * @category models
 */
export interface HostIdentity {
  /** The host's id for the user; stable. */
  readonly id: string
  readonly name: string
  readonly email?: string | null
  /** https only. */
  readonly avatarUrl?: string | null
}

/**
 * What the web handler knows of a request beyond the `Request` itself.
 *
 * @since 0.1.0
 * @category models
 */
export interface RequestInfo {
  readonly requestId: string
  /** The host app's signed-in user (adapters' `identify`), or null. */
  readonly identity: HostIdentity | null
  /** The socket's address, from the Node bridge; null when unknown. */
  readonly remoteAddress: string | null
  /**
   * Where the API is mounted for this request (`""` at the root): the
   * configured prefix, or the one the Node bridge (or a trusted proxy)
   * reported. The OpenAPI `servers` and the docs page's links use it.
   */
  readonly mount?: string
}

/** @since 0.1.0 @category tags */
export class RequestInfoTag extends Context.Tag("@kommies/core/http/RequestInfo")<
  RequestInfoTag,
  RequestInfo
>() {}

/**
 * The caller of a site-scoped route.
 *
 * @since 0.1.0
 * @category models
 */
export interface CallerShape {
  readonly site: Site
  readonly actor: Actor
  /** The client's address (see `trustProxy`), or null when unknown. */
  readonly ip: string | null
}

/** @since 0.1.0 @category tags */
export class Caller extends Context.Tag("@kommies/core/http/Caller")<Caller, CallerShape>() {}

const failure = Problem.pipe(
  HttpApiSchema.withEncoding({ kind: "Json", contentType: "application/problem+json" }),
)

/**
 * Site routes: the site from `X-Kommies-Key: kp_…` (or `?key=`) or a secret
 * key `Authorization: Bearer ks_…` (acting as owner); the commenter from
 * `Authorization: Bearer <access token>` or the host's identity. Applies CORS,
 * rate limits and API-call metering.
 *
 * @since 0.1.0
 * @category middleware
 */
export class Authenticate extends HttpApiMiddleware.Tag<Authenticate>()(
  "@kommies/core/http/Authenticate",
  { provides: Caller, failure },
) {}

/**
 * Sign-in routes: like `Authenticate`, but the actor is always anonymous (an
 * expired access token must not stop a refresh).
 *
 * @since 0.1.0
 * @category middleware
 */
export class SiteOnly extends HttpApiMiddleware.Tag<SiteOnly>()("@kommies/core/http/SiteOnly", {
  provides: Caller,
  failure,
}) {}
