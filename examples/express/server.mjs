// Kommies in an Express 5 app: the API under /kommies, and a React page at /
// rendered on the server (<Comments initialData={await loadThread(…)} />) and
// hydrated in the browser by client.mjs, bundled with esbuild at start.
// Memory store: everything is gone when the process stops.
import { readFileSync } from "node:fs"
import { kommies as mountKommies } from "@kommies/adapter-express"
import { createClient } from "@kommies/client"
import { catalog as ar } from "@kommies/client/locales/ar"
import { Kommies } from "@kommies/core"
import { makeHandler } from "@kommies/core/http"
import { Comments, loadThread } from "@kommies/widget-react"
import { build } from "esbuild"
import express from "express"
import { createElement } from "react"
import { renderToString } from "react-dom/server"

const port = Number(process.env.PORT ?? 3000)
const prefix = "/kommies"
const thread = "/demo"
const styles = readFileSync(
  new URL(import.meta.resolve("@kommies/widget-react/styles.css")),
  "utf8",
)

// The browser bundle, built once at start (no separate build step).
const bundle = await build({
  entryPoints: [new URL("./client.mjs", import.meta.url).pathname],
  bundle: true,
  minify: true,
  format: "esm",
  platform: "browser",
  write: false,
  define: { "process.env.NODE_ENV": '"production"' },
  logLevel: "warning",
})
const script = bundle.outputFiles[0].text

// The services, shared by the API and by this file (which creates the demo site).
const kommies = Kommies.make()
const comments = mountKommies(makeHandler({ kommies }))

/** JSON inside <script>: nothing in it may close the element. */
const json = (value) => JSON.stringify(value).replace(/</g, "\\u003c")
const escapeHtml = (text) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`)

const app = express()
app.use(prefix, comments) // the prefix, written once: the API's links follow it
let site = null
app.get("/client.js", (_req, res) => res.type("js").send(script))
app.get("/", async (req, res, next) => {
  if (site === null) return res.status(503).send("Starting…")
  try {
    const theme = req.query.theme === "dark" ? "dark" : "light"
    const locale = req.query.locale === "ar" ? "ar" : "en"
    // The server reads the thread through the API, like any other client.
    const client = createClient({ baseUrl: `${site.origin}${prefix}`, siteKey: site.key })
    const initialData = await loadThread(client, thread)
    const props = { site: site.key, page: thread, baseUrl: prefix, theme, locale, initialData }
    const html = renderToString(
      createElement(Comments, { ...props, catalog: locale === "ar" ? ar : undefined }),
    )
    res.type("html").send(page({ props, html, locale }))
  } catch (error) {
    next(error)
  }
})

const page = ({ props, html, locale }) => `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="kommies-api" content="${prefix}">
<meta name="kommies-key" content="${escapeHtml(props.site)}">
<title>Kommies example (Express + React)</title>
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
<div id="comments">${html}</div>
</main>
<script type="application/json" id="kommies-props">${json(props)}</script>
<script type="module" src="/client.js"></script>
</body>
</html>`

const server = app.listen(port, async () => {
  const { port: actual } = server.address()
  const origin = `http://localhost:${actual}`
  const created = await kommies.sites.create({
    name: "Kommies example (Express)",
    allowedOrigins: [origin, `http://127.0.0.1:${actual}`],
  })
  site = { key: created.site.publicKey, origin: `http://127.0.0.1:${actual}` }
  console.log(`Kommies example (Express) on ${origin}
  page:        ${origin}/
  API:         ${origin}${prefix}
  API docs:    ${origin}${prefix}/docs
  public key:  ${site.key}
  thread /demo: ${origin}${prefix}/threads/%2Fdemo/comments?key=${site.key}`)
})

const stop = async () => {
  await comments.dispose() // ends live event streams
  server.close()
  await kommies.dispose()
}
process.once("SIGINT", stop)
process.once("SIGTERM", stop)
