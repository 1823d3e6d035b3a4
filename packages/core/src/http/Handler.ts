/**
 * `makeHandler`: the Kommies HTTP API as one web-standard function,
 * `(Request) => Promise<Response>`, that every adapter mounts.
 *
 * @since 0.1.0
 */
import { HttpApiBuilder, HttpMiddleware, HttpRouter, HttpServer } from "@effect/platform"
import { Context, Effect, Layer } from "effect"
import * as Kommies from "../Kommies.js"
import type { FastPath as NodeFastPath } from "../node/NodeFastPath.js"
import type { SsoKey, SsoOptions } from "../services/Tokens.js"
import { KommiesApi } from "./Api.js"
import * as AuthHandlers from "./AuthHandlers.js"
import * as Authenticate from "./Authenticate.js"
import { type HostIdentity, RequestInfoTag } from "./Caller.js"
import * as CommentsHandlers from "./CommentsHandlers.js"
import {
  HttpConfig,
  type HttpConfigShape,
  mountOf,
  normalizePrefix,
  type RateLimitOverrides,
} from "./Config.js"
import * as Edge from "./Edge.js"
import * as FastPath from "./FastPath.js"
import type { OAuthProvider } from "./OAuth.js"
import * as ModerationHandlers from "./ModerationHandlers.js"
import * as OpsHandlers from "./OpsHandlers.js"
import * as OwnerHandlers from "./OwnerHandlers.js"
import * as PageCache from "./PageCache.js"
import * as Problem from "./Problem.js"
import * as Realtime from "./Realtime.js"
import * as Recover from "./Recover.js"

/**
 * Options of `makeHandler`. Everything is optional: with none, the API runs
 * over memory stores at the root path.
 *
 * @since 0.1.0
 * @category models
 */
export interface HandlerOptions {
  /**
   * The services: a `Kommies.make()` instance (shared with your own code, and
   * not disposed by the handler), the options of `Kommies.layer`, or a Layer
   * of every core service. Default: `Kommies.layer()` (memory).
   */
  readonly kommies?: Kommies.Kommies | Kommies.Options | Layer.Layer<Kommies.Services, unknown>
  /**
   * Where the host mounts the API, e.g. `"/kommies"`. It is the OpenAPI
   * document's server and the base of the docs page's links. Requests may
   * arrive with the prefix (Fastify, Koa) or without it (Express strips it):
   * a path that starts with the prefix has it removed, any other is taken as
   * is. Behind an adapter, leave it out: the Node bridge reports the mount
   * path (`RequestContext.prefix`), so the prefix is written once, where the
   * adapter is mounted. When both are given, the bridge's wins if it ends
   * with this one (a proxy in front added its own part). Default: `""`.
   */
  readonly prefix?: string
  /** Largest request body, in bytes; larger gets 413 `body_too_large`. Default: 64 KiB. */
  readonly maxBodyBytes?: number
  /** How the host signs its SSO tokens for `POST /auth/sso`; without it the route answers 404 `sso_disabled`. */
  readonly sso?: SsoKey
  /** Extra checks of SSO tokens (audience, issuer, maximum age). */
  readonly ssoOptions?: SsoOptions
  /**
   * OAuth/OIDC providers commenters sign in with, by name:
   * `GET /auth/oauth/{name}?key=kp_…&returnTo=…` starts the sign-in, and the
   * provider must allow `<this API>/auth/oauth/{name}/callback` as redirect URI.
   * Default: none (404 `oauth_provider_unknown`).
   */
  readonly oauth?: Record<string, OAuthProvider>
  /** Behind a reverse proxy: take the client address from `X-Forwarded-For`. Default: false. */
  readonly trustProxy?: boolean
  /**
   * Rate limits that replace every site's settings (per minute: anonymous per
   * address, signed in per commenter, posting and signing in); `false` turns
   * rate limiting off. Default: each site's settings (60, 120, 6).
   */
  readonly rateLimits?: RateLimitOverrides | false
  /** Milliseconds between SSE heartbeats. Default: 15 000. */
  readonly heartbeatMs?: number
  /** Cache encoded first pages of threads for anonymous readers. Default: true. */
  readonly pageCache?: boolean
  /**
   * An `http.server` span per request for Effect's tracer (for OpenTelemetry
   * through a Layer of your own). Default: false, spans cost time.
   */
  readonly tracing?: boolean
}

/**
 * What an adapter may tell the handler about a request beyond the `Request`.
 *
 * @since 0.1.0
 * @category models
 */
export interface RequestContext {
  /** The host app's signed-in user (the adapter's `identify(req)`), or null. A Bearer token wins over it. */
  readonly identity?: HostIdentity | null
  /**
   * The client's socket address, for per-address rate limits (the Node bridge
   * passes it). Without it, and without `trustProxy`, callers who are not
   * signed in are not rate limited by address.
   */
  readonly remoteAddress?: string | null
  /**
   * Where the host mounted the handler (the Node bridge passes the
   * `X-Forwarded-Prefix` it set: the adapter's mount path, after a trusted
   * proxy's). Used when it is a plain path (`/[A-Za-z0-9._~-/]`, no `..`)
   * that ends with the `prefix` option; it only moves routes and the links
   * of the OpenAPI document and docs page. Without it, a request's own
   * `X-Forwarded-Prefix` counts only with `trustProxy`.
   */
  readonly prefix?: string | null
}

/**
 * The web handler and how to stop it.
 *
 * @since 0.1.0
 * @category models
 */
