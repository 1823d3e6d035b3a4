/**
 * Node `IncomingMessage` → web `Request`, in one place.
 *
 * The URL is the one the client asked for: scheme and host from the socket and
 * `Host` (or from `X-Forwarded-*` when a proxy is trusted, or from what the host
 * framework resolved), the path from `req.originalUrl ?? req.url` with the mount
 * prefix kept. The body is streamed from the socket while nobody has read it; when a
 * framework already parsed it (Express's `req.body`, Koa's `ctx.request.body`), that
 * is noticed by value and re-serialized. Either way the body size limit holds.
 *
 * What the handler can rely on, whatever sits in front of it:
 * - `X-Forwarded-Prefix`: the part of the URL's path where the handler is mounted
 *   (absent at the root); its routes start after it.
 * - `X-Real-IP`: the client's address, as the bridge (or the host framework) resolved
 *   it. Client-sent `X-Forwarded-*`, `Forwarded` and `X-Real-IP` are dropped unless
 *   the proxy is trusted.
 *
 * @since 0.1.0
 */
import type { IncomingMessage } from "node:http"

/**
 * How {@link toRequest} reads a Node request. Adapters fill the per-request fields
 * from their framework; a plain `node:http` server needs none of them.
 *
 * @since 0.1.0
 * @category models
 */
export interface ToRequestOptions {
  /**
   * Where the handler is mounted (`"/kommies"`). The URL keeps it, prepended when
   * the framework stripped it without leaving an `originalUrl`, and the handler gets
   * it as `X-Forwarded-Prefix`. Default: the root.
   */
  readonly prefix?: string | undefined
  /** Largest request body, in bytes; more is a 413. Default 1 MiB. */
  readonly maxBodyBytes?: number | undefined
  /**
   * Believe `X-Forwarded-Proto`, `-Host`, `-For` and `-Prefix` from a proxy in front.
   * Default false: they are dropped.
   */
  readonly trustProxy?: boolean | undefined
  /** Scheme as the host framework resolved it (Express `req.protocol`). */
  readonly protocol?: string | undefined
  /** Host and port as the host framework resolved it (Express 5 `req.host`). */
  readonly host?: string | undefined
  /** Client address as the host framework resolved it (Express `req.ip`). */
  readonly ip?: string | undefined
  /** A body the framework parsed. Default: `req.body`. */
  readonly body?: unknown
  /** The raw body the framework kept. Default: `req.rawBody`. */
  readonly rawBody?: unknown
  /** Becomes the Request's `signal` (see {@link disconnectSignal}). */
  readonly signal?: AbortSignal | undefined
}

/**
 * A request the bridge answers itself instead of passing it on: 413 for a body over
 * the limit, 400 for a request no URL can be built from.
 *
 * @since 0.1.0
 * @category errors
 */
export class NodeRequestError extends Error {
  readonly _tag = "NodeRequestError"
  constructor(
    readonly status: 400 | 413,
    readonly code: "bad_request" | "body_too_large",
    message: string,
  ) {
    super(message)
    this.name = "NodeRequestError"
  }
}

/** The default of {@link ToRequestOptions.maxBodyBytes}: 1 MiB. @since 0.1.0 */
export const defaultMaxBodyBytes = 1024 * 1024

/** Per-request facts the bridge needs after the handler ran. @internal */
export interface BodyState {
  tooLarge: boolean
}

/**
 * A web `Request` for a Node request. Throws {@link NodeRequestError} when the
 * request is refused before its body is read (declared `Content-Length` over the
 * limit, a parsed body over the limit, an unusable `Host`); a streamed body that
 * grows past the limit errors the Request's body stream with it.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import { toRequest, writeResponse, disconnectSignal } from "@kommies/core/node"
 *
 * http.createServer(async (req, res) => {
 *   const signal = disconnectSignal(req, res)
 *   await writeResponse(res, await handler(toRequest(req, { signal })), signal)
 * })
 */
export const toRequest = (req: IncomingMessage, options: ToRequestOptions = {}): Request =>
  prepareRequest(req, options).request

