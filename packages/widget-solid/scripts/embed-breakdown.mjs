// Where embed.js's bytes go: `node scripts/embed-breakdown.mjs` (from this
// package, after `npm run build`). Bundles embed.js and its parts with the
// rollup config's own plugins, unminified, and lists each module's share:
// its code minified alone (esbuild), and that share of the script's
// min+gzip size as shipped (dist/). Shares are estimates (gzip packs across
// modules); the totals are the measured sizes.
import { readFileSync } from "node:fs"
import { gzipSync } from "node:zlib"
import { transform } from "esbuild"
import { rollup } from "rollup"

const configs = (await import(new URL("../rollup.config.mjs", import.meta.url).href)).default
const scripts = configs.filter((c) => /^dist\/embed(-\w+)?\.js$/.test(c.output?.file ?? ""))
const kb = (n) => `${(n / 1024).toFixed(2)} KB`
const short = (id) =>
  id
    .replace(/^\0/, "")
    .replace(/.*node_modules\//, "")
    .replace(/.*packages\//, "")

for (const config of scripts) {
  const file = config.output.file
  const bundle = await rollup({ input: config.input, plugins: config.plugins, onwarn: () => {} })
  const { output } = await bundle.generate({ format: "es" })
  await bundle.close()
  const rows = []
  for (const [id, module] of Object.entries(output[0].modules)) {
    if (!module.code) continue
    const { code } = await transform(module.code, { minify: true, loader: "js" })
    rows.push({ id: short(id), min: code.length })
  }
  const shipped = gzipSync(readFileSync(new URL(`../${file}`, import.meta.url)), { level: 9 })
  const sum = rows.reduce((total, row) => total + row.min, 0)
  console.log(`\n${file}: ${kb(shipped.length)} min+gzip`)
  for (const row of rows.sort((a, b) => b.min - a.min))
    console.log(
      `  ${row.id.padEnd(56)} ${kb(row.min).padStart(9)} min  ≈${kb((row.min / sum) * shipped.length).padStart(8)}`,
    )
}
