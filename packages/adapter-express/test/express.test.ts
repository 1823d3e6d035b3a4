import type { Server } from "node:http"
import type { AddressInfo } from "node:net"
import express, { type Express } from "express"
import { afterEach, describe, expect, it } from "vitest"
import { type Harness, runAdapterCases } from "../../core/test/node/adapterCases.js"
import { type Echo, identifyFromHeaders, json, testInstance } from "../../core/test/node/support.js"
import { type KommiesExpressOptions, kommies } from "../src/index.js"

const listen = async (app: Express) => {
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

const harness: Harness = {
  name: "express",
  prefix: "/kommies",
  async start({ instance, jsonParser, identify, maxBodyBytes }) {
    const app = express()
    if (jsonParser) app.use(express.json())
    const middleware = kommies(instance, {
      maxBodyBytes,
      identify: identify ? (req) => identifyFromHeaders(req.headers) : undefined,
    })
    app.use("/kommies", middleware)
    app.get("/host", (_req, res) => {
      res.send("host")
    })
    const { origin, close } = await listen(app)
    return { origin, close, dispose: middleware.dispose }
  },
}

runAdapterCases(harness)

describe("express: bodies Express parsed (req.body)", () => {
  const closers: Array<() => Promise<void>> = []
  afterEach(async () => {
    await Promise.all(closers.splice(0).map((close) => close()))
  })
  const start = async (
    parsers: ReadonlyArray<express.RequestHandler>,
    options: KommiesExpressOptions = {},
  ) => {
    const test = testInstance()
    const app = express()
    app.use(...parsers)
    app.use("/kommies", kommies(test.instance, options))
    const { origin, close } = await listen(app)
    closers.push(close)
    return { ...test, base: `${origin}/kommies` }
  }
  const echo = async (res: Response) => (await res.json()) as Echo

  it("object – should re-serialize express.json()'s object, keeping the content type", async () => {
    const { base } = await start([express.json({ type: ["application/json", "+json"] })])
    const res = await fetch(`${base}/echo`, {
      method: "PATCH",
      headers: { "content-type": "application/merge-patch+json" },
      body: '{ "body": "edited" }',
    })
    const seen = await echo(res)
    expect(JSON.parse(seen.body)).toEqual({ body: "edited" })
    expect(seen.contentType).toBe("application/merge-patch+json")
  })

  it("string – should send express.text()'s string as it is", async () => {
    const { base } = await start([express.text({ type: "text/*" })])
    const res = await fetch(`${base}/echo`, {
      method: "POST",
      headers: { "content-type": "text/plain; charset=utf-8" },
      body: "plain ✓",
    })
    expect((await echo(res)).body).toBe("plain ✓")
  })

  it("Buffer – should send express.raw()'s Buffer as it is", async () => {
    const { base } = await start([express.raw({ type: "*/*" })])
    const res = await fetch(`${base}/echo`, { method: "POST", body: "raw bytes" })
    expect((await echo(res)).body).toBe("raw bytes")
  })

  it("form – should re-encode express.urlencoded()'s object as a form", async () => {
    const { base } = await start([express.urlencoded()])
    const res = await fetch(`${base}/echo`, {
      method: "POST",
      body: new URLSearchParams({ name: "Ada", body: "1 & 2" }),
    })
    const seen = await echo(res)
    expect(Object.fromEntries(new URLSearchParams(seen.body))).toEqual({
      name: "Ada",
      body: "1 & 2",
    })
  })

  it("empty – should send no body when express.json() saw none", async () => {
    const { base } = await start([express.json()])
    const res = await fetch(`${base}/echo`, { method: "DELETE" })
    expect((await echo(res)).body).toBe("")
  })

  it("rawBody – should prefer the bytes a verify hook kept (signature checks)", async () => {
    const verify = (req: express.Request & { rawBody?: Buffer }, _res: unknown, buf: Buffer) => {
      req.rawBody = buf
    }
    const { base } = await start([express.json({ verify })])
    const res = await fetch(`${base}/echo`, json({ kept: "as sent" }))
    expect((await echo(res)).body).toBe('{"kept":"as sent"}')
  })

  it("limit – should hold a parsed body to the adapter's limit", async () => {
    const { base } = await start([express.text()], { maxBodyBytes: 8 })
    const res = await fetch(`${base}/echo`, {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: "123456789",
    })
    expect(res.status).toBe(413)
  })
})

describe("express: mounting", () => {
  it("router – should keep every mount path a nested router stripped", async () => {
    const test = testInstance()
    const app = express()
    const api = express.Router()
    api.use("/comments", kommies(test.instance))
    app.use("/api", api)
    const { origin, close } = await listen(app)
    try {
      const seen = (await (await fetch(`${origin}/api/comments/echo`)).json()) as Echo
      expect(seen.url).toBe(`${origin}/api/comments/echo`)
      expect(seen.prefix).toBe("/api/comments")
    } finally {
      await close()
    }
  })

  it("trust proxy – should take the origin Express resolved under its own setting", async () => {
    const test = testInstance()
    const app = express()
    app.set("trust proxy", "loopback")
    app.use("/kommies", kommies(test.instance))
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
