// Bundle budgets of what pages download. Each budgeted export is bundled the
// way an app would bundle it (esbuild: minified ESM for the browser, the
// package's peer dependencies left external), gzipped, and compared with its
// budget. Page scripts (`shipped: true`: embed.js, its parts, count.js) are
// not bundled again by anybody: they are measured as the files pages load,
// already minified. Browser bundles must not pull in server code (core,
// Effect). Run after `npm run build`; add a line to `budgets` for every new
// entry.
import { existsSync, readdirSync, readFileSync } from "node:fs"
import { join, relative } from "node:path"
import { gzipSync } from "node:zlib"
import { build } from "esbuild"

const root = new URL("..", import.meta.url).pathname
const KB = 1024

/** Bytes a browser bundle must never contain. */
const serverCode = [/packages\/core\//, /node_modules\/effect\//, /node_modules\/@effect\//]

const budgets = [
  { pkg: "packages/client", exp: ".", limit: 6 * KB, forbid: serverCode },
  ...["en", "de", "fr", "es", "ja", "zh", "ar"].map((locale) => ({
    pkg: "packages/client",
    exp: `./locales/${locale}`,
    limit: 2 * KB,
    forbid: serverCode,
  })),
  { pkg: "packages/client", exp: "./styles.css", limit: 4 * KB },
  { pkg: "packages/client", exp: "./ui", limit: 4 * KB, forbid: serverCode },
  // Framework widgets. Issue 6: "each framework widget without its framework
  // at most 10 KB; the client at most 6 KB". We read the widget budget as the
  // binding itself: its framework AND @kommies/client (main entry, ./ui rules,
  // locale catalogs) are left out, because the client is a package of its own,
  // budgeted above on its own terms (6 KB main entry, 4 KB ui, 2 KB a locale),
  // and shared by every widget and script of a page that uses it. The issue's
  // numbers agree: client 6 KB + binding ≤ 10 KB would leave no room for
  // embed.js (Solid + client + binding) within 15 KB. What a page downloads
  // all told (the binding plus the client and the English catalog, still
  // without the framework) is measured too, in the `+ client` rows: their
  // limits are today's sizes, so that they cannot grow.
  // widget-solid's own rows are held at their sizes + ~0.2 KB since embed.js
  // was split into parts (its components moved into smaller modules).
  ...["widget-react", "widget-vue", "widget-solid"].flatMap((name) => [
    {
      pkg: `packages/${name}`,
      exp: ".",
      limit: name === "widget-solid" ? 7.7 * KB : 10 * KB,
      shared: true,
      forbid: serverCode,
    },
    {
      pkg: `packages/${name}`,
      exp: ".",
      label: "+ client",
      // Raised once, by 0.2 KB, for the site theme and the presence messages.
      limit: name === "widget-solid" ? 14.7 * KB : 14.2 * KB,
      forbid: serverCode,
    },
    {
      pkg: `packages/${name}`,
      exp: "./primitives",
      limit: name === "widget-solid" ? 6.4 * KB : 5.5 * KB,
      shared: true,
      forbid: serverCode,
    },
    { pkg: `packages/${name}`, exp: "./styles.css", limit: 4 * KB },
  ]),
  // widget-solid's page scripts. embed.js holds what a reader needs on the
  // first render (Solid, the client, the English catalog), links styles.css
  // beside it, and loads the rest on first use from its parts beside it:
  // issue 6's "embed.js everything included at most 15 KB min+gzip". Each
  // part is held at its size + ~0.2 KB; see the package's README, "Sizes".
  {
    pkg: "packages/widget-solid",
    exp: "./embed.js",
    limit: 15 * KB,
    shipped: true,
    forbid: serverCode,
  },
  ...[
    ["signin", 1.7],
    ["composer", 1.85],
    ["actions", 1.75],
    ["moderate", 1.05],
    ["reveal", 0.5],
    ["live", 1.35],
  ].map(([part, limit]) => ({
    pkg: "packages/widget-solid",
    file: `dist/embed-${part}.js`,
    limit: limit * KB,
    shipped: true,
    forbid: serverCode,
  })),
  {
    pkg: "packages/widget-solid",
    exp: "./count.js",
    limit: 2 * KB,
    shipped: true,
    forbid: serverCode,
  },
]

const targetOf = (entry) =>
  typeof entry === "string" ? entry : (entry?.browser ?? entry?.import ?? entry?.default)

/** The shared client, left out of a binding's own measure (`shared: true`). */
const sharedClient = ["@kommies/client", "@kommies/client/*"]

const measure = async ({ pkg, exp, file: path, label, shared = false, shipped, forbid = [] }) => {
  const dir = join(root, pkg)
  const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"))
  const target = path ?? targetOf(manifest.exports?.[exp])
  if (!target) throw new Error(`${manifest.name} has no export "${exp}"`)
  const file = join(dir, target)
  if (!existsSync(file))
    throw new Error(`${relative(root, file)} is missing: run \`npm run build\``)
  const result = await build({
    entryPoints: [file],
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    charset: "utf8",
    write: false,
    metafile: true,
    logLevel: "silent",
    external: [...Object.keys(manifest.peerDependencies ?? {}), ...(shared ? sharedClient : [])],
    outdir: "out",
  })
  const contents = shipped ? [readFileSync(file)] : result.outputFiles.map((f) => f.contents)
  const bytes = contents.reduce((sum, c) => sum + c.length, 0)
  const gzip = contents.reduce((sum, c) => sum + gzipSync(c, { level: 9 }).length, 0)
  const leaks = Object.keys(result.metafile.inputs).filter((input) =>
    forbid.some((re) => re.test(input)),
  )
  const entry = path ? `/${path.replace(/^dist\//, "")}` : exp === "." ? "" : `/${exp.slice(2)}`
  return {
    name: `${manifest.name}${entry}${label ? ` ${label}` : ""}`,
    bytes,
    gzip,
    leaks,
  }
}

const kb = (n) => `${(n / KB).toFixed(2)} KB`
let failures = 0
const rows = []
for (const budget of budgets) {
  try {
    const { name, bytes, gzip, leaks } = await measure(budget)
    const over = gzip > budget.limit
    if (over || leaks.length > 0) failures++
    rows.push([
      over || leaks.length > 0 ? "✗" : "✓",
      name,
      kb(bytes),
      kb(gzip),
      kb(budget.limit),
      leaks.length > 0
        ? `bundles server code: ${leaks.slice(0, 3).join(", ")}`
        : over
          ? "over budget"
          : "",
    ])
  } catch (error) {
    failures++
    rows.push([
      "✗",
      `${budget.pkg} ${budget.exp ?? budget.file}`,
      "",
      "",
      kb(budget.limit),
      error.message,
    ])
  }
}
// Every part of embed.js needs a line above: a new one must not go unmeasured.
const solidDist = join(root, "packages/widget-solid/dist")
for (const part of existsSync(solidDist) ? readdirSync(solidDist) : [])
  if (/^embed-.+\.js$/.test(part) && !budgets.some((b) => b.file === `dist/${part}`)) {
    failures++
    rows.push(["✗", `@kommies/widget-solid/${part}`, "", "", "", "has no budget"])
  }

const header = ["", "entry", "min", "min+gzip", "budget", ""]
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)))
for (const row of [header, ...rows])
  console.log(
    row
      .map((cell, i) => (i >= 2 && i <= 4 ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join("  ")
      .trimEnd(),
  )
process.exit(failures === 0 ? 0 : 1)
