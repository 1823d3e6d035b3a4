import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import { afterEach, describe, expect, it } from "vitest"
import {
  disconnectSignal,
  NodeRequestError,
  nodeHandler,
  type NodeHandlerOptions,
  type NodeRequestInput,
  toRequest,
  writeResponse,
} from "../../src/node.js"
import {
  type Echo,
  identifyFromHeaders,
  json,
  rawRequest,
  readEvents,
  type TestIdentity,
  testInstance,
} from "./support.js"

type Listener = (req: IncomingMessage, res: ServerResponse) => void
const servers: Array<() => Promise<void>> = []

const listen = async (listener: Listener): Promise<string> => {
  const server = createServer(listener)
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  servers.push(
    () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  )
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((close) => close()))
})

/** A node:http server serving the test instance through `nodeHandler`. */
const start = async (
  options: NodeHandlerOptions = {},
  input: (req: IncomingMessage) => NodeRequestInput<TestIdentity> = () => ({}),
  before: (req: IncomingMessage & { body?: unknown; rawBody?: unknown }) => void = () => {},
) => {
  const test = testInstance()
  const errors: Array<unknown> = []
  const serve = nodeHandler(test.instance.handler, {
    onError: (error) => errors.push(error),
    ...options,
  })
  const origin = await listen((req, res) => {
    before(req)
    void serve(req, res, input(req))
  })
  return { ...test, origin, errors }
}

/** Reads the whole body first, as a body parser would, then sets what it set. */
const parsedBy =
  (set: (req: IncomingMessage & { body?: unknown; rawBody?: unknown }, raw: Buffer) => void) =>
  (listener: Listener): Listener =>
  (req, res) => {
    const parts: Array<Buffer> = []
    req.on("data", (part: Buffer) => parts.push(part))
    req.on("end", () => {
      set(req, Buffer.concat(parts))
      listener(req, res)
    })
  }

const startParsed = async (
  set: (req: IncomingMessage & { body?: unknown; rawBody?: unknown }, raw: Buffer) => void,
  options: NodeHandlerOptions = {},
) => {
  const test = testInstance()
  const serve = nodeHandler(test.instance.handler, options)
  const origin = await listen(parsedBy(set)((req, res) => void serve(req, res)))
  return { ...test, origin }
}

