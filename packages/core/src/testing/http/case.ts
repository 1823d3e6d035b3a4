/**
 * The shape of an HTTP conformance case. Internal: adapters meet the suite
 * through `HttpConformance.run`.
 */
import type { World } from "./world.js"

/** One self-contained case: it makes its own thread and commenters, and checks over HTTP. */
export interface HttpCase {
  /** "`route – should …`". */
  readonly name: string
  /** The case disposes the API: it gets a world of its own. */
  readonly ownWorld?: boolean
  readonly test: (world: World) => Promise<void>
}

/** The cases of one concern, run as one `describe` block. */
export interface HttpGroup {
  readonly name: string
  readonly cases: ReadonlyArray<HttpCase>
}

/** A case. */
export const should = (
  name: string,
  test: (world: World) => Promise<void>,
  options: { readonly ownWorld?: boolean } = {},
): HttpCase => ({ name, test, ...options })
