/**
 * The three widgets keep the same public names and file layout (STYLE.md,
 * habit 10): widget-solid's value exports, main entry and `./primitives`,
 * against widget-react's and widget-vue's, read from their sources (types
 * are left out: each framework names its own). A widget that does not exist
 * yet is skipped with a message.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"

const packages = join(dirname(fileURLToPath(import.meta.url)), "..", "..")

const sourceOf = (file: string) =>
  [".ts", ".tsx"].map((ext) => file.replace(/\.js$/, ext)).find((f) => existsSync(f))

/** Value exports of a module's source, following `export * from "./…"`. */
const valueExports = (file: string): Array<string> => {
  const text = readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "")
  const names = new Set<string>()
  for (const [, type, list, from] of text.matchAll(
    /export\s+(type\s+)?\{([^}]*)\}(?:\s*from\s*["']([^"']+)["'])?/g,
  )) {
    void from
    if (type) continue
    for (const entry of list!
      .split(",")
      .map((e) => e.trim())
      .filter(Boolean)) {
      if (entry.startsWith("type ")) continue
      names.add(entry.split(/\s+as\s+/).at(-1)!)
    }
  }
  for (const [, name] of text.matchAll(
    /export\s+(?:const|let|function|class|async\s+function)\s+(\w+)/g,
  ))
    names.add(name!)
  for (const [, target] of text.matchAll(/export\s+\*\s+from\s*["'](\.[^"']+)["']/g)) {
    const next = sourceOf(join(dirname(file), target!))
    if (next) for (const name of valueExports(next)) names.add(name)
  }
  return [...names].sort()
}

const widget = (name: string) => join(packages, `widget-${name}`, "src")
const entries = { ".": "index.ts", "./primitives": "primitives.ts" }

const expected = {
  ".": [
    "CommentCount",
    "Comments",
    "KommiesProvider",
    "loadThread",
    "useCommentCount",
    "useCommenter",
    "useKommies",
    "useThread",
  ],
  "./primitives": [
    "Avatar",
    "CommentBody",
    "CommentItem",
    "CommentList",
    "CommentMeta",
    "Composer",
    "LoadMore",
    "ModeratorActions",
    "NewCommentsNotice",
    "ReplyButton",
    "SignIn",
    "SortMenu",
    "ThreadLocked",
    "VoteButtons",
  ],
}

/** Module files of a widget's source, without extensions: `Comments`, `primitives/Avatar`. */
const layout = (src: string) =>
  [
    ...readdirSync(src).filter((f) => /\.(tsx?|vue)$/.test(f) && !f.endsWith(".d.ts")),
    ...(existsSync(join(src, "primitives"))
      ? readdirSync(join(src, "primitives")).map((f) => `primitives/${f}`)
      : []),
  ].map((f) => f.replace(/\.(tsx?|vue)$/, ""))

describe("exports layout", () => {
  it("widget-solid – should export the agreed names, and nothing else at runtime", async () => {
    const src = widget("solid")
    for (const [entry, file] of Object.entries(entries))
      expect(valueExports(join(src, file)), entry).toEqual(expected[entry as keyof typeof expected])
    const main = await import("../src/index.js")
    expect(Object.keys(main).sort()).toEqual(expected["."])
    const primitives = await import("../src/primitives.js")
    expect(Object.keys(primitives).sort()).toEqual(expected["./primitives"])
    const files = layout(src)
    for (const name of [
      "index",
      "primitives",
      "KommiesProvider",
      "useThread",
      "useCommenter",
      "useCommentCount",
      "Comments",
      "CommentCount",
      ...expected["./primitives"].map((p) => `primitives/${p}`),
    ])
      expect(files, name).toContain(name)
  })

  const dist = join(packages, "widget-solid", "dist")
  it.skipIf(!existsSync(join(dist, "solid", "index.jsx")))(
    "widget-solid dist – should export the same from the compiled and the `solid` (JSX) builds",
    async () => {
      for (const [entry, name] of [
        [".", "index"],
        ["./primitives", "primitives"],
      ] as const) {
        const compiled = await import(/* @vite-ignore */ join(dist, `${name}.js`))
        const source = await import(/* @vite-ignore */ join(dist, "solid", `${name}.jsx`))
        expect(Object.keys(compiled).sort(), entry).toEqual(expected[entry])
        expect(Object.keys(source).sort(), entry).toEqual(expected[entry])
      }
    },
  )

  for (const other of ["react", "vue"]) {
    const src = widget(other)
    const present = existsSync(join(src, "index.ts")) && existsSync(join(src, "primitives.ts"))
    it.skipIf(!present)(
      `widget-${other} – should have the same exports and files as widget-solid${present ? "" : ` (skipped: packages/widget-${other}/src is not there yet)`}`,
      () => {
        for (const [entry, file] of Object.entries(entries))
          expect(valueExports(join(src, file)), `widget-${other} ${entry}`).toEqual(
            valueExports(join(widget("solid"), file)),
          )
        const mine = layout(widget("solid")).filter((f) => !/^(embed|count|virtual)$/.test(f))
        const theirs = layout(src)
        for (const name of mine.filter((f) => !f.startsWith("internal/")))
          expect(theirs, `widget-${other}`).toContain(name)
      },
    )
  }
})