/** {@link toRequest}, also returning what the body stream saw. @internal */
export const prepareRequest = (
  req: IncomingMessage,
  options: ToRequestOptions,
): { readonly request: Request; readonly state: BodyState } => {
  const state: BodyState = { tooLarge: false }
  const trust = options.trustProxy === true
  const limit = options.maxBodyBytes ?? defaultMaxBodyBytes
  const headers = new Headers()
  const raw = req.rawHeaders
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!
    if (name.charCodeAt(0) === 58 /* ":" HTTP/2 pseudo-header */) continue
    try {
      headers.append(name, raw[i + 1]!)
    } catch {
      // a value undici refuses: the handler does without it
    }
  }
  const forwarded = (name: string) =>
    trust ? headers.get(name)?.split(",")[0]?.trim() || undefined : undefined
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
    headers.get("host") ??
    (req.headers[":authority"] as string | undefined) ??
    "localhost"
  const peer = req.socket?.remoteAddress
  const chain = trust ? headers.get("x-forwarded-for") : null
  const clientIp =
    options.ip ?? (chain ? chain.split(",")[0]!.trim() : undefined) ?? peer ?? undefined
  if (!trust)
    for (const name of untrusted) {
      headers.delete(name)
    }
  if (peer) headers.set("x-forwarded-for", chain ? `${chain}, ${peer}` : peer)
  if (clientIp) headers.set("x-real-ip", clientIp)
  if (proxyPrefix + mount) headers.set("x-forwarded-prefix", proxyPrefix + mount)
  else headers.delete("x-forwarded-prefix")

  if (!usableOrigin(protocol, host))
    throw new NodeRequestError(400, "bad_request", "Unusable Host or protocol")
  let url: string
  try {
    url = new URL(`${protocol}://${host}${proxyPrefix}${targetOf(req, mount)}`).href
  } catch {
    throw new NodeRequestError(400, "bad_request", "Unusable Host or request target")
  }

  const method = req.method ?? "GET"
  let body: ReadableStream<Uint8Array> | Uint8Array | null = null
  if (method !== "GET" && method !== "HEAD") {
    const length = req.headers["content-length"]
    const declared = length === undefined ? Number.NaN : Number(length)
    if (declared > limit) {
      state.tooLarge = true
      throw tooLarge(limit)
    }
    if (declared === 0 && req.headers["transfer-encoding"] === undefined) {
      // nothing was sent, whatever a parser made of it (express.json() makes `{}`)
    } else if (!(req.readableDidRead || req.readableEnded || req.destroyed)) {
      body = streamBody(req, limit, state)
    } else {
      const bytes = preParsed(req, options, headers)
      if (bytes !== undefined) {
        if (bytes.byteLength > limit) {
          state.tooLarge = true
          throw tooLarge(limit)
        }
        for (const name of ["content-encoding", "transfer-encoding"]) headers.delete(name)
        headers.set("content-length", String(bytes.byteLength))
        body = bytes
      }
    }
  }
  // a Buffer's bytes are a view of an ArrayBuffer: what BodyInit asks for
  const init: RequestInit & { duplex?: "half" } = { method, headers, body: body as BodyInit | null }
  if (body !== null) init.duplex = "half"
  if (options.signal) init.signal = options.signal
  try {
    return { request: new Request(url, init), state }
  } catch {
    // forbidden methods (CONNECT, TRACE) and the like
    throw new NodeRequestError(400, "bad_request", `Unsupported request: ${method}`)
  }
}