describe("toRequest", () => {
  it("url – should be built from Host and the request target, query included", async () => {
    const { origin } = await start()
    const echo = (await (await fetch(`${origin}/echo?a=1&b=%20x`)).json()) as Echo
    expect(echo.url).toBe(`${origin}/echo?a=1&b=%20x`)
    expect(echo.method).toBe("GET")
    expect(echo.prefix).toBeNull()
    expect(echo.realIp).toBe("127.0.0.1")
  })

  it("prefix – should keep a prefix already in the path and say where the handler is mounted", async () => {
    const { origin } = await start({ prefix: "/kommies/" })
    const echo = (await (await fetch(`${origin}/kommies/echo`)).json()) as Echo
    expect(echo.url).toBe(`${origin}/kommies/echo`)
    expect(echo.prefix).toBe("/kommies")
  })

  it("prefix – should put back a prefix the framework stripped, preferring originalUrl", async () => {
    const stripped = await start({}, () => ({ prefix: "/kommies" }))
    const echo = (await (await fetch(`${stripped.origin}/echo?x=1`)).json()) as Echo
    expect(echo.url).toBe(`${stripped.origin}/kommies/echo?x=1`)
    const original = await start({ prefix: "/kommies" }, undefined, (req) => {
      Object.assign(req, { originalUrl: req.url, url: req.url!.replace("/kommies", "") || "/" })
    })
    const viaOriginal = (await (await fetch(`${original.origin}/kommies/echo`)).json()) as Echo
    expect(viaOriginal.url).toBe(`${original.origin}/kommies/echo`)
  })

  it("proxy – should drop forwarded headers from an untrusted client", async () => {
    const { origin } = await start({ prefix: "/kommies" })
    const res = await fetch(`${origin}/kommies/echo`, {
      headers: {
        "x-forwarded-host": "evil.example",
        "x-forwarded-proto": "https",
        "x-forwarded-for": "6.6.6.6",
        "x-forwarded-prefix": "/evil",
        "x-real-ip": "6.6.6.6",
      },
    })
    const echo = (await res.json()) as Echo
    expect(echo.url).toBe(`${origin}/kommies/echo`)
    expect(echo.realIp).toBe("127.0.0.1")
    expect(echo.prefix).toBe("/kommies")
  })

  it("proxy – should build the public URL from a trusted proxy's headers", async () => {
    const { origin } = await start({ prefix: "/kommies", trustProxy: true })
    const res = await fetch(`${origin}/kommies/echo`, {
      headers: {
        "x-forwarded-host": "comments.example, inner",
        "x-forwarded-proto": "https",
        "x-forwarded-for": "203.0.113.7, 10.0.0.1",
        "x-forwarded-prefix": "/api/",
      },
    })
    const echo = (await res.json()) as Echo
    expect(echo.url).toBe("https://comments.example/api/kommies/echo")
    expect(echo.prefix).toBe("/api/kommies")
    expect(echo.realIp).toBe("203.0.113.7")
  })

  it("origin – should take the scheme, host and address a framework resolved", async () => {
    const { origin } = await start({}, () => ({
      protocol: "https",
      host: "blog.example:8443",
      ip: "198.51.100.1",
    }))
    const echo = (await (await fetch(`${origin}/echo`)).json()) as Echo
    expect(echo.url).toBe("https://blog.example:8443/echo")
    expect(echo.realIp).toBe("198.51.100.1")
  })

  it("host – should answer 400 to a Host no URL can be built from", async () => {
    const { origin, calls } = await start()
    const res = await rawRequest(`${origin}/echo`, {
      headers: { host: "evil.example/other?" },
      setHost: false,
    })
    expect(res.status).toBe(400)
    expect(res.headers["content-type"]).toBe("application/problem+json")
    expect(JSON.parse(res.body)).toMatchObject({ status: 400, code: "bad_request" })
    expect(calls).toEqual([])
  })

  it("headers – should keep repeated request headers", async () => {
    const test = testInstance()
    let seen: Headers | undefined
    const origin = await listen((req, res) => {
      seen = toRequest(req).headers
      res.end()
    })
    await rawRequest(`${origin}/`, { headers: { "x-many": ["a", "b"], cookie: "k=v" } })
    expect(seen?.get("x-many")).toBe("a, b")
    expect(seen?.get("cookie")).toBe("k=v")
    expect(test.calls).toEqual([])
  })

  it("body – should stream an unread body to the handler as it arrives", async () => {
    const { origin } = await start()
    const res = await rawRequest(`${origin}/echo`, {
      method: "POST",
      headers: { "content-type": "text/plain", "transfer-encoding": "chunked" },
      chunks: ["hello ", "streamed ", "world"],
    })
    const echo = JSON.parse(res.body) as Echo
    expect(echo.body).toBe("hello streamed world")
    expect(echo.contentType).toBe("text/plain")
  })

  it("body – should send no body for GET and HEAD", async () => {
    const { origin } = await start()
    const res = await fetch(`${origin}/echo`, { method: "GET" })
    expect(((await res.json()) as Echo).body).toBe("")
    const head = await fetch(`${origin}/echo`, { method: "HEAD" })
    expect(head.status).toBe(200)
    expect(await head.text()).toBe("")
  })

  it("body – should re-serialize a parsed object as JSON, keeping a JSON content type", async () => {
    const { origin } = await startParsed((req, raw) => {
      req.body = JSON.parse(raw.toString())
    })
    const res = await fetch(`${origin}/echo`, {
      method: "PATCH",
      headers: { "content-type": "application/merge-patch+json; charset=utf-8" },
      body: '{ "body" : "édité" }',
    })
    const echo = (await res.json()) as Echo
    expect(JSON.parse(echo.body)).toEqual({ body: "édité" })
    expect(echo.contentType).toBe("application/merge-patch+json; charset=utf-8")
    expect(echo.contentLength).toBe(String(Buffer.byteLength(echo.body)))
  })

  it("body – should send a parsed string or Buffer as it is", async () => {
    const asString = await startParsed((req, raw) => {
      req.body = raw.toString()
    })
    const text = await fetch(`${asString.origin}/echo`, {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: "plain text ✓",
    })
    expect(((await text.json()) as Echo).body).toBe("plain text ✓")
    const asBuffer = await startParsed((req, raw) => {
      req.body = raw
    })
    const bytes = await fetch(`${asBuffer.origin}/echo`, { method: "POST", body: "raw bytes" })
    expect(((await bytes.json()) as Echo).body).toBe("raw bytes")
  })

  it("body – should re-encode a parsed form as a form", async () => {
    const { origin } = await startParsed((req, raw) => {
      req.body = Object.fromEntries(new URLSearchParams(raw.toString()))
    })
    const res = await fetch(`${origin}/echo`, {
      method: "POST",
      body: new URLSearchParams({ name: "Ada L", body: "a&b" }),
    })
    const echo = (await res.json()) as Echo
    expect(Object.fromEntries(new URLSearchParams(echo.body))).toEqual({
      name: "Ada L",
      body: "a&b",
    })
    expect(echo.contentType).toMatch(/^application\/x-www-form-urlencoded/)
  })

  it("body – should prefer the raw bytes a framework kept over its parsed value", async () => {
    const { origin } = await startParsed((req, raw) => {
      req.body = { parsed: true }
      req.rawBody = raw
    })
    const res = await fetch(`${origin}/echo`, json({ spacing: "kept" }))
    expect(((await res.json()) as Echo).body).toBe('{"spacing":"kept"}')
  })

  it("body – should send nothing when the stream was read and nothing was kept", async () => {
    const { origin } = await startParsed(() => {})
    const res = await fetch(`${origin}/echo`, json({ lost: true }))
    expect(((await res.json()) as Echo).body).toBe("")
  })

  it("body – should take an explicit parsed body (Koa's ctx.request.body)", async () => {
    const test = testInstance()
    const serve = nodeHandler(test.instance.handler)
    const origin = await listen(
      parsedBy(() => {})((req, res) => void serve(req, res, { body: { from: "koa" } })),
    )
    const res = await fetch(`${origin}/echo`, json({ ignored: true }))
    const echo = (await res.json()) as Echo
    expect(JSON.parse(echo.body)).toEqual({ from: "koa" })
  })

  it("signal – should abort the Request when the client disconnects", async () => {
    let aborted!: () => void
    const abortedP = new Promise<void>((resolve) => {
      aborted = resolve
    })
    const origin = await listen((req, res) => {
      const signal = disconnectSignal(req, res)
      const request = toRequest(req, { signal })
      request.signal.addEventListener("abort", () => aborted())
    })
    const controller = new AbortController()
    const pending = fetch(`${origin}/`, { signal: controller.signal }).catch(() => "aborted")
    await new Promise((r) => setTimeout(r, 50))
    controller.abort()
    expect(await pending).toBe("aborted")
    await abortedP
  })
})

