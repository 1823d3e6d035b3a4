/**
 * The fast path of `makeHandler`: an anonymous reader's `GET
 * /threads/{key}/comments` (no cursor) answered straight from the page cache,
 * as plain data, without the HttpApi router, schemas on the way out, or a web
 * `Request`/`Response`. The Node bridge asks it first (`nodeHandler`'s
 * `fastPath`).
 *
 * It answers only what it can answer exactly as the API would: the same bytes,
 * status and headers (ETag and 304, Cache-Control, Vary, per-site CORS,
 * `RateLimit-*`, `X-Request-Id`, `X-Process-Time`), the same rate limit spent
 * and the same usage counted (API calls and thread loads; added up and recorded
 * once per turn of the event loop, only for sites whose plan does not limit
 * them). Anything else — a signed-in caller, a cursor, an unknown or repeated
 * query parameter, a page not in the cache, an error to report, a full rate
 * limit window, a limited plan, a trusted proxy — it declines (null), and the
 * request takes the usual way, which reports errors and fills the cache.
 *
 * @since 0.1.0
 */
import { Context, Effect, Exit, type Fiber, Runtime } from "effect"
import { type Site, Sort } from "../domain/Site.js"
import type { SiteId } from "../Ids.js"
import type { FastPath, PlainRequest, PlainResponse } from "../node/NodeFastPath.js"
import { type RateLimitDecision, RateLimiter } from "../ports/RateLimiter.js"
import { SiteStore } from "../ports/SiteStore.js"
import * as Actor from "../services/Actor.js"
import { Metering } from "../services/Metering.js"
import * as Sites from "../services/Sites.js"
import * as Threads from "../services/Threads.js"
import * as Cache from "./Cache.js"
import type { Encoded } from "./Cache.js"
import type { HttpConfig, HttpConfigShape } from "./Config.js"
import { mountOf } from "./Config.js"
import * as Cors from "./Cors.js"
import { decodable, requestIdFrom, stripPrefix } from "./Edge.js"
import { PageCache } from "./PageCache.js"
import * as RateLimits from "./RateLimits.js"

/**
 * What the fast path runs on: the services of the handler's own runtime.
 *
 * @since 0.1.0
 * @category models
 */
export type FastServices = SiteStore | PageCache | Metering | RateLimiter | HttpConfig

/**
 * The fast path, and how to flush the usage it counted.
 *
 * @since 0.1.0
 * @category models
 */
export interface FastPathHandle {
  readonly fastPath: FastPath
  /** Records the usage counted so far; call before disposing the services. */
  readonly flush: () => Promise<void>
}

const none = Effect.succeed(null)

type RunFork = <A, E>(effect: Effect.Effect<A, E, FastServices>) => Fiber.RuntimeFiber<A, E>

const route = /^\/threads\/([^/]+)\/comments$/
/** Characters a URL parser leaves as they are, in a path and a query. */
const plainTarget = /^\/[A-Za-z0-9\-._~%!$&'()*+,;=:@/]*(\?[A-Za-z0-9\-._~%!$&'()*+,;=:@/?]*)?$/
const dotSegment = /\/\.\.?(\/|\?|$)|%2e|\/\//i

interface Query {
  key?: string
  sort?: Sort
  limit?: number
  replies?: number
}

const sorts: ReadonlySet<string> = new Set(Sort.literals)

/** An integer parameter in plain decimal within `[min, max]`, else null. */
const intParam = (value: string, min: number, max: number): number | null => {
  if (!/^(0|[1-9][0-9]{0,2})$/.test(value)) return null
  const n = Number(value)
  return n >= min && n <= max ? n : null
}

/**
 * The query of a thread page, when it is a plain one (`key`, `sort`, `limit`,
 * `replies`, each at most once, valid as `ThreadQuery` has them); null for
 * anything else, which the usual way answers (or refuses).
 */
const queryOf = (search: URLSearchParams): Query | null => {
  const query: Query = {}
  for (const [name, value] of search) {
    if (name in query) return null
    if (name === "key") query.key = value
    else if (name === "sort") {
      if (!sorts.has(value)) return null
      query.sort = value as Sort
    } else if (name === "limit" || name === "replies") {
      const n = name === "limit" ? intParam(value, 1, 100) : intParam(value, 0, 10)
      if (n === null) return null
      query[name] = n
    } else return null
  }
  return query
}

/** The answer for a cached page, with the headers the usual way gives it. */
const respond = (
  request: PlainRequest,
  site: Site,
  hit: Encoded,
  decision: RateLimitDecision | null,
  startedAt: number,
): PlainResponse => {
  const origin = request.header("origin")
  const verdict = Cors.decideOrigin(
    origin,
    () => Cors.originOf(request.protocol, request.header("host") || request.host),
    site,
  )
  const headers: Record<string, string> = {
    etag: hit.etag,
    "cache-control": Cache.cacheControl,
    vary: Cache.vary,
    ...(verdict === "allowed" ? Cors.responseHeaders(origin ?? "") : {}),
    ...(decision === null ? {} : RateLimits.headersOf(decision)),
  }
  const fresh = !Cache.matches(request.header("if-none-match"), hit.etag)
  if (fresh) {
    headers["content-type"] = "application/json"
    headers["content-length"] = String(hit.bytes.byteLength)
  }
  headers["x-request-id"] = requestIdFrom(request.header("x-request-id"))
  headers["x-process-time"] = (performance.now() - startedAt).toFixed(2)
  return { status: fresh ? 200 : 304, headers, body: fresh ? hit.bytes : null }
}

