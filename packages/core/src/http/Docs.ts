/**
 * The OpenAPI document of the API (generated from `KommiesApi`, with the
 * mount prefix as its server) and a small, self-contained HTML page that
 * lists every route from it. No scripts, no CDN assets.
 *
 * @since 0.1.0
 */
import { OpenApi } from "@effect/platform"
import { KommiesApi } from "./Api.js"

/**
 * The OpenAPI 3.1 document, its `servers` being the mount prefix.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * const spec = Docs.openApi("/kommies") // spec.servers: [{ url: "/kommies" }]
 */
export const openApi = (prefix: string): OpenApi.OpenAPISpec =>
  OpenApi.fromApi(
    KommiesApi.annotate(OpenApi.Servers, [
      { url: prefix === "" ? "/" : prefix, description: "Where this server mounts the API" },
    ]),
  )

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  )

const methods = ["get", "post", "put", "patch", "delete"] as const

/**
 * The docs page: every operation of the OpenAPI document, grouped by tag,
 * with links under the mount prefix.
 *
 * @since 0.1.0
 * @category constructors
 */
export const page = (spec: OpenApi.OpenAPISpec, prefix: string): string => {
  const groups = new Map<string, Array<string>>()
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const method of methods) {
      const operation = (item as Record<string, OpenApi.OpenAPISpecOperation | undefined>)[method]
      if (operation === undefined) continue
      const tag = operation.tags?.[0] ?? "other"
      const full = `${prefix}${path}`
      const linked =
        method === "get" && !path.includes("{")
          ? `<a href="${escapeHtml(full)}">${escapeHtml(full)}</a>`
          : escapeHtml(full)
      const params = (operation.parameters ?? [])
        .filter((p) => p.in === "query")
        .map((p) => escapeHtml(p.name))
      const row =
        `<tr><td class="m ${method}">${method.toUpperCase()}</td><td><code>${linked}</code>` +
        `${params.length > 0 ? ` <small>?${params.join("&amp;")}</small>` : ""}</td>` +
        `<td>${escapeHtml(operation.summary ?? "")}</td></tr>`
      groups.set(tag, [...(groups.get(tag) ?? []), row])
    }
  }
  const sections = [...groups]
    .map(
      ([tag, rows]) =>
        `<h2>${escapeHtml(tag)}</h2><table><thead><tr><th>Method</th><th>Path</th><th>What it does</th></tr></thead><tbody>${rows.join("")}</tbody></table>`,
    )
    .join("\n")
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(spec.info.title)}</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#222}
table{border-collapse:collapse;width:100%;margin-bottom:1.5rem}td,th{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #ddd;vertical-align:top}
code{font-size:.9em}.m{font:600 .8em monospace;width:4.5rem}.get{color:#1a7f37}.post{color:#0969da}.put,.patch{color:#9a6700}.delete{color:#cf222e}
</style></head><body>
<h1>${escapeHtml(spec.info.title)} <small>${escapeHtml(spec.info.version)}</small></h1>
<p>${escapeHtml(spec.info.description ?? "")}</p>
<p>Mounted at <code>${escapeHtml(prefix === "" ? "/" : prefix)}</code>. The machine-readable description: <a href="${escapeHtml(prefix)}/openapi.json">${escapeHtml(prefix)}/openapi.json</a> (OpenAPI 3.1).</p>
${sections}
</body></html>
`
}
