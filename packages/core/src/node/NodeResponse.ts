/**
 * Web `Response` → Node `ServerResponse`, in one place: status and headers (every
 * `Set-Cookie` kept apart), then the body chunk by chunk as the handler produces it,
 * with backpressure, so Server-Sent Events reach the client one by one. A client
 * that goes away cancels the body stream, which is what frees a streaming handler's
 * subscriptions.
 *
 * @since 0.1.0
 */
import type { IncomingMessage, ServerResponse } from "node:http"

/**
 * An AbortSignal that fires when the client goes away before the response is done:
 * the connection closed while the request body was still arriving, or before the
 * response finished. Pass it to {@link toRequest} (the handler sees it as
 * `request.signal`) and to {@link writeResponse}.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * const signal = disconnectSignal(req, res)
 */
export const disconnectSignal = (req: IncomingMessage, res: ServerResponse): AbortSignal => {
  const controller = new AbortController()
  const abort = () => {
    if (!controller.signal.aborted)
      controller.abort(new DOMException("The client disconnected", "AbortError"))
  }
  res.once("close", () => {
    if (!res.writableFinished) abort()
  })
  req.once("close", () => {
    if (!req.complete) abort()
  })
  return controller.signal
}

/**
 * Writes a web `Response` to a Node `ServerResponse` and resolves when it is fully
 * written, the client went away, or `signal` fired; it never rejects. Headers go out
 * with the first chunk, or at once when the body's first chunk is not ready yet (an
 * event stream). No body is sent for HEAD, 1xx, 204 and 304. A body that fails
 * midway ends the connection, so the client sees a truncated response rather than a
 * complete-looking one.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * await writeResponse(res, await handler(request), signal)
 */
export const writeResponse = async (
  res: ServerResponse,
  response: Response,
  signal?: AbortSignal,
): Promise<void> => {
  const body = response.body
  if (res.headersSent || res.destroyed || res.writableEnded) {
    cancel(body)
    if (!res.writableEnded) res.destroy()
    return
  }
  try {
    res.statusCode = response.status
    if (response.statusText) res.statusMessage = response.statusText
    for (const [name, value] of response.headers) {
      if (name !== "set-cookie" && name !== "transfer-encoding") res.setHeader(name, value)
    }
    const cookies = response.headers.getSetCookie()
    if (cookies.length > 0) res.setHeader("set-cookie", cookies)
  } catch {
    cancel(body)
    res.statusCode = 500
    res.end()
    return
  }
  const status = response.status
  if (
    body === null ||
    res.req?.method === "HEAD" ||
    status === 204 ||
    status === 304 ||
    (status >= 100 && status < 200)
  ) {
    cancel(body)
    res.end()
    return
  }
  await pump(body, res, signal)
}

const noop = () => {}

const cancel = (body: ReadableStream | null, reason?: unknown) => {
  if (body !== null && !body.locked) body.cancel(reason).catch(noop)
}

const pending = Symbol("pending")

/** The promise's outcome if it settles before the event loop turns, else `pending`. */
const soon = <A>(promise: Promise<A>): Promise<A | typeof pending> =>
  new Promise((resolve, reject) => {
    const timer = setImmediate(resolve, pending)
    promise.then(
      (value) => {
        clearImmediate(timer)
        resolve(value)
      },
      (error: unknown) => {
        clearImmediate(timer)
        reject(error)
      },
    )
  })

/** Resolves on `drain` or `close`, whichever comes first. */
const drained = (res: ServerResponse): Promise<void> =>
  new Promise((resolve) => {
    const done = () => {
      res.off("drain", done)
      res.off("close", done)
      resolve()
    }
    res.on("drain", done)
    res.on("close", done)
  })

/** After `res.flushHeaders()`/`write`, pushes out anything a compression layer holds. */
const flush = (res: ServerResponse) => {
  ;(res as { flush?: () => void }).flush?.()
}

const pump = async (
  body: ReadableStream<Uint8Array>,
  res: ServerResponse,
  signal: AbortSignal | undefined,
): Promise<void> => {
  const reader = body.getReader()
  let stopped = false
  const stop = () => {
    stopped = true
    reader.cancel(signal?.reason).catch(noop)
  }
  const onClose = () => {
    if (!res.writableFinished) stop()
  }
  res.once("close", onClose)
  signal?.addEventListener("abort", stop, { once: true })
  try {
    if (signal?.aborted) return stop()
    let next = reader.read()
    let result = await soon(next)
    if (result === pending) {
      res.flushHeaders()
      result = await next
    }
    while (!result.done && !stopped) {
      const chunk = result.value
      next = reader.read()
      let after = await soon(next)
      // the whole body in one chunk: `end(chunk)` lets Node send a Content-Length
      if (after !== pending && after.done) {
        if (!stopped) res.end(chunk)
        return
      }
      if (stopped) break
      if (!res.write(chunk) && !res.destroyed) await drained(res)
      if (after === pending) {
        flush(res)
        after = await next
      }
      result = after
    }
    if (!stopped) res.end()
  } catch {
    // the handler's body failed midway: cut the connection so the client can tell
    if (res.headersSent) res.destroy()
    else {
      res.statusCode = 500
      for (const name of ["content-length", "content-type", "content-encoding"])
        res.removeHeader(name)
      res.end()
    }
    reader.cancel().catch(noop)
  } finally {
    res.off("close", onClose)
    signal?.removeEventListener("abort", stop)
  }
}