describe("body size limit", () => {
  it("limit – should answer 413 without calling the handler when Content-Length is too big", async () => {
    const { origin, calls } = await start({ maxBodyBytes: 16 })
    const res = await fetch(`${origin}/echo`, {
      method: "POST",
      headers: { "x-request-id": "req-413" },
      body: "x".repeat(17),
    })
    expect(res.status).toBe(413)
    expect(res.headers.get("content-type")).toBe("application/problem+json")
    expect(res.headers.get("x-request-id")).toBe("req-413")
    expect(res.headers.get("x-process-time")).toMatch(/^\d+\.\d\d$/)
    expect(await res.json()).toEqual({
      type: "urn:kommies:problem:body_too_large",
      title: "Content Too Large",
      status: 413,
      detail: "The request body is larger than 16 bytes",
      code: "body_too_large",
    })
    expect(calls).toEqual([])
  })

  it("limit – should stop reading a streamed body at the limit and answer 413", async () => {
    const { origin, calls } = await start({ maxBodyBytes: 1000 })
    const chunk = "y".repeat(400)
    const res = await rawRequest(`${origin}/echo`, {
      method: "POST",
      headers: { "transfer-encoding": "chunked" },
      chunks: Array.from({ length: 2000 }, () => chunk),
    })
    expect(res.status).toBe(413)
    expect(res.headers.connection).toBe("close")
    expect(JSON.parse(res.body)).toMatchObject({ code: "body_too_large" })
    expect(calls).toEqual(["POST /echo"])
  })

  it("limit – should hold a body a framework parsed to the same limit", async () => {
    const { origin } = await startParsed(
      (req, raw) => {
        req.body = raw.toString()
      },
      { maxBodyBytes: 10 },
    )
    const res = await fetch(`${origin}/echo`, { method: "POST", body: "z".repeat(11) })
    expect(res.status).toBe(413)
  })

  it("limit – should let a body exactly at the limit through", async () => {
    const { origin } = await start({ maxBodyBytes: 10 })
    const res = await rawRequest(`${origin}/echo`, {
      method: "POST",
      headers: { "transfer-encoding": "chunked" },
      chunks: ["12345", "67890"],
    })
    expect(JSON.parse(res.body)).toMatchObject({ body: "1234567890" })
  })

  it("error – should be a NodeRequestError from toRequest", async () => {
    let thrown: unknown
    const origin = await listen((req, res) => {
      try {
        toRequest(req, { maxBodyBytes: 1 })
      } catch (error) {
        thrown = error
      }
      res.end()
    })
    await fetch(`${origin}/`, { method: "POST", body: "too long" })
    expect(thrown).toBeInstanceOf(NodeRequestError)
    expect(thrown).toMatchObject({ status: 413, code: "body_too_large" })
  })
})

