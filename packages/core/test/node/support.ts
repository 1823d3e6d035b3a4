/**
 * Test web handlers and HTTP helpers for the Node bridge and the adapters (which
 * import this file from their own tests): a handler that echoes what it was given,
 * an SSE ticker the test releases event by event, a lazily made big body, and a
 * failing route, all mounted wherever `X-Forwarded-Prefix` says.
 */
import { request as httpRequest, type IncomingMessage } from "node:http"
import type { HandlerContext, WebHandlerInstance } from "../../src/node.js"

/** The host application's user, as the tests' `identify` finds it. */
export interface TestIdentity {
  readonly id: string
  readonly name: string
}

/** What the echo route answers. */
export interface Echo {
  readonly method: string
  readonly url: string
  readonly prefix: string | null
  readonly realIp: string | null
  readonly contentType: string | null
  readonly contentLength: string | null
  readonly body: string
  readonly identity: TestIdentity | null | undefined
  readonly hasIdentity: boolean
  readonly remoteAddress: string | null | undefined
}

const deferred = <A = void>() => {
  let resolve!: (value: A) => void
  const promise = new Promise<A>((r) => {
    resolve = r
  })
  return { promise, resolve }
}

/** How an event stream ended on the handler's side. */
export interface StreamEnd {
  readonly signalAborted: boolean
  readonly cancelled: boolean
}

/**
 * A web handler instance with routes under its mount prefix:
 * - `/echo` (any method): the request as the handler saw it;
 * - `/events`: SSE, `tick 1` at once, each further tick when the test calls
 *   `release()`; `streamEnded` tells how it stopped;
 * - `/big?size=N`: N bytes in 64 KiB chunks, made only as they are read (`produced`);
 * - `/cookies`: two `Set-Cookie` headers and a custom status text;
 * - `/fail`: the handler throws;
 * - `/broken`: a body that fails after its first chunk (`?late`: 20 ms after it).
 * `dispose()` ends every open event stream and counts the calls.
 */
export const testInstance = () => {
  const calls: Array<string> = []
  const open = new Set<ReadableStreamDefaultController<Uint8Array>>()
  let released = deferred()
  let opened = deferred()
  let ended = deferred<StreamEnd>()
  let produced = 0
  let disposals = 0
  const encoder = new TextEncoder()

  const events = (request: Request): Response => {
    let n = 0
    let signalAborted = false
    let controller!: ReadableStreamDefaultController<Uint8Array>
    const end = (cancelled: boolean) => {
      open.delete(controller)
      ended.resolve({ signalAborted, cancelled })
    }
    request.signal.addEventListener("abort", () => {
      signalAborted = true
    })
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        controller = c
        open.add(c)
        opened.resolve()
      },
      async pull(c) {
        if (n > 0) {
          await released.promise
          released = deferred()
        }
        if (!open.has(c)) return
        n++
        c.enqueue(encoder.encode(`id: ${n}\ndata: tick ${n}\n\n`))
      },
      cancel() {
        // give the abort listener its turn: both usually fire together
        setTimeout(() => end(true), 20)
      },
    })
    return new Response(body, {
      headers: { "content-type": "text/event-stream", "cache-control": "no-cache" },
    })
  }

  const big = (size: number): Response => {
    let sent = 0
    const chunk = new Uint8Array(64 * 1024).fill(97)
    const body = new ReadableStream<Uint8Array>(
      {
        pull(c) {
          if (sent >= size) return c.close()
          const piece = chunk.subarray(0, Math.min(chunk.length, size - sent))
          sent += piece.length
          produced += piece.length
          c.enqueue(piece)
        },
      },
      { highWaterMark: 0 },
    )
    return new Response(body, { headers: { "content-type": "application/octet-stream" } })
  }

  const echo = async (request: Request, context?: HandlerContext<TestIdentity>) => {
    let body: string
    try {
      body = await request.text()
    } catch {
      // what an API does with a body it could not read
      return Response.json({ code: "bad_body" }, { status: 400 })
    }
    const echoed: Echo = {
      method: request.method,
      url: request.url,
      prefix: request.headers.get("x-forwarded-prefix"),
      realIp: request.headers.get("x-real-ip"),
      contentType: request.headers.get("content-type"),
      contentLength: request.headers.get("content-length"),
      body,
      identity: context?.identity,
      hasIdentity: context !== undefined && "identity" in context,
      remoteAddress: context?.remoteAddress,
    }
    return Response.json(echoed, { headers: { "x-echo": "1" } })
  }

  const instance: WebHandlerInstance<TestIdentity> = {
    async handler(request, context) {
      const url = new URL(request.url)
      const prefix = request.headers.get("x-forwarded-prefix") ?? ""
      const route = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : "?"
      calls.push(`${request.method} ${route}`)
      switch (route) {
        case "/echo":
          return echo(request, context)
        case "/events":
          return events(request)
        case "/big":
          return big(Number(url.searchParams.get("size") ?? 1024))
        case "/cookies": {
          const headers = new Headers({ "content-type": "text/plain" })
          headers.append("set-cookie", "a=1; Path=/; HttpOnly")
          headers.append("set-cookie", "b=2; Path=/")
          return new Response("cookies", { status: 201, statusText: "Baked", headers })
        }
        case "/fail":
          throw new Error("the handler failed on purpose")
        case "/broken": {
          const late = url.searchParams.has("late")
          let first = true
          const body = new ReadableStream<Uint8Array>({
            async pull(c) {
              if (first) {
                first = false
                c.enqueue(encoder.encode("partial"))
                return
              }
              if (late) await new Promise((resolve) => setTimeout(resolve, 20))
              c.error(new Error("broken on purpose"))
            },
          })
          return new Response(body)
        }
        default:
          return Response.json({ code: "not_found", route }, { status: 404 })
      }
    },
    async dispose() {
      disposals++
      for (const c of open) {
        open.delete(c)
        c.close()
      }
      ended.resolve({ signalAborted: false, cancelled: false })
    },
  }

  return {
    instance,
    /** `METHOD /route` of every request the handler got. */
    calls,
    /** Resolves when an event stream has been opened (then re-armed by `reset`). */
    opened: () => opened.promise,
    /** Lets the open event stream send its next tick. */
    release: () => released.resolve(),
    /** Resolves when the event stream stopped on the handler's side. */
    streamEnded: () => ended.promise,
    /** Bytes the `/big` route has made so far. */
    produced: () => produced,
    disposals: () => disposals,
    reset: () => {
      opened = deferred()
      ended = deferred()
    },
  }
}

