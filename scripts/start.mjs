// `npm start`: the reference server from a fresh clone. Builds what is
// missing or stale — the packages the server needs, in dependency order —
// then runs `kommies start` (arguments after `npm start --` are passed on).
// A package is rebuilt when its dist/ is missing or when a source file
// (src/, package.json, build configs; the dashboard for the server) changed
// since its last build here; the build times are kept in node_modules/.cache.
import { spawn, spawnSync } from "node:child_process"
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs"
import { join } from "node:path"

const root = new URL("..", import.meta.url).pathname
const order = [
  "core",
  "client",
  "store-postgres",
  "store-redis",
  "adapter-fastify",
  "widget-solid",
  "reference-server",
]
const inputs = [
  "src",
  "dashboard",
  "scripts",
  "package.json",
  "rollup.config.mjs",
  "tsconfig.json",
  "tsconfig.build.json",
]
const cacheDir = join(root, "node_modules", ".cache", "kommies-start")
const stampsFile = join(cacheDir, "built.json")

/** The newest modification time under `path` (a file or a folder), or 0. */
const newest = (path) => {
  if (!existsSync(path)) return 0
  const info = statSync(path)
  if (!info.isDirectory()) return info.mtimeMs
  let latest = info.mtimeMs
  for (const entry of readdirSync(path)) {
    if (entry === "node_modules" || entry === "dist") continue
    latest = Math.max(latest, newest(join(path, entry)))
  }
  return latest
}

const stamps = existsSync(stampsFile) ? JSON.parse(readFileSync(stampsFile, "utf8")) : {}
for (const name of order) {
  const dir = join(root, "packages", name)
  const changed = Math.max(
    ...inputs.map((input) => newest(join(dir, input))),
    newest(join(root, "rollup.config.mjs")),
  )
  const built = existsSync(join(dir, "dist")) ? (stamps[name] ?? 0) : 0
  if (built > changed) continue
  console.log(`kommies: building @kommies/${name}…`)
  const startedAt = Date.now()
  const result = spawnSync("npm", ["run", "build", "-w", `@kommies/${name}`], {
    cwd: root,
    stdio: "inherit",
  })
  if (result.status !== 0) {
    console.error(
      `kommies: the build of @kommies/${name} failed (exit ${result.status}); see above.`,
    )
    process.exit(result.status ?? 1)
  }
  stamps[name] = startedAt
  mkdirSync(cacheDir, { recursive: true })
  writeFileSync(stampsFile, `${JSON.stringify(stamps, null, 2)}\n`)
}

const server = spawn(
  process.execPath,
  [join(root, "packages", "reference-server", "dist", "cli.js"), "start", ...process.argv.slice(2)],
  { cwd: root, stdio: "inherit" },
)
// Ctrl+C reaches the server through the terminal; a SIGTERM to this script is passed on.
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal))
server.on("exit", (code, signal) => process.exit(code ?? (signal === null ? 1 : 128 + 15)))