describe("writeResponse", () => {
  it("headers – should write status text and each Set-Cookie apart", async () => {
    const { origin } = await start()
    const res = await rawRequest(`${origin}/cookies`)
    expect(res.status).toBe(201)
    expect(res.statusMessage).toBe("Baked")
    expect(res.headers["set-cookie"]).toEqual(["a=1; Path=/; HttpOnly", "b=2; Path=/"])
    expect(res.body).toBe("cookies")
  })

  it("length – should send a one-chunk body with a Content-Length", async () => {
    const { origin } = await start()
    const res = await rawRequest(`${origin}/echo`)
    expect(res.headers["content-length"]).toBe(String(Buffer.byteLength(res.body)))
    expect(res.headers["x-echo"]).toBe("1")
  })

  it("HEAD – should send headers without a body", async () => {
    const origin = await listen((req, res) => {
      void writeResponse(res, new Response("body", { headers: { "x-head": "yes" } }))
      void req
    })
    const res = await rawRequest(`${origin}/`, { method: "HEAD" })
    expect(res.headers["x-head"]).toBe("yes")
    expect(res.body).toBe("")
  })

  it("204 – should send no body", async () => {
    const origin = await listen((_req, res) => {
      void writeResponse(res, new Response(null, { status: 204 }))
    })
    const res = await fetch(`${origin}/`)
    expect(res.status).toBe(204)
    expect(await res.text()).toBe("")
  })

  it("stream – should send a big body whole", async () => {
    const { origin } = await start()
    const size = 5 * 1024 * 1024 + 3
    const res = await fetch(`${origin}/big?size=${size}`)
    const body = new Uint8Array(await res.arrayBuffer())
    expect(body.length).toBe(size)
    expect(body.every((byte) => byte === 97)).toBe(true)
  })

  it("backpressure – should read the body no faster than the client takes it", async () => {
    const test = await start()
    const size = 256 * 1024 * 1024
    const res = await fetch(`${test.origin}/big?size=${size}`)
    const reader = res.body!.getReader()
    await reader.read()
    await new Promise((r) => setTimeout(r, 200))
    expect(test.produced()).toBeLessThan(32 * 1024 * 1024)
    await reader.cancel()
  })

  it("SSE – should deliver each event before the next one is made", async () => {
    const test = await start()
    const res = await fetch(`${test.origin}/events`)
    expect(res.headers.get("content-type")).toBe("text/event-stream")
    const reader = res.body!.getReader()
    const state = { buffer: "" }
    expect(await readEvents(reader, 1, state)).toEqual(["id: 1\ndata: tick 1"])
    test.release()
    expect(await readEvents(reader, 1, state)).toEqual(["id: 2\ndata: tick 2"])
    test.release()
    expect(await readEvents(reader, 1, state)).toEqual(["id: 3\ndata: tick 3"])
    await reader.cancel()
  })

  it("SSE – should send headers before the first event exists", async () => {
    const origin = await listen((_req, res) => {
      const body = new ReadableStream<Uint8Array>({ pull: () => new Promise(() => {}) })
      void writeResponse(
        res,
        new Response(body, { headers: { "content-type": "text/event-stream" } }),
      )
    })
    const controller = new AbortController()
    const res = await fetch(`${origin}/`, { signal: controller.signal })
    expect(res.status).toBe(200)
    controller.abort()
  })

  it("abort – should cancel the body and abort the Request when the client leaves mid-stream", async () => {
    const test = await start()
    const controller = new AbortController()
    const res = await fetch(`${test.origin}/events`, { signal: controller.signal })
    const reader = res.body!.getReader()
    await readEvents(reader, 1)
    controller.abort()
    expect(await test.streamEnded()).toEqual({ signalAborted: true, cancelled: true })
  })

  it("broken – should answer 500 when the body fails before anything was sent", async () => {
    const { origin } = await start()
    const res = await fetch(`${origin}/broken`)
    expect(res.status).toBe(500)
    expect(await res.text()).toBe("")
  })

  it("broken – should cut the connection when the body fails midway", async () => {
    const { origin } = await start()
    const res = await fetch(`${origin}/broken?late`)
    expect(res.status).toBe(200)
    await expect(res.text()).rejects.toThrow()
  })

  it("writeResponse – should resolve, not reject, on a response that already went out", async () => {
    let result: unknown = "pending"
    const origin = await listen((_req, res) => {
      res.end("first")
      writeResponse(res, new Response("second")).then(
        () => {
          result = "resolved"
        },
        () => {
          result = "rejected"
        },
      )
    })
    expect(await (await fetch(`${origin}/`)).text()).toBe("first")
    await new Promise((r) => setTimeout(r, 20))
    expect(result).toBe("resolved")
  })
})