/** The tests' `identify`: the user named by `x-test-user`, else nobody (`null`). */
export const identifyFromHeaders = async (
  headers: IncomingMessage["headers"],
): Promise<TestIdentity | null> => {
  await new Promise((resolve) => setImmediate(resolve))
  const user = headers["x-test-user"]
  return typeof user === "string" ? { id: `u-${user}`, name: user } : null
}

/** Reads an event stream until `count` events arrived; returns their texts. */
export const readEvents = async (
  reader: ReadableStreamDefaultReader<Uint8Array>,
  count: number,
  state = { buffer: "" },
): Promise<Array<string>> => {
  const decoder = new TextDecoder()
  const out: Array<string> = []
  while (out.length < count) {
    const end = state.buffer.indexOf("\n\n")
    if (end !== -1) {
      out.push(state.buffer.slice(0, end))
      state.buffer = state.buffer.slice(end + 2)
      continue
    }
    const { done, value } = await reader.read()
    if (done) break
    state.buffer += decoder.decode(value, { stream: true })
  }
  return out
}

/** A response as plain data, from a raw `node:http` request. */
export interface RawResponse {
  readonly status: number
  readonly statusMessage: string
  readonly headers: IncomingMessage["headers"]
  readonly body: string
}

/**
 * A request sent with `node:http`, for what fetch cannot do: a body written in
 * chunks, a wrong `Content-Length`, odd headers. Resolves with the response (or with
 * status 0 when the server cut the connection without one).
 */
export const rawRequest = (
  url: string,
  options: {
    readonly method?: string
    readonly headers?: Record<string, string | Array<string>>
    readonly chunks?: ReadonlyArray<Uint8Array | string>
    readonly setHost?: boolean
  } = {},
): Promise<RawResponse> =>
  new Promise((resolve, reject) => {
    const target = new URL(url)
    const req = httpRequest({
      host: target.hostname,
      port: target.port,
      path: target.pathname + target.search,
      method: options.method ?? "GET",
      headers: options.headers,
      setHost: options.setHost ?? true,
      agent: false,
    })
    let answered = false
    req.on("response", (res) => {
      answered = true
      const parts: Array<Buffer> = []
      res.on("data", (part: Buffer) => parts.push(part))
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          statusMessage: res.statusMessage ?? "",
          headers: res.headers,
          body: Buffer.concat(parts).toString("utf8"),
        }),
      )
      res.on("error", reject)
    })
    req.on("error", (error) => {
      if (!answered) resolve({ status: 0, statusMessage: String(error), headers: {}, body: "" })
    })
    const write = async () => {
      for (const chunk of options.chunks ?? []) {
        if (answered || req.destroyed) return
        req.write(chunk)
        await new Promise((r) => setTimeout(r, 2))
      }
      if (!answered && !req.destroyed) req.end()
    }
    void write()
  })

/** A JSON `RequestInit` for fetch. */
export const json = (value: unknown, method = "POST"): RequestInit => ({
  method,
  headers: { "content-type": "application/json" },
  body: JSON.stringify(value),
})
