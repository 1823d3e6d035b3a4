/**
 * @kommies/adapter-fastify: the Kommies web handler as a Fastify 5 plugin.
 *
 * This adapter only translates. Inside its own encapsulated context it takes over
 * the body (no content-type parser reads it, so the Node bridge from
 * `@kommies/core/node` streams it under its own size limit), hands every request
 * under the prefix to the bridge through `reply.hijack()`, and disposes the instance
 * when the app closes. No routing of its own beyond "everything under the prefix",
 * no options of the API, no error mapping. Keep it that way (about 150 lines at most).
 *
 * @since 0.1.0
 */
import type { HostIdentity } from "@kommies/core/http"
import type { WebHandlerInstance } from "@kommies/core/node"
import { nodeHandler } from "@kommies/core/node"
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify"

/**
 * Options of the {@link kommies} plugin, beside Fastify's own `prefix`.
 *
 * @since 0.1.0
 * @category models
 */
export interface KommiesFastifyOptions {
  /** What `makeHandler` from `@kommies/core/http` returns. */
  readonly instance: WebHandlerInstance<HostIdentity>
  /**
   * The signed-in user of the host app, or `null` for nobody; Kommies lets them
   * comment as themselves. It runs after the app's `onRequest`/`preHandler` hooks,
   * so it can read what auth plugins decorated the request with.
   */
  readonly identify?:
    | ((request: FastifyRequest) => HostIdentity | null | Promise<HostIdentity | null>)
    | undefined
  /** Largest request body, in bytes; more is a 413. Default 1 MiB. */
  readonly maxBodyBytes?: number | undefined
}

/**
 * Serves a Kommies instance under the prefix it is registered with. `app.close()`
 * disposes the instance first thing (in `preClose`), so live event streams end and
 * the server can close.
 *
 * @since 0.1.0
 * @category plugins
 * @example
 * import Fastify from "fastify"
 * import { makeHandler } from "@kommies/core/http"
 * import { kommies } from "@kommies/adapter-fastify"
 *
 * const app = Fastify()
 * await app.register(kommies, {
 *   prefix: "/kommies",
 *   instance: makeHandler(options),
 *   identify: (request) => request.user ?? null,
 * })
 * await app.listen({ port: 3000 })
 */
export const kommies: FastifyPluginAsync<KommiesFastifyOptions> = async (fastify, options) => {
  const { instance, identify } = options
  const serve = nodeHandler<HostIdentity>(
    (request, context) => instance.handler(request, context),
    {
      maxBodyBytes: options.maxBodyBytes,
      // cached thread pages for anonymous readers, answered without web Request/Response
      fastPath: instance.fastPath,
      onError: (error) => fastify.log.error({ err: error }, "kommies: the request failed"),
    },
  )
  let disposed: Promise<void> | undefined
  const dispose = () => {
    disposed ??= instance.dispose()
    return disposed
  }

  // Only in this plugin's context: leave every body unread for the bridge.
  fastify.removeAllContentTypeParsers()
  fastify.addContentTypeParser("*", (_request, _payload, done) => done(null))
  fastify.addHook("preClose", dispose)
  fastify.addHook("onClose", dispose)

  const route = (request: FastifyRequest, reply: FastifyReply) => {
    reply.hijack()
    return serve(request.raw, reply.raw, {
      // Fastify does not strip the prefix from the URL; the bridge only needs to know it
      prefix: fastify.prefix,
      protocol: request.protocol,
      host: request.host,
      ip: request.ip,
      identify: identify && (() => identify(request)),
    })
  }
  fastify.all("/", route)
  fastify.all("/*", route)
}
