// Kommies in a Koa 3 app: the API under /kommies, and a Solid page at /
// (client.mjs renders <Comments>, bundled with esbuild at start).
// Memory store: everything is gone when the process stops.
import { readFileSync } from "node:fs"
import { kommies as kommiesMiddleware } from "@kommies/adapter-koa"
import { Kommies } from "@kommies/core"
import { makeHandler } from "@kommies/core/http"
import { build } from "esbuild"
import Koa from "koa"

const port = Number(process.env.PORT ?? 3000)
const prefix = "/kommies"
const thread = "/demo"
const styles = readFileSync(
  new URL(import.meta.resolve("@kommies/widget-solid/styles.css")),
  "utf8",
)

// The browser bundle, built once at start (no separate build step). The
// "browser" condition picks solid-js's browser build (esbuild's default for
// platform "browser").
const bundle = await build({
  entryPoints: [new URL("./client.mjs", import.meta.url).pathname],
  bundle: true,
  minify: true,
  format: "esm",
  platform: "browser",
  write: false,
  logLevel: "warning",
})
const script = bundle.outputFiles[0].text

// The services, shared by the API and by this file (which creates the demo site).
const kommies = Kommies.make()
// the prefix, written once: the API's links follow it
const comments = kommiesMiddleware(makeHandler({ kommies }), { prefix })

const render = (key) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="kommies-api" content="${prefix}">
<meta name="kommies-key" content="${key}">
<title>Kommies example (Koa + Solid)</title>
<style>${styles}</style>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; max-width: 42rem; margin: 2rem auto; padding: 0 1rem }
  body:has([data-kommies-theme="dark"]) { background: #111; color: #eee }
  nav a { margin-inline-end: 1rem; color: inherit }
</style>
</head>
<body>
<main>
<h1>Comments on <code>${thread}</code></h1>
<nav aria-label="Display"><a href="/">Light</a><a href="/?theme=dark">Dark</a><a href="/?locale=ar">العربية</a></nav>
<div id="comments" data-site="${key}" data-page="${thread}" data-base-url="${prefix}">Loading comments…</div>
</main>
<script type="module" src="/client.js"></script>
</body>
</html>`

const app = new Koa()
app.use(comments)
let page = null
app.use(async (ctx) => {
  if (ctx.path === "/client.js") {
    ctx.type = "text/javascript; charset=utf-8"
    ctx.body = script
    return
  }
  if (ctx.path !== "/") return // Koa answers 404
  if (page === null) {
    ctx.status = 503
    ctx.body = "Starting…"
  } else {
    ctx.type = "html"
    ctx.body = page
  }
})

const server = app.listen(port, async () => {
  const { port: actual } = server.address()
  const origin = `http://localhost:${actual}`
  const { site } = await kommies.sites.create({
    name: "Kommies example (Koa)",
    allowedOrigins: [origin, `http://127.0.0.1:${actual}`],
  })
  page = render(site.publicKey)
  console.log(`Kommies example (Koa) on ${origin}
  page:        ${origin}/
  API:         ${origin}${prefix}
  API docs:    ${origin}${prefix}/docs
  public key:  ${site.publicKey}
  thread /demo: ${origin}${prefix}/threads/%2Fdemo/comments?key=${site.publicKey}`)
})

const stop = async () => {
  await comments.dispose() // ends live event streams
  server.close()
  await kommies.dispose()
}
process.once("SIGINT", stop)
process.once("SIGTERM", stop)
