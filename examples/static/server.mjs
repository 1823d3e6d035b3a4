// A static page with embed.js and count.js, served by Koa 3 beside the Kommies
// API under /kommies: GET / (index.html), /embed.js, /count.js, /styles.css
// (which embed.js links), /embed-<part>.js (what embed.js loads on first
// use) and /locales/<lang>.js (the files of
// @kommies/widget-solid's dist/).
// Memory store: everything is gone when the process stops.
import { readFileSync } from "node:fs"
import { kommies as kommiesMiddleware } from "@kommies/adapter-koa"
import { Kommies } from "@kommies/core"
import { makeHandler } from "@kommies/core/http"
import Koa from "koa"

const port = Number(process.env.PORT ?? 3000)
const prefix = "/kommies"
const template = readFileSync(new URL("./index.html", import.meta.url), "utf8")
const dist = new URL("./", import.meta.resolve("@kommies/widget-solid/embed.js"))

// The services, shared by the API and by this file (which creates the demo site).
const kommies = Kommies.make()
// the prefix, written once: the API's links follow it
const comments = kommiesMiddleware(makeHandler({ kommies }), { prefix })

const app = new Koa()
app.use(comments)
let page = null
app.use(async (ctx) => {
  // The scripts and the stylesheet: only these names, read from the package's dist/.
  if (/^\/((embed(-[a-z]+)?|count|locales\/[a-z]{2})\.js|styles\.css)$/.test(ctx.path)) {
    try {
      ctx.body = readFileSync(new URL(`.${ctx.path}`, dist))
    } catch {
      return // 404
    }
    ctx.type = ctx.path.endsWith(".css")
      ? "text/css; charset=utf-8"
      : "text/javascript; charset=utf-8"
    ctx.set("Cache-Control", "public, max-age=300, stale-while-revalidate=86400")
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
    name: "Kommies example (static)",
    allowedOrigins: [origin, `http://127.0.0.1:${actual}`],
  })
  page = template.replaceAll("{{KEY}}", site.publicKey)
  console.log(`Kommies example (static) on ${origin}
  page:        ${origin}/
  scripts:     ${origin}/embed.js, ${origin}/count.js, ${origin}/styles.css
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
