/**
 * The server's own pages and files: `/` (links), `/demo` (comments through
 * embed.js), `/docs` (to the API's docs page), the widget's `embed.js`,
 * `count.js`, `styles.css` and `locales/*.js`, and the dashboard app at
 * `/dashboard/` (its `index.html` for every client-side route). The demo's
 * comments say who reads and who types (`data-kommies-live`: this server
 * speaks the realtime WebSocket, see ../realtime/RealtimeSocket.ts).
 * The widget's files are the ones its build made (`embed-*.js` are parts
 * embed.js loads when they are needed).
 *
 * No inline scripts anywhere, so the Content-Security-Policy can say
 * `script-src 'self'`.
 *
 * @since 0.1.0
 */
import { readdirSync } from "node:fs"
import { join } from "node:path"
import type { FastifyPluginAsync, FastifyReply } from "fastify"
import type { AppContext } from "../AppContext.js"
import { type FoundFile, fileIn, packageRoot, widgetDist } from "./files.js"

/** Options of {@link pages}. */
export interface PagesOptions {
  readonly app: AppContext
  /** The demo site's public key once the site exists (null while starting). */
  readonly demoKey: () => string | null
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

const layout = (title: string, body: string) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; max-width: 44rem; margin: 2rem auto; padding: 0 1rem; color: #1b1b1b }
  a { color: #0b57d0 } code { font-size: .9em } li { margin: .3rem 0 }
  @media (prefers-color-scheme: dark) { body { background: #121212; color: #eee } a { color: #8ab4f8 } }
</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`

const landing = (app: AppContext) =>
  layout(
    "Kommies",
    `<h1>Kommies</h1>
<p>Comments for your websites. This server runs in <strong>${app.mode}</strong> mode.</p>
<ul>
  <li><a href="/dashboard/">Dashboard</a>: sign up, sites and keys, moderation, analytics${app.billingEnabled ? ", billing" : ""}</li>
  <li><a href="/demo">Demo page</a>: comments through <code>embed.js</code></li>
  <li><a href="/api/docs">API docs</a> and <a href="/api/openapi.json">OpenAPI document</a></li>
  <li>Operations: <a href="/health">/health</a>, <a href="/ready">/ready</a>, <a href="/metrics">/metrics</a></li>
</ul>
<h2>Add comments to a page</h2>
<pre><code>&lt;div data-kommies-site="kp_…" data-kommies-page="/post/1"&gt;&lt;/div&gt;
&lt;script src="${escapeHtml(app.publicUrl)}/embed.js" async&gt;&lt;/script&gt;</code></pre>
`,
  )

const demo = (app: AppContext, key: string) =>
  layout(
    "Kommies demo",
    `<h1>Kommies demo</h1>
<p><a href="/">Home</a> · <a href="/dashboard/">Dashboard</a> · this page has <span data-kommies-count data-kommies-site="${escapeHtml(key)}" data-kommies-page="/demo" data-kommies-base-url="${escapeHtml(app.publicUrl)}/api"></span></p>
<div id="comments" data-kommies-site="${escapeHtml(key)}" data-kommies-page="/demo" data-kommies-base-url="${escapeHtml(app.publicUrl)}/api" data-kommies-live>Loading comments…</div>
<script src="/embed.js" async></script>
<script src="/count.js" async></script>
`,
  )

const sendFile = (reply: FastifyReply, file: FoundFile, cache: string) =>
  reply.type(file.type).header("cache-control", cache).send(file.body)

/**
 * The pages and files, as a Fastify plugin.
 *
 * @since 0.1.0
 * @category plugins
 */
export const pages: FastifyPluginAsync<PagesOptions> = async (fastify, { app, demoKey }) => {
  fastify.get("/", (_request, reply) => reply.type("text/html; charset=utf-8").send(landing(app)))
  fastify.get("/demo", (_request, reply) => {
    const key = demoKey()
    if (key === null) return reply.code(503).header("retry-after", "1").send("Starting…")
    return reply
      .type("text/html; charset=utf-8")
      .header("cache-control", "no-store")
      .send(demo(app, key))
  })
  fastify.get("/docs", (_request, reply) => reply.redirect("/api/docs", 302))
  fastify.get("/favicon.ico", (_request, reply) =>
    reply.code(204).header("cache-control", "public, max-age=86400").send(),
  )

  const widget = widgetDist()
  const asset = (name: string) => async (_request: unknown, reply: FastifyReply) => {
    const file = widget === null ? null : await fileIn(widget, name)
    if (file === null)
      return reply
        .code(404)
        .type("text/plain; charset=utf-8")
        .send(
          `${name} is missing: build @kommies/widget-solid (npm run build -w @kommies/widget-solid)`,
        )
    // Other sites load these files (no-cors): they must be allowed cross-origin.
    reply.header("cross-origin-resource-policy", "cross-origin")
    return sendFile(reply, file, "public, max-age=300, stale-while-revalidate=86400")
  }
  // embed.js, count.js, styles.css, and the parts embed.js loads on demand (embed-*.js)
  const names = new Set(["embed.js", "count.js", "styles.css"])
  if (widget !== null)
    for (const name of readdirSync(widget))
      if (/^(embed|count)-[a-z0-9-]+\.js$/.test(name)) names.add(name)
  for (const name of names) fastify.get(`/${name}`, asset(name))
  fastify.get<{ Params: { lang: string } }>("/locales/:lang", (request, reply) =>
    /^[a-z]{2,3}\.js$/.test(request.params.lang)
      ? asset(`locales/${request.params.lang}`)(request, reply)
      : reply.code(404).send(),
  )

  const dashboard = join(packageRoot(), "dist", "dashboard")
  const dashboardFile = async (
    request: { readonly params: { readonly "*"?: string } },
    reply: FastifyReply,
  ) => {
    const rest = request.params["*"] ?? ""
    if (rest === "api" || rest.startsWith("api/"))
      return reply
        .code(404)
        .type("application/problem+json")
        .send({ type: "about:blank", title: "Not found", status: 404, code: "not_found" })
    const file = rest === "" ? null : await fileIn(dashboard, rest)
    // Hashed assets never change; everything else must be revalidated.
    if (file !== null)
      return sendFile(
        reply,
        file,
        rest.startsWith("assets/") ? "public, max-age=31536000, immutable" : "no-cache",
      )
    if (/\.[a-z0-9]{1,5}$/i.test(rest)) return reply.code(404).send()
    const index = await fileIn(dashboard, "index.html")
    if (index === null)
      return reply
        .code(503)
        .type("text/plain; charset=utf-8")
        .send("The dashboard is not built: npm run build -w @kommies/reference-server")
    return sendFile(reply, index, "no-cache")
  }
  fastify.get("/dashboard", (_request, reply) => reply.redirect("/dashboard/", 301))
  fastify.get("/dashboard/", (_request, reply) => dashboardFile({ params: {} }, reply))
  fastify.get<{ Params: { "*": string } }>("/dashboard/*", dashboardFile)
}
