// Shared rollup config: run from a package folder (`rollup -c ../../rollup.config.mjs`).
// Builds one ESM file per entry of the package's `exports` map (shared code in
// dist/internal/ chunks); every dependency and peer dependency stays external.
// Declarations come from `tsc -p tsconfig.build.json`, which keeps the module
// structure, so every type a public one mentions has a public path too.
import { readFileSync } from "node:fs"
import esbuild from "rollup-plugin-esbuild"

const pkg = JSON.parse(readFileSync("package.json", "utf8"))
const entryOf = (subpath) => (subpath === "." ? "index" : subpath.slice(2))
// Subpaths that name a file (`./styles.css`, `./package.json`) are copied, not built.
const entries = Object.keys(pkg.exports ?? {})
  .filter((subpath) => subpath !== "./package.json" && !/\.(css|json)$/.test(subpath))
  .map(entryOf)
const input = Object.fromEntries(entries.map((name) => [name, `src/${name}.ts`]))
const deps = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})]
const external = (id) =>
  id.startsWith("node:") || deps.some((dep) => id === dep || id.startsWith(`${dep}/`))

export default {
  input,
  external,
  output: {
    dir: "dist",
    format: "esm",
    entryFileNames: "[name].js",
    chunkFileNames: "chunks/[hash].js",
    // No bare `import "dep"` lines for what an entry's chunks import (rollup's
    // default, a loading hint): bundlers must drop such an import of a module
    // marked free of side effects (`@kommies/client/locales/*`), and warn.
    hoistTransitiveImports: false,
  },
  plugins: [esbuild({ target: "es2022", tsconfig: "tsconfig.json" })],
}
