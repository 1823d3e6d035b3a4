/**
 * @kommies/adapter-koa: the Kommies web handler as Koa 3 middleware.
 *
 * This adapter only translates. Requests under its prefix go to the Node bridge
 * from `@kommies/core/node` with what Koa already knows (the origin and client
 * address under `app.proxy`, a body koa-bodyparser read), with `ctx.respond = false`
 * so Koa leaves the response to the bridge; everything else goes on to `next()`.
 * No routing beyond the prefix, no options of the API, no error mapping. Keep it
 * that way (about 150 lines at most).
 *
 * @since 0.1.0
 */
import type { HostIdentity } from "@kommies/core/http"
import type { WebHandlerInstance } from "@kommies/core/node"
import { nodeHandler } from "@kommies/core/node"
import type { Context, Middleware } from "koa"

/**
 * Options of {@link kommies}.
 *
 * @since 0.1.0
 * @category models
 */
export interface KommiesKoaOptions {
  /** Where the API is mounted (`"/kommies"`). Default: the root. */
  readonly prefix?: string | undefined
  /**
   * The signed-in user of the host app, or `null` for nobody; Kommies lets them
   * comment as themselves. It runs after the middleware mounted before this one,
   * so it can read `ctx.state` that auth middleware set.
   */
  readonly identify?:
    | ((ctx: Context) => HostIdentity | null | Promise<HostIdentity | null>)
    | undefined
  /** Largest request body, in bytes; more is a 413. Default 1 MiB. */
  readonly maxBodyBytes?: number | undefined
}

/**
 * The middleware {@link kommies} returns: `app.use()` it.
 *
 * @since 0.1.0
 * @category models
 */
export interface KommiesMiddleware extends Middleware {
  /**
   * Releases the Kommies instance (ends live event streams). Koa has no shutdown of
   * its own: call it before `server.close()`. Safe to call twice.
   */
  readonly dispose: () => Promise<void>
}

/**
 * Mounts a Kommies instance (what `makeHandler` returns) in a Koa 3 app.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import Koa from "koa"
 * import { makeHandler } from "@kommies/core/http"
 * import { kommies } from "@kommies/adapter-koa"
 *
 * const app = new Koa()
 * const comments = kommies(makeHandler(options), {
 *   prefix: "/kommies",
 *   identify: (ctx) => ctx.state.user ?? null,
 * })
 * app.use(comments)
 * const server = app.listen(3000)
 * process.on("SIGTERM", async () => {
 *   await comments.dispose()
 *   server.close()
 * })
 */
export const kommies = (
  instance: WebHandlerInstance<HostIdentity>,
  options: KommiesKoaOptions = {},
): KommiesMiddleware => {
  const serve = nodeHandler<HostIdentity>(
    (request, context) => instance.handler(request, context),
    {
      maxBodyBytes: options.maxBodyBytes,
      // cached thread pages for anonymous readers, answered without web Request/Response
      fastPath: instance.fastPath,
    },
  )
  const { identify } = options
  const prefix = (options.prefix ?? "").replace(/\/+$/, "")
  let disposed: Promise<void> | undefined
  const middleware: Middleware = async (ctx, next) => {
    if (prefix !== "" && ctx.path !== prefix && !ctx.path.startsWith(`${prefix}/`)) return next()
    ctx.respond = false
    // koa-bodyparser and @koa/bodyparser keep these on ctx.request, not on ctx.req
    const parsed = ctx.request as { body?: unknown; rawBody?: unknown }
    await serve(ctx.req, ctx.res, {
      prefix,
      protocol: ctx.protocol,
      host: ctx.host,
      ip: ctx.ip,
      body: parsed.body,
      rawBody: parsed.rawBody,
      identify: identify && (() => identify(ctx)),
    })
  }
  return Object.assign(middleware, {
    dispose: () => {
      disposed ??= instance.dispose()
      return disposed
    },
  })
}
