// embed.js's parts, for rollup.config.mjs. What a reader does not need on
// the first render is built into scripts of its own, dist/embed-<part>.js,
// which embed.js loads on first use (src/internal/lazy.ts):
//
// - In embed.js, an import of a part's module becomes `lazy(…)` stand-ins,
//   and `virtual:kommies/shared` holds exactly the bindings the parts import
//   from embed.js (Solid, the client, shared components); embed.tsx puts
//   them on `window.KommiesEmbed`, where the parts (IIFEs) find them.
// - A part bundles only its own modules (and `@kommies/client/ui`'s
//   stateless view rules); the rest it takes from embed.js.
// - English messages that only one part quotes travel with that part, which
//   adds them to embed.js's catalog as it loads.
//
// Two quick builds come first: embed.js (which sources it holds, which
// messages it quotes) and each part (what it imports, what it quotes).
import { resolve } from "node:path"
import { rollup } from "rollup"

/**
 * @param pagePlugins makes the plugins of a page script's build (sources,
 *   virtual modules, browser resolution, Solid's compiler)
 */
export const embedParts = async (pagePlugins) => {
  /**
   * embed.js's parts, loaded on first use: the module each is, and its
   * exports. A part with `prompt` would show on the first render: its
   * component waits behind a button with that label instead, and loads when
   * the reader points at, focuses or presses it (src/internal/Prompt.tsx).
   */
  const parts = {
    signin: {
      file: "src/internal/SignInPanel.tsx",
      exports: ["SignInPanel"],
      prompt: "auth.signInToComment",
    },
    composer: { file: "src/primitives/Composer.tsx", exports: ["Composer"] },
    moderate: { file: "src/internal/ModeratorTools.tsx", exports: ["ModeratorTools"] },
    actions: {
      file: "src/internal/CommentActions.tsx",
      exports: ["CommentActions", "CommentPanel"],
    },
    reveal: { file: "src/internal/reveal.ts", exports: ["reveal"] },
    live: { file: "src/internal/live.ts", exports: ["live"] },
  }
  const partOf = new Map(Object.entries(parts).map(([name, { file }]) => [resolve(file), name]))
  const { catalog: english } = await import("@kommies/client/locales/en")
  /**
   * The catalog keys a build's modules name (but the catalog's own): quoted
   * whole, or every key of a group they build at run time (`\`sort.${sort}\``).
   * Of the client, only its view rules (`ui.js`) speak to readers: its other
   * modules name events (`comment.deleted`), which look like keys.
   */
  const keysIn = (modules) => {
    const keys = new Set()
    for (const [id, { code }] of Object.entries(modules)) {
      if (id.startsWith("\0") || /locales\/en\.js$|client\/dist\/(?!ui\.js$)/.test(id)) continue
      for (const [, key] of (code ?? "").matchAll(/["'`]([\w-]+\.[\w-]+)["'`]/g)) keys.add(key)
      for (const [, group] of (code ?? "").matchAll(/`([\w-]+)\.\$\{/g))
        for (const key of Object.keys(english.messages))
          if (key.startsWith(`${group}.`)) keys.add(key)
    }
    return new Set([...keys].filter((key) => key in english.messages))
  }
  /**
   * English messages that only one part uses travel with that part (which adds
   * them to embed.js's catalog as it loads); embed.js keeps the rest, and every
   * key it does not quote itself. Other languages load whole, from `locales/`.
   */
  const messagesOf = (keys) =>
    Object.fromEntries(Object.entries(english.messages).filter(([key]) => keys(key)))
  /** Per part, the keys only it quotes; known after the first builds. */
  let partKeys
  const srcDir = `${resolve("src")}/`
  const lazyModule = resolve("src/internal/lazy.ts")
  const promptModule = resolve("src/internal/Prompt.tsx")

  /** In embed.js's build: a part's module becomes `lazy(…)`; `virtual:kommies/shared` lists what the parts import. */
  const lazyParts = {
    name: "kommies-lazy-parts",
    async resolveId(source, importer) {
      if (source === "virtual:kommies/shared") return "\0virtual:kommies/shared"
      if (source === "@kommies/client/locales/en") return "\0virtual:kommies/en"
      // Relative imports of the sources, and the absolute ones of `virtual:kommies/shared`.
      if (!importer || !/^[./]/.test(source)) return null
      const resolved = await this.resolve(source, importer, { skipSelf: true })
      const name = resolved && partOf.get(resolved.id)
      return name ? `\0kommies-part:${name}` : null
    },
    load(id) {
      if (id === "\0virtual:kommies/en") {
        const theirs = new Set(Object.values(partKeys ?? {}).flatMap((keys) => [...keys]))
        const messages = messagesOf((key) => !theirs.has(key))
        return `export const catalog = ${JSON.stringify({ ...english, messages })}\nexport default catalog`
      }
      if (id === "\0virtual:kommies/shared") {
        if (!sharedIds) return "export default () => ({})" // the first build: not known yet
        const lines = []
        const fields = []
        sharedIds.forEach((module, n) => {
          const names = [...imported.get(module)]
          if (names.includes("*")) {
            lines.push(`import * as m${n} from ${JSON.stringify(module)}`)
            fields.push(`m${n}`)
          } else {
            lines.push(
              `import { ${names.map((name) => `${name} as m${n}_${name}`).join(", ")} } from ${JSON.stringify(module)}`,
            )
            const bindings = names.map((name) => `${name}: m${n}_${name}`).join(", ")
            fields.push(flat.has(module) ? bindings : `m${n}: { ${bindings} }`)
          }
        })
        // A function: the bindings are read when a part first loads, after every module ran.
        return `${lines.join("\n")}\nexport default () => ({ ${fields.join(", ")} })`
      }
      const name = id.startsWith("\0kommies-part:") && id.slice("\0kommies-part:".length)
      if (!name) return null
      // Components render once their part is in (or once the reader asks for
      // it, with a prompt); functions return its promise.
      const { exports, prompt } = parts[name]
      const standIn = (key) =>
        !/^[A-Z]/.test(key)
          ? `later(${JSON.stringify(name)}, ${JSON.stringify(key)})`
          : prompt
            ? `prompted(${JSON.stringify(name)}, ${JSON.stringify(key)}, ${JSON.stringify(prompt)})`
            : `lazy(${JSON.stringify(name)}, ${JSON.stringify(key)})`
      return [
        `import { lazy, later } from ${JSON.stringify(lazyModule)}`,
        `import { prompted } from ${JSON.stringify(promptModule)}`,
        ...exports.map((key) => `export const ${key} = ${standIn(key)}`),
      ].join("\n")
    },
  }

  /**
   * In a part's build, what comes from embed.js: Solid and the client (one
   * runtime, one session, one `KommiesError`), the other parts (embed.js has
   * their `lazy` stand-ins), and the sources embed.js holds anyway. The rest
   * (the part's own modules, and `@kommies/client/ui`'s stateless view rules)
   * is bundled into the part.
   */
  const fromEmbed = (own) => ({
    name: "kommies-from-embed",
    async resolveId(source, importer) {
      if (!importer) return null
      if (/^(solid-js|@kommies\/client)(\/(?!ui$)|$)/.test(source))
        return { id: source, external: true }
      const resolved = await this.resolve(source, importer, { skipSelf: true })
      if (!resolved || resolved.id === own) return resolved
      return partOf.has(resolved.id) || inEmbed.has(resolved.id)
        ? { id: resolved.id, external: true }
        : resolved
    },
  })
  /** A part's entry: its module, after adding its English messages to embed.js's catalog. */
  const partEntry = (name) => ({
    name: "kommies-part-entry",
    resolveId: (id) => (id === `\0kommies-part-entry:${name}` ? id : null),
    load(id) {
      if (id !== `\0kommies-part-entry:${name}`) return null
      const messages = messagesOf((key) => partKeys?.[name].has(key))
      const own = `export * from ${JSON.stringify(resolve(parts[name].file))}`
      // The first build always imports the catalog: embed.js must share it if any part needs it.
      return partKeys && Object.keys(messages).length === 0
        ? own
        : [
            'import { catalog } from "@kommies/client/locales/en"',
            `Object.assign(catalog.messages, ${JSON.stringify(messages)})`,
            own,
          ].join("\n")
    },
  })
  // Absolute ids of embed.js's modules stay absolute: they are keys, not paths.
  const partInput = (name) => ({
    input: `\0kommies-part-entry:${name}`,
    plugins: [partEntry(name), fromEmbed(resolve(parts[name].file)), ...pagePlugins()],
    makeAbsoluteExternalsRelative: false,
  })

  // The sources embed.js holds without its parts (a first, quick build).
  const inEmbed = new Set()
  /** The modules the parts import from embed.js, once known. */
  let sharedIds
  /** The modules of `sharedIds` whose bindings are on `KommiesEmbed` itself. */
  const flat = new Set()
  let embedKeys
  {
    const bundle = await rollup({
      input: "src/embed.tsx",
      plugins: [lazyParts, ...pagePlugins()],
      onwarn: () => {},
    })
    const { output } = await bundle.generate({ format: "es" })
    await bundle.close()
    for (const [id, module] of Object.entries(output[0].modules))
      if (id.startsWith(srcDir) && module.renderedLength > 0) inEmbed.add(id)
    embedKeys = keysIn(output[0].modules)
  }

  // What the parts import from embed.js: module → binding names (another quick build).
  const imported = new Map()
  const quoted = {}
  for (const name of Object.keys(parts)) {
    const bundle = await rollup({ ...partInput(name), onwarn: () => {} })
    const { output } = await bundle.generate({ format: "es" })
    await bundle.close()
    for (const [id, names] of Object.entries(output[0].importedBindings))
      for (const binding of names) imported.set(id, new Set([...(imported.get(id) ?? []), binding]))
    quoted[name] = keysIn(output[0].modules)
  }
  partKeys = Object.fromEntries(
    Object.entries(quoted).map(([name, keys]) => [
      name,
      new Set(
        [...keys].filter(
          (key) =>
            !embedKeys.has(key) &&
            Object.entries(quoted).every(([other, theirs]) => other === name || !theirs.has(key)),
        ),
      ),
    ]),
  )
  sharedIds = [...imported.keys()].sort()
  // Bindings sit on `KommiesEmbed` itself (`KommiesEmbed.createSignal`), one
  // object less per module; a module whose names are taken (by a part, or an
  // earlier module) keeps an object of its own, `KommiesEmbed.m<n>`.
  const taken = new Set([...Object.keys(parts), ...sharedIds.map((_, n) => `m${n}`)])
  for (const id of sharedIds) {
    const names = [...imported.get(id)]
    if (names.includes("*") || names.some((name) => taken.has(name))) continue
    flat.add(id)
    for (const name of names) taken.add(name)
  }
  /** The global a part finds a module of embed.js under: `KommiesEmbed`, or `KommiesEmbed.m<n>`. */
  const globalOf = (id) => {
    if (/^KommiesEmbed(\.|$)/.test(id)) return id // rollup asks about the part's own name too
    const at = sharedIds.indexOf(id)
    if (at === -1) throw new Error(`embed.js does not share ${id}`)
    return flat.has(id) ? "KommiesEmbed" : `KommiesEmbed.m${at}`
  }

  return {
    /** The plugin of embed.js's own build. */
    lazyParts,
    /** The builds of the parts. */
    builds: (outputPlugins) =>
      Object.keys(parts).map((name) => ({
        ...partInput(name),
        output: {
          file: `dist/embed-${name}.js`,
          format: "iife",
          name: `KommiesEmbed.${name}`,
          extend: true,
          globals: globalOf,
          plugins: outputPlugins,
        },
      })),
  }
}
