/**
 * A web handler served from Node: `(req, res) => Promise<void>`, the whole bridge
 * every adapter calls. It never throws into the host framework: requests it refuses
 * get a problem+json answer (400, 413), a failing handler a 500, and a client that
 * went away nothing at all.
 *
 * @since 0.1.0
 */
import type { IncomingMessage, ServerResponse } from "node:http"
import { type FastPath, plainRequest, writePlain } from "./NodeFastPath.js"
import {
  defaultMaxBodyBytes,
  NodeRequestError,
  prepareRequest,
  type ToRequestOptions,
} from "./NodeRequest.js"
import { disconnectSignal, writeResponse } from "./NodeResponse.js"

/**
 * What a web handler gets besides the Request (`RequestContext` of
 * `@kommies/core/http`).
 *
 * @since 0.1.0
 * @category models
 */
export interface HandlerContext<Identity> {
  /** The host application's signed-in user; `null`: the host says nobody is. */
  readonly identity?: Identity | null
  /** The client's address, as the bridge or the host framework resolved it (also `X-Real-IP`). */
  readonly remoteAddress?: string | null
  /**
   * Where the handler is mounted, as the bridge found it (also `X-Forwarded-Prefix`):
   * the adapter's mount path, after a trusted proxy's prefix; `null` at the root. A
   * handler can believe it, unlike a header a client could send straight to it.
   */
  readonly prefix?: string | null
}

/**
 * A fetch-style handler, like the one `makeHandler` from `@kommies/core/http` gives.
 *
 * @since 0.1.0
 * @category models
 */
export type WebHandler<Identity = unknown> = (
  request: Request,
  context?: HandlerContext<Identity>,
) => Promise<Response>

/**
 * What adapters mount: a web handler and the way to release what it holds (the
 * object `makeHandler` returns).
 *
 * @since 0.1.0
 * @category models
 */
export interface WebHandlerInstance<Identity = unknown> {
  handler(request: Request, context?: HandlerContext<Identity>): Promise<Response>
  dispose(): Promise<void>
  /** Answers some requests from plain data first (see {@link NodeHandlerOptions.fastPath}). */
  readonly fastPath?: FastPath | undefined
}

/**
 * Options fixed when the Node handler is made.
 *
 * @since 0.1.0
 * @category models
 */
export interface NodeHandlerOptions
  extends Pick<ToRequestOptions, "prefix" | "maxBodyBytes" | "trustProxy"> {
  /** Told about handler failures (answered 500). Default: `console.error`. */
  readonly onError?: ((error: unknown) => void) | undefined
  /**
   * The handler's fast path (`makeHandler(…).fastPath`): asked first for GET
   * requests of callers `identify` does not name, with the request as plain data;
   * when it answers, no web `Request` or `Response` is built.
   */
  readonly fastPath?: FastPath | undefined
}

/**
 * What an adapter knows about one request: its framework's view of it (mount
 * prefix, origin, client address, parsed body) and how to find the host's user.
 *
 * @since 0.1.0
 * @category models
 */
export interface NodeRequestInput<Identity>
  extends Omit<ToRequestOptions, "maxBodyBytes" | "trustProxy" | "signal"> {
  /** The host application's signed-in user, passed to the handler as `context.identity`. */
  readonly identify?:
    | (() => Identity | null | undefined | PromiseLike<Identity | null | undefined>)
    | undefined
}

/**
 * Serves one Node request; resolves when the response is written or abandoned.
 *
 * @since 0.1.0
 * @category models
 */
export type NodeHandler<Identity = unknown> = (
  req: IncomingMessage,
  res: ServerResponse,
  input?: NodeRequestInput<Identity>,
) => Promise<void>

/**
 * Serves a web handler from Node: builds the Request ({@link toRequest}), ties it to
 * the client's connection ({@link disconnectSignal}), asks `identify`, calls the
 * handler and writes its Response ({@link writeResponse}).
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import { createServer } from "node:http"
 * import { makeHandler } from "@kommies/core/http"
 * import { nodeHandler } from "@kommies/core/node"
 *
 * const kommies = makeHandler(options)
 * const serve = nodeHandler(kommies.handler, { prefix: "/kommies", fastPath: kommies.fastPath })
 * createServer((req, res) => serve(req, res)).listen(3000)
 */
