// Shared rollup config: run from a package folder (`rollup -c ../../rollup.config.mjs`).
// Builds one ESM file and one bundled .d.ts per entry of the package's `exports`
// map; every dependency and peer dependency stays external.
import { readFileSync } from "node:fs"
import { dts } from "rollup-plugin-dts"
import esbuild from "rollup-plugin-esbuild"

const pkg = JSON.parse(readFileSync("package.json", "utf8"))
const entryOf = (subpath) => (subpath === "." ? "index" : subpath.slice(2))
const entries = Object.keys(pkg.exports ?? {})
  .filter((subpath) => subpath !== "./package.json")
  .map(entryOf)
const input = Object.fromEntries(entries.map((name) => [name, `src/${name}.ts`]))
const deps = [
  ...Object.keys(pkg.dependencies ?? {}),
  ...Object.keys(pkg.peerDependencies ?? {}),
]
const external = (id) =>
  id.startsWith("node:") || deps.some((dep) => id === dep || id.startsWith(`${dep}/`))

export default [
  {
    input,
    external,
    output: { dir: "dist", format: "esm", entryFileNames: "[name].js", chunkFileNames: "internal/[name]-[hash].js" },
    plugins: [esbuild({ target: "es2022", tsconfig: "tsconfig.json" })],
  },
  {
    input,
    external,
    output: { dir: "dist", format: "esm", entryFileNames: "[name].d.ts", chunkFileNames: "internal/[name]-[hash].d.ts" },
    plugins: [dts({ tsconfig: "tsconfig.json" })],
  },
]
