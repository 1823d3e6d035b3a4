/**
 * @kommies/adapter-express: the Kommies web handler as Express 5 middleware.
 *
 * This adapter only translates. It tells the Node bridge from `@kommies/core/node`
 * what Express already knows about a request (the mount path it stripped, the
 * origin and client address under the app's "trust proxy" setting, a body a parser
 * read) and asks `identify` for the host's user. No routing, no options of the API,
 * no error mapping: everything under the mount path goes to the handler, which
 * answers every request itself. Keep it that way (about 150 lines at most).
 *
 * @since 0.1.0
 */
import type { HostIdentity } from "@kommies/core/http"
import type { WebHandlerInstance } from "@kommies/core/node"
import { nodeHandler } from "@kommies/core/node"
import type { Request, RequestHandler } from "express"

/**
 * Options of {@link kommies}.
 *
 * @since 0.1.0
 * @category models
 */
export interface KommiesExpressOptions {
  /**
   * The signed-in user of the host app, or `null` for nobody; Kommies lets them
   * comment as themselves. It runs after the app's own middleware, so it can read
   * what session or auth middleware put on `req`.
   */
  readonly identify?:
    | ((req: Request) => HostIdentity | null | Promise<HostIdentity | null>)
    | undefined
  /** Largest request body, in bytes; more is a 413. Default 1 MiB. */
  readonly maxBodyBytes?: number | undefined
}

/**
 * The middleware {@link kommies} returns: mount it with `app.use(prefix, …)`.
 *
 * @since 0.1.0
 * @category models
 */
export interface KommiesMiddleware extends RequestHandler {
  /**
   * Releases the Kommies instance (ends live event streams). Express has no
   * shutdown of its own: call it before `server.close()`. Safe to call twice.
   */
  readonly dispose: () => Promise<void>
}

/**
 * Mounts a Kommies instance (what `makeHandler` returns) in an Express 5 app.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import express from "express"
 * import { makeHandler } from "@kommies/core/http"
 * import { kommies } from "@kommies/adapter-express"
 *
 * const app = express()
 * const comments = kommies(makeHandler(options), { identify: (req) => req.user ?? null })
 * app.use("/kommies", comments)
 * const server = app.listen(3000)
 * process.on("SIGTERM", async () => {
 *   await comments.dispose()
 *   server.close()
 * })
 */
export const kommies = (
  instance: WebHandlerInstance<HostIdentity>,
  options: KommiesExpressOptions = {},
): KommiesMiddleware => {
  const serve = nodeHandler<HostIdentity>(
    (request, context) => instance.handler(request, context),
    {
      maxBodyBytes: options.maxBodyBytes,
      // cached thread pages for anonymous readers, answered without web Request/Response
      fastPath: instance.fastPath,
    },
  )
  const identify = options.identify
  let disposed: Promise<void> | undefined
  const middleware: RequestHandler = (req, res) =>
    serve(req, res, {
      // Express strips the mount path from `req.url`; the bridge reads `req.originalUrl`
      prefix: req.baseUrl,
      protocol: req.protocol,
      host: req.host,
      ip: req.ip,
      // `req.body` and `req.rawBody`, when a parser set them, are found by the bridge
      identify: identify && (() => identify(req)),
    })
  return Object.assign(middleware, {
    dispose: () => {
      disposed ??= instance.dispose()
      return disposed
    },
  })
}
