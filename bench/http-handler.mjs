// Benchmark of @kommies/core/http's web handler, in process (no sockets):
// `GET /threads/{key}/comments` of a thread with 50 comments, as an anonymous
// reader, through `makeHandler` with and without the page cache, beside a bare
// `new Response(sameBytes)` and a one-route HttpApi, measured in the same run.
// Rounds are interleaved; each figure is the best round's mean, and p99 over all
// requests. Not a test: run it by hand after the build:
//
//   npm run build -w packages/core && node bench/http-handler.mjs
//
// bench/http.mjs measures the same route through each adapter over real sockets.
import { performance } from "node:perf_hooks"
import {
  HttpApi,
  HttpApiBuilder,
  HttpApiEndpoint,
  HttpApiGroup,
  HttpServer,
} from "@effect/platform"
import { Kommies } from "@kommies/core"
import { makeHandler } from "@kommies/core/http"
import { Effect, Layer, Schema } from "effect"

const rounds = Number(process.env.BENCH_ROUNDS ?? 10)
const perRound = Number(process.env.BENCH_REQUESTS ?? 500)

const kommies = Kommies.make({ tokens: { secret: "bench-secret-bench-secret-bench-secret-0123" } })
const { site } = await kommies.sites.create({ name: "Bench", settings: { minSubmitMillis: 0 } })
for (let i = 0; i < 50; i++) {
  const guest = await kommies.commenters.guest(site.id, { displayName: `Reader ${i}` })
  const actor = await kommies.actors.commenter(site.id, guest.id)
  await kommies.comments.create(actor, {
    threadKey: "/post/1",
    body: `Comment number ${i}, with *some* Markdown and a [link](https://example.com/${i}).`,
  })
}

const cached = makeHandler({ kommies, rateLimits: false })
const uncached = makeHandler({ kommies, rateLimits: false, pageCache: false })
const path = `/threads/${encodeURIComponent("/post/1")}/comments?limit=50`
const request = () =>
  new Request(`http://bench.local${path}`, { headers: { "x-kommies-key": site.publicKey } })
const bytes = new Uint8Array(await (await cached.handler(request())).arrayBuffer())

class Api extends HttpApi.make("bench").add(
  HttpApiGroup.make("g").add(
    HttpApiEndpoint.get("health", "/health").addSuccess(Schema.Struct({ ok: Schema.Boolean })),
  ),
) {}
const bare = HttpApiBuilder.toWebHandler(
  Layer.mergeAll(
    HttpApiBuilder.api(Api).pipe(
      Layer.provide(
        HttpApiBuilder.group(Api, "g", (h) =>
          h.handle("health", () => Effect.succeed({ ok: true })),
        ),
      ),
    ),
    HttpServer.layerContext,
  ),
)

const variants = {
  "bare Response (same bytes)": async () =>
    new Response(bytes, { headers: { "content-type": "application/json" } }),
  "HttpApi, one trivial route": () => bare.handler(new Request("http://bench.local/health")),
  "makeHandler, page cache": () => cached.handler(request()),
  "makeHandler, no page cache": () => uncached.handler(request()),
}

const best = {}
const latencies = {}
for (const name of Object.keys(variants)) latencies[name] = []
for (let i = 0; i < 200; i++)
  for (const fn of Object.values(variants)) await (await fn()).arrayBuffer()
for (let round = 0; round < rounds; round++) {
  for (const [name, fn] of Object.entries(variants)) {
    const started = performance.now()
    for (let i = 0; i < perRound; i++) {
      const t = performance.now()
      await (await fn()).arrayBuffer()
      latencies[name].push(performance.now() - t)
    }
    const mean = (performance.now() - started) / perRound
    best[name] = Math.min(best[name] ?? Number.POSITIVE_INFINITY, mean)
  }
}

const baseline = best["bare Response (same bytes)"]
console.log(`GET ${path} — ${bytes.byteLength} bytes, ${rounds} rounds × ${perRound} requests\n`)
console.log(
  `${"variant".padEnd(30)} ${"req/s".padStart(9)} ${"mean µs".padStart(9)} ${"p99 µs".padStart(9)} ${"vs bare".padStart(8)}`,
)
for (const [name, mean] of Object.entries(best)) {
  const sorted = latencies[name].sort((a, b) => a - b)
  const p99 = sorted[Math.floor(sorted.length * 0.99)]
  console.log(
    `${name.padEnd(30)} ${Math.round(1000 / mean)
      .toString()
      .padStart(
        9,
      )} ${(mean * 1000).toFixed(1).padStart(9)} ${(p99 * 1000).toFixed(1).padStart(9)} ${`${((baseline / mean) * 100).toFixed(1)}%`.padStart(8)}`,
  )
}

await cached.dispose()
await uncached.dispose()
await bare.dispose()
await kommies.dispose()
