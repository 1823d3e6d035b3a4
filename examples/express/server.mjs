// Kommies in an Express 5 app: the API under /kommies, one HTML page at /.
// Memory store: everything is gone when the process stops.
import { readFileSync } from "node:fs"
import { Kommies } from "@kommies/core"
import { makeHandler } from "@kommies/core/http"
import { kommies as mountKommies } from "@kommies/adapter-express"
import express from "express"

const port = Number(process.env.PORT ?? 3000)
const prefix = "/kommies"
const template = readFileSync(new URL("./index.html", import.meta.url), "utf8")

// The services, shared by the API and by this file (which creates the demo site).
const kommies = Kommies.make()
const comments = mountKommies(makeHandler({ kommies }))

const app = express()
app.use(prefix, comments) // the prefix, written once: the API's links follow it
let page = null
app.get("/", (_req, res) => {
  if (page === null) res.status(503).send("Starting…")
  else res.type("html").send(page)
})

const server = app.listen(port, async () => {
  const { port: actual } = server.address()
  const origin = `http://localhost:${actual}`
  const { site } = await kommies.sites.create({
    name: "Kommies example (Express)",
    allowedOrigins: [origin, `http://127.0.0.1:${actual}`],
  })
  page = template.replace("{{API}}", prefix).replace("{{KEY}}", site.publicKey)
  console.log(`Kommies example (Express) on ${origin}
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
