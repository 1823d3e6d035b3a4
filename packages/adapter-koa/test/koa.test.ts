import type { Server } from "node:http"
import type { AddressInfo } from "node:net"
import Koa from "koa"
import bodyParser from "koa-bodyparser"
import { afterEach, describe, expect, it } from "vitest"
import { type Harness, runAdapterCases } from "../../core/test/node/adapterCases.js"
import { type Echo, json, identifyFromHeaders, testInstance } from "../../core/test/node/support.js"
import { kommies } from "../src/index.js"

const listen = async (app: Koa) => {
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s))
  })
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    })
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close }
}

/** The host's own route, after Kommies. */
const hostRoute: Koa.Middleware = async (ctx, next) => {
  if (ctx.path === "/host") ctx.body = "host"
  else await next()
}

const harness: Harness = {
  name: "koa",
  prefix: "/kommies",
  async start({ instance, jsonParser, identify, maxBodyBytes }) {
    const app = new Koa()
    if (jsonParser) app.use(bodyParser())
    const middleware = kommies(instance, {
      prefix: "/kommies",
      maxBodyBytes,
      identify: identify ? (ctx) => identifyFromHeaders(ctx.headers) : undefined,
    })
    app.use(middleware)
    app.use(hostRoute)
    const { origin, close } = await listen(app)
    return { origin, close, dispose: middleware.dispose }
  },
}

runAdapterCases(harness)

describe("koa: bodies koa-bodyparser read (ctx.request.body)", () => {
  const closers: Array<() => Promise<void>> = []
  afterEach(async () => {
    await Promise.all(closers.splice(0).map((close) => close()))
  })
  const start = async (...before: Array<Koa.Middleware>) => {
    const test = testInstance()
    const app = new Koa()
    for (const middleware of before) app.use(middleware)
    app.use(kommies(test.instance, { prefix: "/kommies/" }))
    const { origin, close } = await listen(app)
    closers.push(close)
    return { ...test, base: `${origin}/kommies` }
  }
  const echo = async (res: Response) => (await res.json()) as Echo

  it("rawBody – should send the bytes koa-bodyparser kept, not a re-serialization", async () => {
    const { base } = await start(bodyParser())
    const res = await fetch(`${base}/echo`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{ "spaced" : true }',
    })
    expect((await echo(res)).body).toBe('{ "spaced" : true }')
  })

  it("form – should send a form koa-bodyparser read", async () => {
    const { base } = await start(bodyParser())
    const res = await fetch(`${base}/echo`, {
      method: "POST",
      body: new URLSearchParams({ name: "Ada" }),
    })
    expect((await echo(res)).body).toBe("name=Ada")
  })

  it("parsed – should re-serialize ctx.request.body when no raw body was kept", async () => {
    const { base } = await start(async (ctx, next) => {
      const chunks: Array<Buffer> = []
      for await (const chunk of ctx.req) chunks.push(chunk as Buffer)
      ;(ctx.request as { body?: unknown }).body = JSON.parse(Buffer.concat(chunks).toString())
      await next()
    })
    const res = await fetch(`${base}/echo`, json({ from: "ctx.request.body" }))
    expect(JSON.parse((await echo(res)).body)).toEqual({ from: "ctx.request.body" })
  })

  it("GET – should send no body although koa-bodyparser set ctx.request.body to {}", async () => {
    const { base } = await start(bodyParser())
    const seen = await echo(await fetch(`${base}/echo`))
    expect(seen.body).toBe("")
  })
})

describe("koa: mounting", () => {
  it("prefix – should call next() outside the prefix and serve the root when it has none", async () => {
    const test = testInstance()
    const app = new Koa()
    app.use(kommies(test.instance))
    const { origin, close } = await listen(app)
    try {
      const seen = (await (await fetch(`${origin}/echo`)).json()) as Echo
      expect(seen.url).toBe(`${origin}/echo`)
      expect(seen.prefix).toBeNull()
    } finally {
      await close()
    }
  })

  it("proxy – should take the origin Koa resolved under app.proxy", async () => {
    const test = testInstance()
    const app = new Koa({ proxy: true })
    app.use(kommies(test.instance, { prefix: "/kommies" }))
    const { origin, close } = await listen(app)
    try {
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
    } finally {
      await close()
    }
  })
})