export interface KommiesHandler {
  /** Answers one request. Never rejects: every failure is a problem response. */
  readonly handler: (request: Request, context?: RequestContext) => Promise<Response>
  /** Ends open event streams (clients get `event: reconnect`) and releases every resource. */
  readonly dispose: () => Promise<void>
  /**
   * Anonymous first pages of threads straight from the page cache, as plain data
   * (no web `Request`/`Response`, no router), with the same bytes, headers, rate
   * limits and usage as `handler`; null for every other request. The Node bridge
   * asks it first, so adapters get it without doing anything.
   */
  readonly fastPath: NodeFastPath
}

const isFacade = (value: unknown): value is Kommies.Kommies =>
  typeof value === "object" && value !== null && "runtime" in value && "run" in value

const coreLayer = (kommies: HandlerOptions["kommies"]): Layer.Layer<Kommies.Services, unknown> => {
  if (kommies === undefined) return Kommies.layer()
  if (Layer.isLayer(kommies)) return kommies as Layer.Layer<Kommies.Services, unknown>
  if (isFacade(kommies))
    return Layer.effectContext(Effect.map(kommies.runtime.runtimeEffect, (r) => r.context))
  return Kommies.layer(kommies as Kommies.Options)
}

/**
 * Builds the web handler of the Kommies API: `HttpApiBuilder.toWebHandler`
 * over the core services, behind the edge (prefix, body limit, request ids).
 * Adapters mount `handler` under their prefix and call `dispose` on shutdown.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import { Kommies } from "@kommies/core"
 * import { makeHandler } from "@kommies/core/http"
 *
 * const kommies = Kommies.make({ tokens: { secret: process.env.KOMMIES_SECRET! } })
 * const { handler, dispose } = makeHandler({ kommies, prefix: "/kommies" })
 *
 * // Any fetch-style server:
 * Bun.serve({ fetch: (request) => handler(request) })
 * // With the host's signed-in user commenting as themself:
 * await handler(request, { identity: { id: user.id, name: user.name } })
 */
export const makeHandler = (options: HandlerOptions = {}): KommiesHandler => {
  const config: HttpConfigShape = {
    prefix: normalizePrefix(options.prefix),
    maxBodyBytes: options.maxBodyBytes ?? 64 * 1024,
    sso: options.sso === undefined ? null : { key: options.sso, options: options.ssoOptions },
    oauth: { ...options.oauth },
    trustProxy: options.trustProxy ?? false,
    rateLimits: options.rateLimits ?? {},
    heartbeatMs: Math.max(options.heartbeatMs ?? 15_000, 10),
    pageCache: options.pageCache ?? true,
  }
  const base = Layer.merge(coreLayer(options.kommies), Layer.succeed(HttpConfig, config))
  const infra = Layer.mergeAll(
    Realtime.layer,
    config.pageCache ? PageCache.layer : PageCache.layerNone,
    Authenticate.layerAuthenticate,
    Authenticate.layerSiteOnly,
  )
  const services = Layer.provideMerge(infra, base)
  const groups = Layer.mergeAll(
    CommentsHandlers.layer,
    AuthHandlers.layer,
    ModerationHandlers.layer,
    OwnerHandlers.layer,
    OpsHandlers.layer,
  )
  // The services the web handler's runtime built, for the fast path to share.
  let built: Context.Context<FastPath.FastServices> | undefined
  const capture = Layer.effectDiscard(
    Effect.map(Effect.context<FastPath.FastServices>(), (context) => {
      built = context
    }),
  )
  const app = Layer.mergeAll(
    HttpApiBuilder.api(KommiesApi).pipe(Layer.provide(groups)),
    capture,
    Recover.layer,
    HttpServer.layerContext,
    // URL-encoded thread keys are long: find-my-way's default is 100.
    HttpRouter.setRouterConfig({ maxParamLength: 4096 }),
    options.tracing === true
      ? Layer.empty
      : Layer.locallyScoped(HttpMiddleware.currentTracerDisabledWhen, () => true),
  ).pipe(Layer.provide(services))
  const web = HttpApiBuilder.toWebHandler(app)
  const edge = { prefix: config.prefix, maxBodyBytes: config.maxBodyBytes }

  const handler = async (request: Request, context: RequestContext = {}): Promise<Response> => {
    const startedAt = performance.now()
    const requestId = Edge.requestIdOf(request)
    try {
      // Only the bridge (or a trusted proxy) says where the API is mounted.
      const forwarded =
        context.prefix !== undefined
          ? context.prefix
          : config.trustProxy
            ? request.headers.get("x-forwarded-prefix")
            : null
      const mount = mountOf(forwarded, config.prefix)
      const prepared = await Edge.prepare(request, edge, mount)
      if (prepared instanceof Problem.Problem)
        return Edge.stamp(Problem.toResponse(prepared), requestId, startedAt)
      const info = Context.make(RequestInfoTag, {
        requestId,
        identity: context.identity ?? null,
        remoteAddress: context.remoteAddress ?? null,
        mount,
      })
      return Edge.stamp(await web.handler(prepared, info), requestId, startedAt)
    } catch (error) {
      console.error(`kommies: ${request.method} ${request.url} failed`, error)
      return Edge.stamp(
        Problem.toResponse(Problem.make(500, "internal", "Something went wrong on our side")),
        requestId,
        startedAt,
      )
    }
  }
  const fast = FastPath.make(config, () => built)
  let disposed: Promise<void> | undefined
  const dispose = () => {
    disposed ??= fast.flush().then(() => web.dispose())
    return disposed
  }
  return { handler, dispose, fastPath: fast.fastPath }
}
