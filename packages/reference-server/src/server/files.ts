/**
 * Where the server's files are on disk (the widget's embed scripts, the built
 * dashboard) and how they are answered: only files inside a known folder,
 * with their content type.
 *
 * @since 0.1.0
 */
import { existsSync, readFileSync } from "node:fs"
import { readFile, stat } from "node:fs/promises"
import { createRequire } from "node:module"
import { dirname, extname, join, resolve, sep } from "node:path"
import { fileURLToPath } from "node:url"

const types: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".map": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".webp": "image/webp",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
}

/** The content type of a file name. */
export const contentTypeOf = (path: string): string =>
  types[extname(path).toLowerCase()] ?? "application/octet-stream"

/**
 * This package's folder, found from this module upwards (the code runs from
 * `src/` in tests and from `dist/` or `dist/chunks/` once built).
 */
export const packageRoot = (): string => {
  let dir = dirname(fileURLToPath(import.meta.url))
  for (let i = 0; i < 5; i++) {
    const manifest = join(dir, "package.json")
    if (existsSync(manifest)) {
      const name = (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name
      if (name === "@kommies/reference-server") return dir
    }
    dir = dirname(dir)
  }
  throw new Error("@kommies/reference-server: cannot find the package folder")
}

/** `@kommies/widget-solid`'s `dist/` (embed.js, count.js, styles.css, locales/), or null if not built. */
export const widgetDist = (): string | null => {
  try {
    const manifest = createRequire(import.meta.url).resolve("@kommies/widget-solid/package.json")
    const dist = join(dirname(manifest), "dist")
    return existsSync(join(dist, "embed.js")) ? dist : null
  } catch {
    return null
  }
}

/** A file to answer with. */
export interface FoundFile {
  readonly body: Buffer
  readonly type: string
  readonly path: string
}

/**
 * The file at `relative` inside `root`, or null when it is absent, a folder,
 * or outside `root` (`..`, absolute paths).
 */
export const fileIn = async (root: string, relative: string): Promise<FoundFile | null> => {
  let decoded: string
  try {
    decoded = decodeURIComponent(relative)
  } catch {
    return null
  }
  if (decoded.includes("\0")) return null
  const base = resolve(root)
  const path = resolve(base, `.${sep}${decoded}`)
  if (path !== base && !path.startsWith(base + sep)) return null
  try {
    if (!(await stat(path)).isFile()) return null
    return { body: await readFile(path), type: contentTypeOf(path), path }
  } catch {
    return null
  }
}
