/**
 * The shape of a conformance case. Internal: stores meet the suite through
 * `StoreConformance.run`; core's own test files add cases here.
 */
import type { Effect, Scope } from "effect"
import type { EventBus } from "../../ports/EventBus.js"
import type { Stores } from "../../Stores.js"
import type { Capabilities } from "../StoreConformance.js"

/** What a case may use: every store, the event bus, and a scope closed when it ends. */
export type Services = Stores | EventBus | Scope.Scope

/** One self-contained case: it seeds its own data under fresh ids and checks it. */
export interface Case {
  /** "`op – should …`", e.g. "CommentStore.update – should refuse a stale version". */
  readonly name: string
  /** The capabilities the case exercises; when the store opts out of one, the case is reported skipped. */
  readonly requires: ReadonlyArray<keyof Capabilities>
  readonly test: Effect.Effect<void, unknown, Services>
}

/** The cases of one port (or one concern that crosses ports), run as one `describe` block. */
export interface Group {
  readonly name: string
  readonly cases: ReadonlyArray<Case>
}

/** A case every store must pass. */
export const must = (name: string, test: Effect.Effect<void, unknown, Services>): Case => ({
  name,
  requires: [],
  test,
})

/** A case that a store may opt out of by setting any of `requires` to false in its capabilities. */
export const given = (
  requires: keyof Capabilities | ReadonlyArray<keyof Capabilities>,
  name: string,
  test: Effect.Effect<void, unknown, Services>,
): Case => ({ name, requires: typeof requires === "string" ? [requires] : requires, test })
