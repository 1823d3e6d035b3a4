// Builds the dashboard (dashboard/src, React) into dist/dashboard/: one
// minified JS bundle, one CSS file, both named by content hash, and an
// index.html that loads them from /dashboard/. No inline script or style, so
// the server can send `Content-Security-Policy: script-src 'self'`.
import { mkdir, readFile, rm, writeFile } from "node:fs/promises"
import { basename, join } from "node:path"
import { fileURLToPath } from "node:url"
import { build } from "esbuild"

const root = fileURLToPath(new URL("..", import.meta.url))
const outdir = join(root, "dist", "dashboard")
const base = "/dashboard/"

await rm(outdir, { recursive: true, force: true })
await mkdir(outdir, { recursive: true })

const result = await build({
  entryPoints: { app: join(root, "dashboard", "src", "main.tsx") },
  outdir,
  bundle: true,
  minify: true,
  format: "esm",
  target: ["es2022", "chrome111", "firefox111", "safari16"],
  jsx: "automatic",
  entryNames: "[name]-[hash]",
  assetNames: "[name]-[hash]",
  legalComments: "eof",
  metafile: true,
  define: { "process.env.NODE_ENV": '"production"' },
  logLevel: "warning",
})

const outputs = Object.keys(result.metafile.outputs).map((file) => basename(file))
const js = outputs.find((file) => /^app-.*\.js$/.test(file))
const css = outputs.find((file) => /^app-.*\.css$/.test(file))
if (js === undefined || css === undefined)
  throw new Error(`dashboard build: no bundle in ${outputs}`)

const template = await readFile(join(root, "dashboard", "index.html"), "utf8")
const html = template
  .replace("<!-- styles -->", `<link rel="stylesheet" href="${base}${css}">`)
  .replace("<!-- script -->", `<script type="module" src="${base}${js}"></script>`)
await writeFile(join(outdir, "index.html"), html)
console.log(`dashboard: ${base}index.html, ${js}, ${css}`)
