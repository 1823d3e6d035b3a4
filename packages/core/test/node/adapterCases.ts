/**
 * The adapter-specific cases, written once and run by each adapter package against
 * its framework on loopback: mounting under a prefix, with and without a JSON body
 * parser mounted first, the body size limit, SSE event by event, client abort,
 * identify, dispose. Each adapter supplies a {@link Harness} that starts its
 * framework the way a host app would. These cases drive the bridge with test
 * handlers (echo, a ticker the test releases); the real API through each adapter
 * is the published `HttpConformance` suite of `@kommies/core/testing`.
 */
import { afterEach, describe, expect, it, vi } from "vitest"
import type { WebHandlerInstance } from "../../src/node.js"
import {
  type Echo,
  json,
  rawRequest,
  readEvents,
  type TestIdentity,
  testInstance,
} from "./support.js"

/** How a harness starts the host app. */
export interface StartOptions {
  readonly instance: WebHandlerInstance<TestIdentity>
  /** Mount the framework's JSON body parser before Kommies. */
  readonly jsonParser: boolean
  /** Pass `identify` (use `identifyFromHeaders`). */
  readonly identify: boolean
  readonly maxBodyBytes?: number
}

/** A running host app. */
export interface Started {
  /** `http://127.0.0.1:port`. */
  readonly origin: string
  /** Disposes the way the framework's users would (Fastify: `app.close()`). */
  readonly dispose: () => Promise<void>
  /** Stops the server, cutting open connections. */
  readonly close: () => Promise<void>
}

/**
 * One framework: starts an app with Kommies mounted at `prefix`, its own route
 * `GET /host` answering `host`, and a 404 of its own for anything else.
 */
export interface Harness {
  readonly name: string
  readonly prefix: string
  readonly start: (options: StartOptions) => Promise<Started>
}

