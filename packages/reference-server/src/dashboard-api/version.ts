/**
 * This package's version, for `GET /config`, read from its `package.json`
 * (one folder up from the bundle in `dist/`, two from the sources).
 *
 * @since 0.1.0
 */
import { readFileSync } from "node:fs"

const PACKAGE = "@kommies/reference-server"

/**
 * The version of `@kommies/reference-server`, or `0.0.0` when its
 * `package.json` cannot be found (a bundle copied elsewhere).
 *
 * @since 0.1.0
 * @category getters
 */
export const packageVersion = (): string => {
  for (const relative of ["../package.json", "../../package.json"]) {
    try {
      const pkg: unknown = JSON.parse(readFileSync(new URL(relative, import.meta.url), "utf8"))
      if (
        typeof pkg === "object" &&
        pkg !== null &&
        "name" in pkg &&
        pkg.name === PACKAGE &&
        "version" in pkg &&
        typeof pkg.version === "string"
      )
        return pkg.version
    } catch {
      // Not here; try the next place.
    }
  }
  return "0.0.0"
}
