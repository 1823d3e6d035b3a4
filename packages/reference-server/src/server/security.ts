/**
 * Security headers on every response, through @fastify/helmet, with a
 * Content-Security-Policy the server's own pages work under: scripts only
 * from this server (no inline scripts: the dashboard, the demo page and the
 * landing page have none), inline styles allowed (the API docs page and the
 * widget's style attributes), images also from https (avatars), and fetches
 * to this server under both names people use (`publicUrl` and the address
 * in the bar).
 *
 * @since 0.1.0
 */
import type { IncomingMessage, ServerResponse } from "node:http"
import helmet from "@fastify/helmet"
import type { FastifyInstance } from "fastify"

/** Options of {@link security}. */
export interface SecurityOptions {
  /** The public URL, allowed in `connect-src` (the demo page calls the API there). */
  readonly publicUrl: () => string
  /** Served over https: send Strict-Transport-Security. */
  readonly secure: boolean
}

/**
 * Registers the headers on the whole server (helmet is not encapsulated).
 *
 * @since 0.1.0
 * @category plugins
 */
export const registerSecurity = async (
  fastify: FastifyInstance,
  options: SecurityOptions,
): Promise<void> => {
  const origin = (_request: IncomingMessage, _response: ServerResponse) =>
    new URL(options.publicUrl()).origin
  await fastify.register(helmet, {
    global: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "https:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'", origin],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
      },
    },
    strictTransportSecurity: options.secure ? { maxAge: 15_552_000 } : false,
    // Same-origin by default; embed.js, count.js, styles.css and locales opt in to cross-origin.
    crossOriginResourcePolicy: { policy: "same-origin" },
  })
}
