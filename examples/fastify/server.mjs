// Kommies in a Fastify 5 app: the API under /kommies, one HTML page at /.
// Memory store: everything is gone when the process stops.
import { readFileSync } from "node:fs"
import { Kommies } from "@kommies/core"
import { makeHandler } from "@kommies/core/http"
import { kommies as kommiesPlugin } from "@kommies/adapter-fastify"
import Fastify from "fastify"

const port = Number(process.env.PORT ?? 3000)
const prefix = "/kommies"
const template = readFileSync(new URL("./index.html", import.meta.url), "utf8")

// The services, shared by the API and by this file (which creates the demo site).
const kommies = Kommies.make()

const app = Fastify()
// the prefix, written once: the API's links follow it; app.close() disposes the API
await app.register(kommiesPlugin, { prefix, instance: makeHandler({ kommies }) })
let page = null
app.get("/", async (_request, reply) => {
  if (page === null) return reply.code(503).send("Starting…")
  return reply.type("text/html; charset=utf-8").send(page)
})

await app.listen({ port })
const { port: actual } = app.server.address()
const origin = `http://localhost:${actual}`
const { site } = await kommies.sites.create({
  name: "Kommies example (Fastify)",
  allowedOrigins: [origin, `http://127.0.0.1:${actual}`],
})
page = template.replace("{{API}}", prefix).replace("{{KEY}}", site.publicKey)
console.log(`Kommies example (Fastify) on ${origin}
  page:        ${origin}/
  API:         ${origin}${prefix}
  API docs:    ${origin}${prefix}/docs
  public key:  ${site.publicKey}
  thread /demo: ${origin}${prefix}/threads/%2Fdemo/comments?key=${site.publicKey}`)

const stop = async () => {
  await app.close() // disposes the API first, ending live event streams
  await kommies.dispose()
}
process.once("SIGINT", stop)
process.once("SIGTERM", stop)
