/**
 * The route table, read from the API definition: which methods a path
 * answers (405 and CORS preflight), and the list the docs page shows.
 *
 * @since 0.1.0
 */
import { OpenApi } from "@effect/platform"
import { Context, Option } from "effect"
import { KommiesApi } from "./Api.js"

/** One route. @since 0.1.0 @category models */
export interface Route {
  readonly group: string
  readonly name: string
  readonly method: string
  /** As declared: `/comments/:id`. */
  readonly path: string
  readonly summary: string
  readonly pattern: RegExp
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")

const patternOf = (path: string): RegExp =>
  new RegExp(
    `^${path
      .split("/")
      .map((segment) => (segment.startsWith(":") ? "[^/]+" : escapeRegExp(segment)))
      .join("/")}/?$`,
  )

/**
 * Every route of `KommiesApi`, in declaration order.
 *
 * @since 0.1.0
 * @category constants
 */
export const routes: ReadonlyArray<Route> = Object.values(KommiesApi.groups).flatMap((group) =>
  Object.values(group.endpoints).map((endpoint) => ({
    group: group.identifier,
    name: endpoint.name,
    method: endpoint.method,
    path: endpoint.path,
    summary: Option.getOrElse(Context.getOption(endpoint.annotations, OpenApi.Summary), () => ""),
    pattern: patternOf(endpoint.path),
  })),
)

/**
 * The methods a path answers (empty when no route has the path).
 *
 * @since 0.1.0
 * @category getters
 */
export const methodsOf = (pathname: string): ReadonlyArray<string> => {
  const methods = new Set<string>()
  for (const route of routes) if (route.pattern.test(pathname)) methods.add(route.method)
  return [...methods]
}