/**
 * Builds the fast path over the services `context()` gives once the handler's
 * runtime is up (before that, and after `flush`, it declines everything).
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (
  config: HttpConfigShape,
  context: () => Context.Context<FastServices> | undefined,
): FastPathHandle => {
  // Usage counted and not yet recorded, by site: API calls and thread loads alike.
  const pending = new Map<SiteId, number>()
  let scheduled = false
  let flushing: Promise<void> = Promise.resolve()
  let closed = false

  const record = (ctx: Context.Context<FastServices>) => {
    scheduled = false
    if (pending.size === 0) return flushing
    const batch = [...pending]
    pending.clear()
    const write = Effect.forEach(
      batch,
      ([siteId, n]) =>
        Effect.flatMap(Metering, (m) =>
          Effect.all([m.record(siteId, "apiCalls", n), m.record(siteId, "threadLoads", n)]),
        ).pipe(
          // the store failed: count them again with the next batch
          Effect.catchAll(() =>
            Effect.sync(() => {
              pending.set(siteId, (pending.get(siteId) ?? 0) + n)
            }),
          ),
        ),
      { discard: true },
    )
    flushing = flushing
      .then(() => Effect.runPromise(Effect.provide(write, ctx)))
      .catch((error: unknown) => {
        console.error("kommies: recording the fast path's usage failed", error)
      })
    return flushing
  }

  const count = (ctx: Context.Context<FastServices>, siteId: SiteId) => {
    pending.set(siteId, (pending.get(siteId) ?? 0) + 1)
    if (scheduled) return
    scheduled = true
    setImmediate(() => void record(ctx))
  }

  // One runtime over the handler's services, made once.
  let runtime: { readonly ctx: object; readonly fork: RunFork } | undefined
  const runtimeOf = (ctx: Context.Context<FastServices>): RunFork => {
    if (runtime?.ctx !== ctx)
      runtime = {
        ctx,
        fork: Runtime.runFork(
          Runtime.make({
            context: ctx,
            runtimeFlags: Runtime.defaultRuntime.runtimeFlags,
            fiberRefs: Runtime.defaultRuntime.fiberRefs,
          }),
        ),
      }
    return runtime.fork
  }

  const fastPath: FastPath = (request) => {
    const startedAt = performance.now()
    const ctx = context()
    if (closed || ctx === undefined || request.method !== "GET") return null
    if (config.trustProxy || !config.pageCache || request.header("authorization") !== undefined)
      return null
    // A plain target only: anything a URL parser would rewrite takes the usual way.
    if (!plainTarget.test(request.target) || dotSegment.test(request.target)) return null
    const at = request.target.indexOf("?")
    const path = at === -1 ? request.target : request.target.slice(0, at)
    const search = at === -1 ? "" : request.target.slice(at + 1)
    if (!decodable(path) || !decodable(search.replace(/\+/g, " "))) return null
    const mount = mountOf(request.prefix, config.prefix)
    let pathname = stripPrefix(path, mount)
    if (pathname === path) pathname = stripPrefix(path, config.prefix)
    const matched = route.exec(pathname)?.[1]
    if (matched === undefined) return null
    const key = decodeURIComponent(matched)
    if (key.length > 2048) return null
    const query = queryOf(new URLSearchParams(search))
    if (query === null) return null
    const headerKey = request.header("x-kommies-key")
    const publicKey = headerKey !== undefined && headerKey !== "" ? headerKey : query.key
    if (publicKey === undefined) return null
    const cache = Context.get(ctx, PageCache)
    const metering = Context.get(ctx, Metering)
    const sites = Context.get(ctx, SiteStore)
    const limiter = Context.get(ctx, RateLimiter)
    const ip =
      request.remoteAddress !== null && request.remoteAddress !== "" ? request.remoteAddress : null

    // What `Sites.byPublicKey` does, less its errors: a key that finds no site takes the usual way.
    if (!Sites.publicKeyPattern.test(publicKey)) return null
    const program = Effect.flatMap(sites.getByPublicKey(publicKey), (found) => {
      if (found._tag === "None") return none
      const site = found.value
      return Effect.flatMap(Threads.normalizeKey(key), (normalized) => {
        const sort = query.sort ?? site.settings.defaultSort
        const cacheKey = `${normalized}\u0000${sort}\u0000${query.limit ?? 20}\u0000${query.replies ?? 3}`
        return Effect.flatMap(cache.begin(site.id), (epoch) => {
          const hit = epoch === null ? undefined : cache.get(site.id, cacheKey)
          if (hit === undefined) return none
          const serve = () => {
            // The first side effect: everything that could decline is behind us.
            const window = RateLimits.windowOf(
              config,
              site,
              Actor.anonymous(site.id),
              ip,
              "request",
            )
            if (window === null) return Effect.sync(() => answer(site, hit, null))
            return Effect.map(limiter.consume(window.key, window.limit, window.windowMs), (d) =>
              d.allowed ? answer(site, hit, d) : null,
            )
          }
          if (metering.mode === "selfHosted") return serve()
          return Effect.flatMap(metering.plan(site.id), (plan) =>
            plan.limits.apiCalls !== null || plan.limits.threadLoads !== null ? none : serve(),
          )
        })
      })
    }).pipe(Effect.catchAll(() => none))
    const answer = (site: Site, hit: Encoded, decision: RateLimitDecision | null) => {
      count(ctx, site.id)
      return respond(request, site, hit, decision, startedAt)
    }

    const fiber = runtimeOf(ctx)(program)
    const done = fiber.unsafePoll()
    const settle = (exit: Exit.Exit<PlainResponse | null>) =>
      Exit.isSuccess(exit) ? exit.value : null
    return done !== null ? settle(done) : Effect.runPromise(fiber.await).then(settle)
  }

  const flush = async () => {
    closed = true
    const ctx = context()
    if (ctx !== undefined) await record(ctx)
    await flushing
  }

  return { fastPath, flush }
}