export const runAdapterCases = (harness: Harness) => {
  const { prefix } = harness
  const running: Array<Started> = []
  afterEach(async () => {
    await Promise.all(running.splice(0).map((app) => app.close()))
  })
  const start = async (options: Partial<Omit<StartOptions, "instance">> = {}) => {
    const test = testInstance()
    const app = await harness.start({
      instance: test.instance,
      jsonParser: false,
      identify: false,
      ...options,
    })
    running.push(app)
    return { ...test, ...app, base: `${app.origin}${prefix}` }
  }

  describe(`${harness.name}: mounting`, () => {
    it("prefix – should give the handler the full path under the prefix", async () => {
      const app = await start()
      const echo = (await (await fetch(`${app.base}/echo?q=1`)).json()) as Echo
      expect(echo.url).toBe(`${app.base}/echo?q=1`)
      expect(echo.prefix).toBe(prefix)
      expect(echo.realIp).toBe("127.0.0.1")
      expect(echo.remoteAddress).toBe("127.0.0.1")
    })

    it("prefix – should hand the prefix itself to the handler", async () => {
      const app = await start()
      const res = await fetch(app.base)
      expect(res.status).toBe(404)
      expect(await res.json()).toEqual({ code: "not_found", route: "" })
      expect(app.calls).toEqual(["GET "])
    })

    it("prefix – should leave the host's other routes to the host", async () => {
      const app = await start()
      const res = await fetch(`${app.origin}/host`)
      expect(await res.text()).toBe("host")
      expect((await fetch(`${app.origin}/elsewhere`)).status).toBe(404)
      expect((await fetch(`${app.origin}${prefix}x/echo`)).status).toBe(404)
      expect(app.calls).toEqual([])
    })

    it("methods – should pass every method through, and HEAD without a body", async () => {
      const app = await start()
      for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]) {
        const echo = (await (await fetch(`${app.base}/echo`, { method })).json()) as Echo
        expect(echo.method).toBe(method)
      }
      const head = await rawRequest(`${app.base}/echo`, { method: "HEAD" })
      expect(head.status).toBe(200)
      expect(head.headers["x-echo"]).toBe("1")
      expect(head.body).toBe("")
    })

    it("headers – should write status text and every Set-Cookie", async () => {
      const app = await start()
      const res = await rawRequest(`${app.base}/cookies`)
      expect(res.status).toBe(201)
      expect(res.statusMessage).toBe("Baked")
      expect(res.headers["set-cookie"]).toEqual(["a=1; Path=/; HttpOnly", "b=2; Path=/"])
    })

    it("failure – should answer a throwing handler with a 500 problem, and keep serving", async () => {
      const app = await start()
      const quiet = vi.spyOn(console, "error").mockImplementation(() => {})
      try {
        const res = await fetch(`${app.base}/fail`)
        expect(res.status).toBe(500)
        expect(res.headers.get("content-type")).toBe("application/problem+json")
        expect((await fetch(`${app.base}/echo`)).status).toBe(200)
      } finally {
        quiet.mockRestore()
      }
    })
  })

  for (const jsonParser of [false, true]) {
    describe(`${harness.name}: bodies, ${jsonParser ? "JSON parser mounted first" : "no body parser"}`, () => {
      it("json – should give the handler the JSON body", async () => {
        const app = await start({ jsonParser })
        const res = await fetch(`${app.base}/echo`, json({ body: "Hello *world*", n: 1 }))
        const echo = (await res.json()) as Echo
        expect(JSON.parse(echo.body)).toEqual({ body: "Hello *world*", n: 1 })
        expect(echo.contentType).toMatch(/^application\/json/)
      })

      it("text – should give the handler a body the parser does not take", async () => {
        const app = await start({ jsonParser })
        const res = await fetch(`${app.base}/echo`, {
          method: "POST",
          headers: { "content-type": "text/markdown" },
          body: "# title ✓",
        })
        expect(((await res.json()) as Echo).body).toBe("# title ✓")
      })

      it("empty – should give the handler an empty body", async () => {
        const app = await start({ jsonParser })
        const res = await fetch(`${app.base}/echo`, {
          method: "POST",
          headers: { "content-type": "application/json" },
        })
        expect(((await res.json()) as Echo).body).toBe("")
      })

      it("chunked – should stream a body sent in chunks", async () => {
        const app = await start({ jsonParser })
        const res = await rawRequest(`${app.base}/echo`, {
          method: "POST",
          headers: { "content-type": "application/json", "transfer-encoding": "chunked" },
          chunks: ['{"a":', '"b"', "}"],
        })
        expect(JSON.parse((JSON.parse(res.body) as Echo).body)).toEqual({ a: "b" })
      })
    })
  }

  describe(`${harness.name}: body size limit`, () => {
    it("limit – should answer 413 to a declared length over the limit, without calling the handler", async () => {
      const app = await start({ maxBodyBytes: 64 })
      const res = await fetch(`${app.base}/echo`, {
        method: "POST",
        headers: { "content-type": "text/plain" },
        body: "x".repeat(65),
      })
      expect(res.status).toBe(413)
      expect(await res.json()).toMatchObject({ status: 413, code: "body_too_large" })
      expect(app.calls).toEqual([])
    })

    it("limit – should stop reading a chunked body at the limit and answer 413", async () => {
      const app = await start({ maxBodyBytes: 1024 })
      const res = await rawRequest(`${app.base}/echo`, {
        method: "POST",
        headers: { "content-type": "text/plain", "transfer-encoding": "chunked" },
        chunks: Array.from({ length: 1000 }, () => "y".repeat(500)),
      })
      expect(res.status).toBe(413)
    })

    it("limit – should let a body up to the limit through", async () => {
      const app = await start({ maxBodyBytes: 64 })
      const res = await fetch(`${app.base}/echo`, { method: "POST", body: "z".repeat(64) })
      expect(((await res.json()) as Echo).body).toBe("z".repeat(64))
    })
  })

  describe(`${harness.name}: streaming`, () => {
    it("SSE – should deliver each event before the handler makes the next", async () => {
      const app = await start({ jsonParser: true })
      const res = await fetch(`${app.base}/events`)
      expect(res.headers.get("content-type")).toBe("text/event-stream")
      const reader = res.body!.getReader()
      const state = { buffer: "" }
      expect(await readEvents(reader, 1, state)).toEqual(["id: 1\ndata: tick 1"])
      app.release()
      expect(await readEvents(reader, 1, state)).toEqual(["id: 2\ndata: tick 2"])
      app.release()
      expect(await readEvents(reader, 1, state)).toEqual(["id: 3\ndata: tick 3"])
      await reader.cancel()
    })

    it("abort – should abort the request and cancel the stream when the client leaves", async () => {
      const app = await start()
      const controller = new AbortController()
      const res = await fetch(`${app.base}/events`, { signal: controller.signal })
      await readEvents(res.body!.getReader(), 1)
      controller.abort()
      expect(await app.streamEnded()).toEqual({ signalAborted: true, cancelled: true })
    })

    it("big – should send a large body whole", async () => {
      const app = await start()
      const size = 3 * 1024 * 1024 + 1
      const res = await fetch(`${app.base}/big?size=${size}`)
      expect((await res.arrayBuffer()).byteLength).toBe(size)
    })
  })

  describe(`${harness.name}: identify and dispose`, () => {
    it("identify – should pass the host's user, or null, as context.identity", async () => {
      const app = await start({ identify: true, jsonParser: true })
      const ada = await fetch(`${app.base}/echo`, {
        ...json({ x: 1 }),
        headers: { "content-type": "application/json", "x-test-user": "ada" },
      })
      expect(((await ada.json()) as Echo).identity).toEqual({ id: "u-ada", name: "ada" })
      const nobody = (await (await fetch(`${app.base}/echo`)).json()) as Echo
      expect(nobody.identity).toBeNull()
      expect(nobody.hasIdentity).toBe(true)
    })

    it("identify – should pass no identity without identify", async () => {
      const app = await start()
      const echo = (await (await fetch(`${app.base}/echo`)).json()) as Echo
      expect(echo.hasIdentity).toBe(false)
    })

    it("dispose – should dispose the instance once and end open event streams", async () => {
      const app = await start()
      const res = await fetch(`${app.base}/events`)
      const reader = res.body!.getReader()
      await readEvents(reader, 1)
      await app.dispose()
      await app.dispose()
      expect(app.disposals()).toBe(1)
      const rest = await readEvents(reader, 1)
      expect(rest).toEqual([])
    })
  })
}