describe("nodeHandler", () => {
  it("failure – should answer a throwing handler with a 500 problem and report it", async () => {
    const { origin, errors } = await start()
    const res = await fetch(`${origin}/fail`)
    expect(res.status).toBe(500)
    expect(await res.json()).toMatchObject({ status: 500, code: "internal" })
    expect(errors).toHaveLength(1)
    expect((await fetch(`${origin}/echo`)).status).toBe(200)
  })

  it("identify – should pass the host's user as context.identity, null included", async () => {
    const { origin } = await start({}, (req) => ({
      identify: () => identifyFromHeaders(req.headers),
    }))
    const signedIn = (await (
      await fetch(`${origin}/echo`, { headers: { "x-test-user": "ada" } })
    ).json()) as Echo
    expect(signedIn.identity).toEqual({ id: "u-ada", name: "ada" })
    const anonymous = (await (await fetch(`${origin}/echo`)).json()) as Echo
    expect(anonymous.identity).toBeNull()
    expect(anonymous.hasIdentity).toBe(true)
  })

  it("context – should give the client's address, and no identity without identify", async () => {
    const { origin } = await start()
    const echo = (await (await fetch(`${origin}/echo`)).json()) as Echo
    expect(echo.hasIdentity).toBe(false)
    expect(echo.remoteAddress).toBe("127.0.0.1")
  })

  it("identify – should answer 500 when identify throws", async () => {
    const { origin, errors, calls } = await start({}, () => ({
      identify: () => Promise.reject(new Error("session store down")),
    }))
    expect((await fetch(`${origin}/echo`)).status).toBe(500)
    expect(errors).toHaveLength(1)
    expect(calls).toEqual([])
  })

  it("never rejects – should answer 500 even when onError itself throws", async () => {
    const test = testInstance()
    const outcomes: Array<string> = []
    const serve = nodeHandler(test.instance.handler, {
      onError: () => {
        throw new Error("the reporter failed too")
      },
    })
    const origin = await listen((req, res) => {
      serve(req, res).then(
        () => outcomes.push("resolved"),
        () => outcomes.push("rejected"),
      )
    })
    expect((await fetch(`${origin}/fail`)).status).toBe(500)
    await new Promise((r) => setTimeout(r, 10))
    expect(outcomes).toEqual(["resolved"])
  })

  it("keep-alive – should serve the next request on the same connection", async () => {
    const { origin } = await start()
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${origin}/echo`, json({ i }))
      expect(JSON.parse(((await res.json()) as Echo).body)).toEqual({ i })
    }
  })
})
