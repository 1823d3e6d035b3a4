/**
 * The edge of the web handler, before and after the API: strips the mount
 * prefix, refuses what must never reach the API (bodies over the size limit,
 * bodies that are not JSON or not UTF-8, broken percent-encoding), and stamps
 * every response with `X-Request-Id` and `X-Process-Time`.
 *
 * @since 0.1.0
 */
import * as Problem from "./Problem.js"

/** What the edge needs to know. @since 0.1.0 @category models */
export interface EdgeOptions {
  /** The configured mount prefix. */
  readonly prefix: string
  readonly maxBodyBytes: number
}

/** What the edge hands on with each request. @since 0.1.0 @category models */
export interface EdgeRequest {
  readonly request: Request
  readonly requestId: string
}

const saneId = /^[A-Za-z0-9._:@/+=-]{1,128}$/

/**
 * The incoming `X-Request-Id` when it looks like an id, else a fresh UUID.
 *
 * @since 0.1.0
 * @category getters
 */
export const requestIdOf = (request: Request): string =>
  requestIdFrom(request.headers.get("x-request-id"))

/**
 * {@link requestIdOf} from the header's value.
 *
 * @since 0.1.0
 * @category getters
 */
export const requestIdFrom = (incoming: string | null | undefined): string =>
  incoming !== null && incoming !== undefined && saneId.test(incoming)
    ? incoming
    : globalThis.crypto.randomUUID()

/**
 * The path under the mount prefix: `/kommies/health` and `/health` are both
 * `/health` when the prefix is `/kommies` (Express strips it, Fastify and Koa
 * do not); `/kommies` itself is `/`. `prepare` also strips the mount the
 * Node bridge reported (see `mountOf`).
 *
 * @since 0.1.0
 * @category getters
 */
export const stripPrefix = (pathname: string, prefix: string): string => {
  if (prefix === "") return pathname
  if (pathname === prefix) return "/"
  return pathname.startsWith(`${prefix}/`) ? pathname.slice(prefix.length) : pathname
}

/**
 * Whether percent-encoded text decodes (`decodeURIComponent` does not throw).
 *
 * @since 0.1.0
 * @category predicates
 */
export const decodable = (text: string): boolean => {
  try {
    decodeURIComponent(text)
    return true
  } catch {
    return false
  }
}

const isJson = (contentType: string | null): boolean => {
  if (contentType === null) return false
  const type = contentType.split(";")[0]?.trim().toLowerCase() ?? ""
  return type === "application/json" || (type.startsWith("application/") && type.endsWith("+json"))
}

const hasBody = (method: string) =>
  method === "POST" || method === "PUT" || method === "PATCH" || method === "DELETE"

/** Reads at most `max` bytes of the body; null when it is longer. */
const readBody = async (request: Request, max: number): Promise<Uint8Array | null> => {
  const declared = Number(request.headers.get("content-length") ?? "0")
  if (Number.isFinite(declared) && declared > max) return null
  if (request.body === null) return new Uint8Array(0)
  const reader = request.body.getReader()
  const chunks: Array<Uint8Array> = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    if (total > max) {
      reader.cancel().catch(() => {})
      return null
    }
    chunks.push(value)
  }
  if (chunks.length === 1) return chunks[0] as Uint8Array
  const bytes = new Uint8Array(total)
  let at = 0
  for (const chunk of chunks) {
    bytes.set(chunk, at)
    at += chunk.byteLength
  }
  return bytes
}

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false })

/** Deepest nesting of arrays and objects a body may have. */
const maxJsonDepth = 64

/** Whether valid JSON nests deeper than `maxJsonDepth` (decoding it could exhaust the stack). */
const tooDeep = (text: string): boolean => {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 92) i++
      else if (c === 34) inString = false
    } else if (c === 34) inString = true
    else if (c === 123 || c === 91) {
      if (++depth > maxJsonDepth) return true
    } else if (c === 125 || c === 93) depth--
  }
  return false
}

/**
 * Checks a request and rewrites it for the API (prefix stripped, body read
 * once and validated as UTF-8 JSON, an empty body given as `{}`); or the
 * problem response that answers it instead. `mount` is where the API is
 * mounted for this request (`mountOf`), the configured prefix by default.
 *
 * @since 0.1.0
 * @category constructors
 */
export const prepare = async (
  request: Request,
  options: EdgeOptions,
  mount: string = options.prefix,
): Promise<Request | Problem.Problem> => {
  const url = new URL(request.url)
  if (!decodable(url.pathname) || !decodable(url.search.replace(/\+/g, " ")))
    return Problem.make(400, "bad_encoding", "The URL is not valid percent-encoded UTF-8")
  let pathname = stripPrefix(url.pathname, mount)
  if (pathname === url.pathname) pathname = stripPrefix(url.pathname, options.prefix)
  const method = request.method.toUpperCase()
  if (!hasBody(method)) {
    if (pathname === url.pathname) return request
    return new Request(`${url.origin}${pathname}${url.search}`, {
      method,
      headers: request.headers,
      signal: request.signal,
    })
  }
  let bytes: Uint8Array | null
  try {
    bytes = await readBody(request, options.maxBodyBytes)
  } catch {
    return Problem.make(400, "body_unreadable", "The request body could not be read")
  }
  if (bytes === null)
    return Problem.make(
      413,
      "body_too_large",
      `The request body is over the limit of ${options.maxBodyBytes} bytes`,
    )
  let text = "{}"
  if (bytes.byteLength > 0) {
    if (!isJson(request.headers.get("content-type")))
      return Problem.make(415, "unsupported_media_type", "Send the body as application/json")
    try {
      text = utf8.decode(bytes)
    } catch {
      return Problem.make(400, "bad_encoding", "The request body is not valid UTF-8")
    }
    if (text.trim() === "") text = "{}"
    else {
      try {
        JSON.parse(text)
      } catch (error) {
        return Problem.make(
          400,
          "malformed_json",
          `The request body is not valid JSON: ${error instanceof Error ? error.message : "parse error"}`,
        )
      }
      if (tooDeep(text))
        return Problem.make(400, "json_too_deep", `JSON nests at most ${maxJsonDepth} levels deep`)
    }
  }
  const headers = new Headers(request.headers)
  headers.set("content-type", "application/json")
  headers.delete("content-length")
  return new Request(`${url.origin}${pathname}${url.search}`, {
    method,
    headers,
    body: text,
    signal: request.signal,
  })
}

/**
 * Stamps a response with the request id and the time it took, in ms.
 *
 * @since 0.1.0
 * @category combinators
 */
export const stamp = (response: Response, requestId: string, startedAt: number): Response => {
  const took = (performance.now() - startedAt).toFixed(2)
  try {
    response.headers.set("x-request-id", requestId)
    response.headers.set("x-process-time", took)
    return response
  } catch {
    // Immutable headers (a fetched response): copy them.
    const headers = new Headers(response.headers)
    headers.set("x-request-id", requestId)
    headers.set("x-process-time", took)
    return new Response(response.body, {
      status: response.status,
      statusText: response.statusText,
      headers,
    })
  }
}
