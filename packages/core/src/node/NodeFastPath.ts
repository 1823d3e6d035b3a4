/**
 * The bridge's fast path: a request as plain data, answered with plain data, with
 * no web `Request` or `Response` built. A handler that can answer some requests
 * cheaply (`makeHandler`'s cached thread pages for anonymous readers) offers a
 * {@link FastPath}; the bridge asks it first and, when it declines (null), serves
 * the request the usual way. It sees the same facts the web `Request` would carry:
 * the target under the mount prefix, the origin and client address as the bridge
 * resolved them, and the client's headers.
 *
 * @since 0.1.0
 */
import type { IncomingMessage, ServerResponse } from "node:http"
import { normalizePrefix, type ToRequestOptions, targetOf, usableOrigin } from "./NodeRequest.js"

/**
 * A request as plain data.
 *
 * @since 0.1.0
 * @category models
 */
export interface PlainRequest {
  readonly method: string
  /** The origin-form target, mount prefix included: `/kommies/threads/x/comments?limit=50`. */
  readonly target: string
  /** The scheme the request came over, as the bridge resolved it (`http`, `https`). */
  readonly protocol: string
  /** The host it was sent to, as the bridge resolved it (`example.com:8080`). */
  readonly host: string
  /** Where the handler is mounted (what `X-Forwarded-Prefix` says), null at the root. */
  readonly prefix: string | null
  /** The client's address, as the bridge resolved it (what `X-Real-IP` says). */
  readonly remoteAddress: string | null
  /** A request header by lower-case name (repeated ones joined with `, `). */
  readonly header: (name: string) => string | undefined
}

/**
 * A complete answer as plain data.
 *
 * @since 0.1.0
 * @category models
 */
export interface PlainResponse {
  readonly status: number
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string>>
  /** Null: no body (304). */
  readonly body: Uint8Array | null
}

/**
 * A handler's fast path: an answer, or null to let the request take the usual way.
 * It must decline anything it cannot answer exactly as the handler would.
 *
 * @since 0.1.0
 * @category models
 */
export type FastPath = (
  request: PlainRequest,
) => PlainResponse | null | Promise<PlainResponse | null>

/** Headers the bridge answers from its own resolution, never the client's. */
const resolved = new Set([
  "forwarded",
  "x-forwarded-for",
  "x-forwarded-host",
  "x-forwarded-proto",
  "x-forwarded-prefix",
  "x-real-ip",
])

/**
 * The plain view of a Node request, resolved as `toRequest` resolves it; null when
 * `toRequest` would refuse it (the usual way then answers).
 *
 * @since 0.1.0
 * @category constructors
 */
export const plainRequest = (
  req: IncomingMessage,
  options: Pick<ToRequestOptions, "prefix" | "trustProxy" | "protocol" | "host" | "ip">,
): PlainRequest | null => {
  const headers = req.headers
  const trust = options.trustProxy === true
  const raw = (name: string): string | undefined => {
    const value = headers[name]
    return Array.isArray(value) ? value.join(", ") : value
  }
  const forwarded = (name: string) =>
    trust ? raw(name)?.split(",")[0]?.trim() || undefined : undefined
  const proxyPrefix = normalizePrefix(forwarded("x-forwarded-prefix"))
  const mount = normalizePrefix(options.prefix)
  const protocol = (
    options.protocol ??
    forwarded("x-forwarded-proto") ??
    ((req.socket as { encrypted?: boolean } | null)?.encrypted ? "https" : "http")
  ).toLowerCase()
  const host =
    options.host ??
    forwarded("x-forwarded-host") ??
    raw("host") ??
    (headers[":authority"] as string | undefined) ??
    "localhost"
  if (!usableOrigin(protocol, host)) return null
  const chain = trust ? (raw("x-forwarded-for") ?? null) : null
  const clientIp =
    options.ip ?? (chain ? chain.split(",")[0]?.trim() : undefined) ?? req.socket?.remoteAddress
  return {
    method: req.method ?? "GET",
    target: proxyPrefix + targetOf(req, mount),
    protocol,
    host,
    prefix: proxyPrefix + mount || null,
    remoteAddress: clientIp ?? null,
    header: (name) => (resolved.has(name) ? undefined : raw(name)),
  }
}

/**
 * Writes a plain answer.
 *
 * @since 0.1.0
 * @category constructors
 */
export const writePlain = (res: ServerResponse, answer: PlainResponse): void => {
  res.writeHead(answer.status, answer.headers as Record<string, string>)
  if (answer.body === null || res.req?.method === "HEAD") res.end()
  else res.end(answer.body)
}
