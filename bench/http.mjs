// Benchmark of the Kommies API through each adapter over real sockets:
// `GET /kommies/threads/{key}/comments?limit=50` of a thread with 50 comments, as an
// anonymous reader (the widget's first request), through Express, Fastify and Koa,
// beside a bare `node:http` server that answers the same bytes, in the same run.
//
// Each server runs in a child process of its own (one core), the load generator
// (autocannon, in process: keep-alive connections, bounded concurrency and
// duration) in this one. Rate limits are on (set high enough never to refuse),
// so their cost is in the figures. Not a test: run it by hand after the build:
//
//   npm run build && node bench/http.mjs
//
// BENCH_SECONDS (default 5) per target and round, BENCH_CONNECTIONS (default 16),
// BENCH_ROUNDS (default 1; targets interleave, the best round counts).
import { fork } from "node:child_process"
import { once } from "node:events"
import { createServer } from "node:http"

const prefix = "/kommies"
const path = `${prefix}/threads/${encodeURIComponent("/post/1")}/comments?limit=50`
const targets = ["bare node:http", "express", "fastify", "koa"]

// ---------------------------------------------------------------- server side

/** The API over the memory store with 50 comments on /post/1. */
const seed = async () => {
  const { Kommies } = await import("@kommies/core")
  const { makeHandler } = await import("@kommies/core/http")
  const kommies = Kommies.make({
    tokens: { secret: "bench-secret-bench-secret-bench-secret-0123" },
  })
  const { site } = await kommies.sites.create({ name: "Bench", settings: { minSubmitMillis: 0 } })
  for (let i = 0; i < 50; i++) {
    const guest = await kommies.commenters.guest(site.id, { displayName: `Reader ${i}` })
    const actor = await kommies.actors.commenter(site.id, guest.id)
    await kommies.comments.create(actor, {
      threadKey: "/post/1",
      body: `Comment number ${i}, with *some* Markdown and a [link](https://example.com/${i}).`,
    })
  }
  const huge = 1_000_000_000
  const instance = makeHandler({
    kommies,
    rateLimits: { anonymousPerMinute: huge, signedInPerMinute: huge, postsPerMinute: huge },
  })
  return { instance, key: site.publicKey }
}

const listen = async (server) => {
  server.listen(0, "127.0.0.1")
  await once(server, "listening")
  return server.address().port
}

const serve = async (target) => {
  const { instance, key } = await seed()
  let port
  if (target === "bare node:http") {
    // the same bytes the API answers, from a plain handler
    const response = await instance.handler(
      new Request(`http://127.0.0.1${path}`, { headers: { "x-kommies-key": key } }),
      { prefix },
    )
    const bytes = Buffer.from(await response.arrayBuffer())
    const page = JSON.parse(bytes.toString("utf8"))
    if (response.status !== 200 || page.comments?.length !== 50)
      throw new Error(`the page is not 50 comments: ${response.status} ${bytes.slice(0, 200)}`)
    const type = response.headers.get("content-type")
    port = await listen(
      createServer((_req, res) => {
        res.writeHead(200, { "content-type": type, "content-length": bytes.byteLength })
        res.end(bytes)
      }),
    )
  } else if (target === "express") {
    const { default: express } = await import("express")
    const { kommies } = await import("@kommies/adapter-express")
    const app = express()
    app.use(prefix, kommies(instance))
    port = await listen(createServer(app))
  } else if (target === "fastify") {
    const { default: Fastify } = await import("fastify")
    const { kommies } = await import("@kommies/adapter-fastify")
    const app = Fastify()
    await app.register(kommies, { prefix, instance })
    await app.listen({ port: 0, host: "127.0.0.1" })
    port = app.server.address().port
  } else if (target === "koa") {
    const { default: Koa } = await import("koa")
    const { kommies } = await import("@kommies/adapter-koa")
    const app = new Koa()
    app.use(kommies(instance, { prefix }))
    port = await listen(createServer(app.callback()))
  }
  process.send({ port, key })
}

// ---------------------------------------------------------------- load side

const measure = async (url, key, seconds, connections) => {
  const { default: autocannon } = await import("autocannon")
  const run = (duration) =>
    autocannon({ url, connections, duration, headers: { "x-kommies-key": key } })
  await run(1) // warm-up: JIT, caches
  const result = await run(seconds)
  if (result.non2xx > 0 || result.errors > 0 || result.requests.total === 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`)
  return {
    rps: result.requests.total / seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    bytes: result.throughput.total / result.requests.total,
  }
}

const main = async () => {
  const seconds = Number(process.env.BENCH_SECONDS ?? 5)
  const connections = Number(process.env.BENCH_CONNECTIONS ?? 16)
  const rounds = Number(process.env.BENCH_ROUNDS ?? 1)
  const best = {}
  for (let round = 0; round < rounds; round++) {
    for (const target of targets) {
      const child = fork(new URL(import.meta.url), ["--serve", target], { stdio: "inherit" })
      try {
        const [{ port, key }] = await once(child, "message")
        const figures = await measure(`http://127.0.0.1:${port}${path}`, key, seconds, connections)
        if (best[target] === undefined || figures.rps > best[target].rps) best[target] = figures
      } finally {
        child.kill()
      }
    }
  }
  const bare = best["bare node:http"].rps
  console.log(
    `GET ${path} — 50 comments, ~${Math.round(best["bare node:http"].bytes)} bytes per response`,
  )
  console.log(
    `${connections} keep-alive connections, ${seconds} s per target, best of ${rounds} round(s); each server in its own process\n`,
  )
  const row = (cells) =>
    console.log(cells.map((cell, i) => (i === 0 ? cell.padEnd(16) : cell.padStart(10))).join(" "))
  row(["target", "req/s", "p50 ms", "p99 ms", "vs bare"])
  for (const target of targets) {
    const f = best[target]
    row([
      target,
      Math.round(f.rps).toString(),
      f.p50.toFixed(2),
      f.p99.toFixed(2),
      `${((f.rps / bare) * 100).toFixed(1)}%`,
    ])
  }
}

if (process.argv[2] === "--serve") await serve(process.argv[3])
else await main()
