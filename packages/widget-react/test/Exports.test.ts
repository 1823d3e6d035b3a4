// @vitest-environment node
/**
 * The three framework widgets have the same public names and file layout
 * (TanStack Query style): React and Vue from their sources, Solid from its
 * build when there is one.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"

const packages = new URL("../../", import.meta.url).pathname
const solidDist = `${packages}widget-solid/dist`

if (!existsSync(`${solidDist}/index.js`))
  console.info("widget-solid exports: skipped, packages/widget-solid/dist is not built")

const names = (module: object) => Object.keys(module).sort()

const layout = (pkg: string) =>
  readdirSync(`${packages}${pkg}/src`, { recursive: true, encoding: "utf8" })
    .filter((file) => /\.tsx?$/.test(file))
    .map((file) => file.replace(/\.tsx?$/, ""))
    .sort()

describe("widget exports", () => {
  it("exports – widget-react and widget-vue should export the same names", async () => {
    const react = {
      main: names(await import("../src/index.js")),
      primitives: names(await import("../src/primitives.js")),
    }
    // Through a variable: the Vue sources are not part of this TypeScript project.
    const vueSrc = `${packages}widget-vue/src`
    const vue = {
      main: names(await import(/* @vite-ignore */ `${vueSrc}/index.ts`)),
      primitives: names(await import(/* @vite-ignore */ `${vueSrc}/primitives.ts`)),
    }
    expect(react.main).toEqual([
      "CommentCount",
      "Comments",
      "KommiesProvider",
      "loadThread",
      "useCommentCount",
      "useCommenter",
      "useKommies",
      "useThread",
    ])
    expect(react.primitives).toEqual([
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
    ])
    expect(vue).toEqual(react)
  })

  it("layout – widget-react and widget-vue should have the same files", () => {
    expect(layout("widget-vue")).toEqual(layout("widget-react"))
  })

  // Solid's build runs browser-only code on import: read its export statements instead.
  it.runIf(existsSync(`${solidDist}/index.js`))(
    "exports – widget-solid should export the same names",
    async () => {
      const exported = (file: string) =>
        [...readFileSync(`${solidDist}/${file}`, "utf8").matchAll(/^export\s*\{([^}]*)\}/gm)]
          .flatMap((m) => (m[1] ?? "").split(","))
          .map(
            (name) =>
              name
                .trim()
                .split(/\s+as\s+/)
                .at(-1) ?? "",
          )
          .filter(Boolean)
          .sort()
      expect(exported("index.js")).toEqual(names(await import("../src/index.js")))
      expect(exported("primitives.js")).toEqual(names(await import("../src/primitives.js")))
    },
  )
})