export const nodeHandler = <Identity>(
  handler: WebHandler<Identity>,
  options: NodeHandlerOptions = {},
): NodeHandler<Identity> => {
  const report = (error: unknown) => {
    try {
      ;(options.onError ?? defaultOnError)(error)
    } catch {
      // a failing reporter changes nothing for the client
    }
  }
  const fast = options.fastPath
  const plainOf = (req: IncomingMessage, input: NodeRequestInput<Identity>) =>
    plainRequest(req, {
      ...input,
      prefix: input.prefix ?? options.prefix,
      trustProxy: options.trustProxy,
    })
  const serve = async (
    req: IncomingMessage,
    res: ServerResponse,
    input: NodeRequestInput<Identity>,
    tryFast: boolean,
  ): Promise<void> => {
    const started = performance.now()
    const prefix = input.prefix ?? options.prefix
    let identity: Identity | null | undefined
    let identified = false
    if (tryFast && fast !== undefined) {
      try {
        if (input.identify) {
          identity = await input.identify()
          identified = true
        }
        const plain = identity === undefined || identity === null ? plainOf(req, input) : null
        const answer = plain === null ? null : await fast(plain)
        if (answer !== null) return writePlain(res, answer)
      } catch (error) {
        report(error)
        return refuse(req, res, internal, started)
      }
    }
    const signal = disconnectSignal(req, res)
    let prepared: ReturnType<typeof prepareRequest>
    try {
      prepared = prepareRequest(req, {
        ...input,
        prefix,
        maxBodyBytes: options.maxBodyBytes,
        trustProxy: options.trustProxy,
        signal,
      })
    } catch (error) {
      if (error instanceof NodeRequestError) return refuse(req, res, error, started)
      report(error)
      return refuse(req, res, internal, started)
    }
    try {
      if (!identified && input.identify) identity = await input.identify()
      if (signal.aborted) return
      const remoteAddress = prepared.request.headers.get("x-real-ip")
      const mount = prepared.request.headers.get("x-forwarded-prefix")
      const response = await handler(
        prepared.request,
        identity === undefined
          ? { remoteAddress, prefix: mount }
          : { identity, remoteAddress, prefix: mount },
      )
      if (prepared.state.tooLarge) {
        response.body?.cancel().catch(() => {})
        return refuse(req, res, tooLarge(options), started)
      }
      await writeResponse(res, response, signal)
    } catch (error) {
      if (prepared.state.tooLarge) return refuse(req, res, tooLarge(options), started)
      if (signal.aborted) return
      report(error)
      return refuse(req, res, internal, started)
    }
  }
  // the last word: whatever happened, the host framework never sees a rejection
  const settle = (promise: Promise<void>, res: ServerResponse) =>
    promise.catch(() => {
      if (!res.writableEnded) res.destroy()
    })
  const done = Promise.resolve()
  return (req, res, input = {}) => {
    const eligible = fast !== undefined && req.method === "GET"
    if (!eligible || input.identify !== undefined)
      return settle(serve(req, res, input, eligible), res)
    // No one to identify: ask the fast path at once, without a turn of the event loop.
    const started = performance.now()
    const failed = (error: unknown) => {
      report(error)
      refuse(req, res, internal, started)
    }
    let answer: ReturnType<typeof fast>
    try {
      const plain = plainOf(req, input)
      answer = plain === null ? null : fast(plain)
    } catch (error) {
      failed(error)
      return done
    }
    if (answer === null) return settle(serve(req, res, input, false), res)
    if (!(answer instanceof Promise)) {
      writePlain(res, answer)
      return done
    }
    return settle(
      answer.then((a) => (a === null ? serve(req, res, input, false) : writePlain(res, a)), failed),
      res,
    )
  }
}

const defaultOnError = (error: unknown) => {
  console.error("[kommies] the handler failed:", error)
}

const internal = { status: 500, code: "internal", message: "Something went wrong on our side" }

const tooLarge = (options: NodeHandlerOptions) =>
  new NodeRequestError(
    413,
    "body_too_large",
    `The request body is larger than ${options.maxBodyBytes ?? defaultMaxBodyBytes} bytes`,
  )

/** The client's `X-Request-Id` when it looks like an id (as the API does), else a fresh one. */
const requestIdOf = (req: IncomingMessage): string => {
  const incoming = req.headers["x-request-id"]
  return typeof incoming === "string" && /^[A-Za-z0-9._:@/+=-]{1,128}$/.test(incoming)
    ? incoming
    : crypto.randomUUID()
}

const titles: Record<number, string> = {
  400: "Bad Request",
  413: "Content Too Large",
  500: "Internal Server Error",
}

/**
 * Answers with a problem+json of the bridge's own, shaped like the API's. When the
 * request body was not read to its end, the connection closes after the answer (and
 * is cut a second later), rather than reading whatever the client still sends.
 */
const refuse = (
  req: IncomingMessage,
  res: ServerResponse,
  problem: { readonly status: number; readonly code: string; readonly message: string },
  started: number,
): void => {
  if (res.headersSent || res.writableEnded || res.destroyed) {
    if (!res.writableEnded) res.destroy()
    return
  }
  const { status, code, message } = problem
  const body = JSON.stringify({
    type: `urn:kommies:problem:${code}`,
    title: titles[status],
    status,
    detail: message,
    code,
  })
  if (!req.complete) {
    res.setHeader("connection", "close")
    res.once("finish", () => {
      setTimeout(() => req.socket?.destroy(), 1000).unref()
    })
  }
  res.writeHead(status, {
    "content-type": "application/problem+json",
    "content-length": Buffer.byteLength(body),
    "x-request-id": requestIdOf(req),
    "x-process-time": (performance.now() - started).toFixed(2),
  })
  res.end(body)
}
