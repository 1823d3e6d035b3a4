import Fastify, { type FastifyInstance } from "fastify"
import { afterEach, describe, expect, it } from "vitest"
import { type Harness, runAdapterCases } from "../../core/test/node/adapterCases.js"
import { type Echo, identifyFromHeaders, json, testInstance } from "../../core/test/node/support.js"
import { kommies } from "../src/index.js"

const listen = async (app: FastifyInstance) => {
  const address = await app.listen({ port: 0, host: "127.0.0.1" })
  let closed = false
  const close = async () => {
    if (closed) return
    closed = true
    app.server.closeAllConnections()
    await app.close()
  }
  return { origin: address, close }
}

const harness: Harness = {
  name: "fastify",
  prefix: "/kommies",
  async start({ instance, jsonParser, identify, maxBodyBytes }) {
    const app = Fastify()
    // Fastify parses JSON at the root by default; with `jsonParser` the host also
    // parses text at the root. Neither may reach inside the plugin.
    if (jsonParser)
      app.addContentTypeParser("text/markdown", { parseAs: "string" }, (_r, b, d) => d(null, b))
    await app.register(kommies, {
      prefix: "/kommies",
      instance,
      maxBodyBytes,
      identify: identify ? (request) => identifyFromHeaders(request.headers) : undefined,
    })
    app.get("/host", async () => "host")
    const { origin, close } = await listen(app)
    return { origin, close, dispose: () => app.close() }
  },
}

runAdapterCases(harness)

describe("fastify: encapsulation and lifecycle", () => {
  const apps: Array<() => Promise<void>> = []
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((close) => close()))
  })

  it("parsers – should leave the host's own routes parsing JSON as before", async () => {
    const test = testInstance()
    const app = Fastify()
    await app.register(kommies, { prefix: "/kommies", instance: test.instance })
    app.post("/host", async (request) => ({ parsed: request.body }))
    const { origin, close } = await listen(app)
    apps.push(close)
    const host = await fetch(`${origin}/host`, json({ a: 1 }))
    expect(await host.json()).toEqual({ parsed: { a: 1 } })
    const ours = (await (await fetch(`${origin}/kommies/echo`, json({ a: 1 }))).json()) as Echo
    expect(ours.body).toBe('{"a":1}')
  })

  it("no content type – should still hand the body over", async () => {
    const test = testInstance()
    const app = Fastify()
    await app.register(kommies, { prefix: "/kommies", instance: test.instance })
    const { origin, close } = await listen(app)
    apps.push(close)
    const res = await fetch(`${origin}/kommies/echo`, {
      method: "POST",
      body: new Blob(["untyped"]),
    })
    expect(((await res.json()) as Echo).body).toBe("untyped")
  })

  it("bodyLimit – should not apply Fastify's bodyLimit, only the adapter's", async () => {
    const test = testInstance()
    const app = Fastify({ bodyLimit: 10 })
    await app.register(kommies, { prefix: "/kommies", instance: test.instance })
    const { origin, close } = await listen(app)
    apps.push(close)
    const res = await fetch(`${origin}/kommies/echo`, { method: "POST", body: "x".repeat(100) })
    expect(((await res.json()) as Echo).body).toBe("x".repeat(100))
  })

  it("close – should dispose the instance on app.close(), even with a live event stream", async () => {
    const test = testInstance()
    const app = Fastify()
    await app.register(kommies, { prefix: "/kommies", instance: test.instance })
    const { origin } = await listen(app)
    const res = await fetch(`${origin}/kommies/events`)
    const reader = res.body!.getReader()
    await reader.read()
    await app.close()
    expect(test.disposals()).toBe(1)
    expect((await reader.read()).done).toBe(true)
  })

  it("trust proxy – should take the origin Fastify resolved under its own setting", async () => {
    const test = testInstance()
    const app = Fastify({ trustProxy: true })
    await app.register(kommies, { prefix: "/kommies", instance: test.instance })
    const { origin, close } = await listen(app)
    apps.push(close)
    const res = await fetch(`${origin}/kommies/echo`, {
      headers: {
        "x-forwarded-proto": "https",
        "x-forwarded-host": "blog.example",
        "x-forwarded-for": "203.0.113.9",
      },
    })
    const seen = (await res.json()) as Echo
    expect(seen.url).toBe("https://blog.example/kommies/echo")
    expect(seen.remoteAddress).toBe("203.0.113.9")
  })
})
