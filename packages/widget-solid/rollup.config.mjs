// @kommies/widget-solid's own rollup config: Solid's JSX needs Babel
// (babel-preset-solid), which the shared esbuild config does not run.
//
// - dist/index.js, dist/primitives.js: ESM compiled for the DOM; solid-js and
//   @kommies/client stay external (the `default` export condition).
// - dist/solid/*.jsx: the same modules with TypeScript stripped and JSX kept,
//   for the `solid` export condition: a Solid app's own compiler (vite-plugin-solid,
//   SolidStart) compiles them for the DOM or for server rendering + hydration.
// - dist/embed.js: an IIFE with everything a reader needs on the first render
//   (solid-js, the client, the English catalog), for `<script src=".../embed.js"
//   async>` on any page; it links dist/styles.css (the client's stylesheet,
//   minified by the build script) from beside itself.
// - dist/embed-<part>.js: what a reader does not need at first (the sign-in
//   panel, the composer, the comment actions, the moderator tools, the
//   permalink search), loaded by embed.js on first use: see rollup.parts.mjs.
// - dist/count.js: a tiny IIFE (no Solid) that fills comment-count badges.
// - dist/locales/<lang>.js: the client's message catalogs as classic scripts
//   that embed.js loads next to itself for `data-kommies-locale`.
import { existsSync } from "node:fs"
import { dirname, resolve } from "node:path"
import { babel } from "@rollup/plugin-babel"
import { nodeResolve } from "@rollup/plugin-node-resolve"
import terser from "@rollup/plugin-terser"
import { embedParts } from "./rollup.parts.mjs"

const locales = ["de", "fr", "es", "ja", "zh", "ar", "en"]
const extensions = [".ts", ".tsx", ".js", ".jsx"]
const external = (id) => /^(solid-js|@kommies\/client)(\/|$)/.test(id)

/** Sources import each other as `./Comments.js` (NodeNext): find the .ts or .tsx. */
const sources = {
  name: "kommies-sources",
  resolveId(source, importer) {
    if (!importer || !source.startsWith(".") || !source.endsWith(".js")) return null
    const base = resolve(dirname(importer), source.slice(0, -3))
    for (const ext of [".ts", ".tsx"]) if (existsSync(base + ext)) return base + ext
    return null
  },
}

/** `virtual:kommies/*` modules: count words per locale, the locale scripts. */
const virtual = {
  name: "kommies-virtual",
  resolveId: (id) => (id.startsWith("virtual:kommies/") ? `\0${id}` : null),
  async load(id) {
    if (id === "\0virtual:kommies/count-messages") {
      // count.js says "3 comments" in the words of the client's catalogs.
      const words = {}
      for (const locale of locales) {
        const { catalog } = await import(`@kommies/client/locales/${locale}`)
        words[locale] = catalog.messages["thread.count"]
      }
      return `export default ${JSON.stringify(words)}`
    }
    const locale = /^\0virtual:kommies\/locale-(\w+)$/.exec(id)?.[1]
    if (locale)
      return [
        `import { catalog } from "@kommies/client/locales/${locale}"`,
        "const w = window; (w.KommiesLocales = w.KommiesLocales || {})[catalog.locale] = catalog",
      ].join("\n")
    return null
  },
}

const solid = (generate, withSolid = true) =>
  babel({
    babelHelpers: "bundled",
    extensions,
    exclude: /node_modules/,
    presets: [
      ...(withSolid ? [["babel-preset-solid", { generate }]] : []),
      ["@babel/preset-typescript", { onlyRemoveTypeImports: true }],
    ],
  })

const entries = { index: "src/index.ts", primitives: "src/primitives.ts" }
const browser = nodeResolve({ browser: true, exportConditions: ["browser"], extensions })

/**
 * The page scripts are minified by terser, which packs them tighter than
 * esbuild: several passes, top-level names mangled (an IIFE has no exports),
 * little inlining, `unsafe` rewrites that hold for code that does not patch
 * built-ins, unused parameters dropped (nothing of ours reads a function's
 * `length`; Solid reads it only to pass what a callback takes), symbols
 * without their descriptions (only debuggers read them), and the property
 * names of Solid's reactive graph and owners, which nothing outside its
 * runtime reads (no source of ours, no API field and no DOM property has
 * these names; `builtins` lets terser rename the ones it knows from the
 * DOM, `sources` and `context`). The parts never touch them: they use the
 * runtime through embed.js.
 */
const terse = () =>
  terser({
    ecma: 2020,
    toplevel: true,
    // `inline: 1` inlines only simple functions: inlining those with
    // arguments repeats bodies that gzip then packs worse (~0.09 KB of embed.js).
    compress: {
      passes: 3,
      unsafe: true,
      unsafe_arrows: true,
      unsafe_symbols: true,
      keep_fargs: false,
      inline: 1,
    },
    mangle: {
      properties: {
        // Also names that terser reserves as DOM properties (`sources`, `context`).
        builtins: true,
        regex:
          /^(owned|cleanups|sources|sourceSlots|observers|observerSlots|comparator|tOwned|tState|suspense|updatedAt|pure|user|fn|context|owner|effects|running)$/,
      },
    },
    format: { comments: false },
  })

const pagePlugins = () => [sources, virtual, browser, solid("dom")]
const parts = await embedParts(pagePlugins)

export default [
  {
    input: entries,
    external,
    plugins: [sources, solid("dom")],
    output: {
      dir: "dist",
      format: "esm",
      entryFileNames: "[name].js",
      chunkFileNames: "chunks/[hash].js",
      hoistTransitiveImports: false, // see ../../rollup.config.mjs
    },
  },
  {
    input: entries,
    external,
    jsx: "preserve",
    plugins: [sources, solid("dom", false)],
    output: {
      dir: "dist/solid",
      format: "esm",
      entryFileNames: "[name].jsx",
      chunkFileNames: "chunks/[hash].jsx",
      hoistTransitiveImports: false, // see ../../rollup.config.mjs
    },
  },
  {
    input: "src/embed.tsx",
    plugins: [parts.lazyParts, ...pagePlugins()],
    output: { file: "dist/embed.js", format: "iife", plugins: [terse()] },
  },
  ...parts.builds([terse()]),
  {
    input: "src/count.ts",
    plugins: [sources, virtual, solid("dom", false)],
    output: { file: "dist/count.js", format: "iife", plugins: [terse()] },
  },
  ...locales.map((locale) => ({
    input: `virtual:kommies/locale-${locale}`,
    plugins: [virtual, browser],
    output: {
      file: `dist/locales/${locale}.js`,
      format: "iife",
      plugins: [terse()],
    },
  })),
]