/** Whether a scheme and host can make a URL's origin. @internal */
export const usableOrigin = (protocol: string, host: string): boolean =>
  !/[\s/?#@\\]/.test(host) && (protocol === "http" || protocol === "https")

const untrusted = [
  "forwarded",
  "x-forwarded-for",
  "x-forwarded-host",
  "x-forwarded-proto",
  "x-forwarded-prefix",
  "x-real-ip",
]

const tooLarge = (limit: number) =>
  new NodeRequestError(413, "body_too_large", `The request body is larger than ${limit} bytes`)

/** `"/kommies/"` → `"/kommies"`, `"/"` → `""`. @internal */
export const normalizePrefix = (prefix: string | undefined): string => {
  if (!prefix || prefix === "/") return ""
  const withSlash = prefix.startsWith("/") ? prefix : `/${prefix}`
  return withSlash.endsWith("/") ? withSlash.slice(0, -1) : withSlash
}

/** The origin-form target, the mount prefix included. @internal */
export const targetOf = (req: IncomingMessage, mount: string): string => {
  const original = (req as { originalUrl?: unknown }).originalUrl
  let target = typeof original === "string" ? original : (req.url ?? "/")
  if (!target.startsWith("/")) {
    // absolute-form (sent to proxies) or asterisk-form (OPTIONS *)
    try {
      const parsed = new URL(target)
      target = parsed.pathname + parsed.search
    } catch {
      target = "/"
    }
  }
  if (mount === "") return target
  const end = target.search(/[?#]/)
  const path = end === -1 ? target : target.slice(0, end)
  return path === mount || path.startsWith(`${mount}/`) ? target : mount + target
}

/**
 * The bytes of a body some middleware already read: its raw bytes when it kept them,
 * else the parsed value re-serialized (Buffer and string as they are; an object as
 * JSON, or as a form when it came as one). `undefined`: there is nothing to send.
 */
const preParsed = (
  req: IncomingMessage,
  options: ToRequestOptions,
  headers: Headers,
): Uint8Array | undefined => {
  const raw = "rawBody" in options ? options.rawBody : (req as { rawBody?: unknown }).rawBody
  const bytes = asBytes(raw)
  if (bytes !== undefined) return bytes
  const parsed = "body" in options ? options.body : (req as { body?: unknown }).body
  if (parsed === undefined || parsed === null) return undefined
  const direct = asBytes(parsed)
  if (direct !== undefined) return direct
  const type = headers.get("content-type") ?? ""
  if (/^application\/x-www-form-urlencoded/i.test(type) && typeof parsed === "object") {
    const form = new URLSearchParams()
    for (const [key, value] of Object.entries(parsed))
      for (const item of Array.isArray(value) ? value : [value])
        form.append(key, typeof item === "string" ? item : JSON.stringify(item))
    return encoder.encode(form.toString())
  }
  const json = JSON.stringify(parsed)
  if (json === undefined) return undefined
  if (!/^application\/([\w.+-]*\+)?json/i.test(type))
    headers.set("content-type", "application/json")
  return encoder.encode(json)
}

const encoder = new TextEncoder()

const asBytes = (value: unknown): Uint8Array | undefined =>
  value instanceof Uint8Array
    ? value
    : typeof value === "string"
      ? encoder.encode(value)
      : value instanceof ArrayBuffer
        ? new Uint8Array(value)
        : undefined

/**
 * The request body as a web stream that reads the socket only as fast as the
 * handler reads the stream, and errors with a 413 {@link NodeRequestError} (leaving
 * the socket paused) as soon as more than `limit` bytes arrive.
 */
const streamBody = (
  req: IncomingMessage,
  limit: number,
  state: BodyState,
): ReadableStream<Uint8Array> => {
  let received = 0
  let listening = false
  let settled = false
  let controller!: ReadableStreamDefaultController<Uint8Array>
  const cleanup = () => {
    settled = true
    req.off("data", onData)
    req.off("end", onEnd)
    req.off("error", onError)
    req.off("close", onClose)
  }
  const onData = (chunk: Buffer) => {
    received += chunk.byteLength
    if (received > limit) {
      state.tooLarge = true
      req.pause()
      cleanup()
      controller.error(tooLarge(limit))
      return
    }
    controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength))
    if ((controller.desiredSize ?? 0) <= 0) req.pause()
  }
  const onEnd = () => {
    cleanup()
    controller.close()
  }
  const onError = (error: unknown) => {
    cleanup()
    controller.error(error)
  }
  const onClose = () => {
    if (!settled && !req.readableEnded) onError(new Error("The client closed the request"))
  }
  return new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c
      },
      pull() {
        if (settled) return
        if (!listening) {
          listening = true
          req.on("data", onData)
          req.on("end", onEnd)
          req.on("error", onError)
          req.on("close", onClose)
        }
        req.resume()
      },
      cancel() {
        cleanup()
      },
    },
    { highWaterMark: 0 },
  )
}
