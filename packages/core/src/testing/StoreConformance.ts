/**
 * The store conformance suite: every store package runs it with its Layer, and
 * passing it is what "implements the Kommies ports" means.
 *
 * Each case seeds its own data under a fresh site id (and fresh thread keys,
 * emails, session families…), so the suite runs against a shared, persistent
 * database, repeatedly and in any order, without cleaning up. A capability a
 * store opts out of is reported as a skipped case whose name says why; nothing
 * is skipped silently.
 *
 * @since 0.1.0
 */
import { describe, layer as withLayer } from "@effect/vitest"
import { Effect, type Layer } from "effect"
import type { EventBus } from "../ports/EventBus.js"
import type { Stores } from "../Stores.js"
import type { Case } from "./cases/case.js"
import { groups } from "./cases/index.js"

/**
 * What a store may declare it does not do. Every flag defaults to `true`; set
 * one to `false` to opt out, and say so in the store's README. Opted-out cases
 * still appear in the report, as skipped, with the flag in their name.
 *
 * @since 0.1.0
 * @category models
 */
export interface Capabilities {
  /**
   * Cases that fire many writes at one record at once (20 racing
   * `ThreadStore.getOrInsert`, 200 vote swaps, 100 usage increments, 50 event
   * appends, racing session rotations…) and check the exact result. Opting out
   * means the store does not keep the ports' atomicity promises under
   * concurrency: acceptable only for a store documented as single-writer.
   */
  readonly races?: boolean
  /**
   * The EventBus cases (delivery, thread and site filters). Opt out when the
   * EventBus in the layer is not the package's own (for example the memory bus
   * passed only to satisfy the type) and the package's bus has its own suite.
   */
  readonly eventBus?: boolean
  /**
   * The BillingStore cases (payment-event replay, subscriptions, invoices).
   * Opt out for a store meant only for self-hosting, whose BillingStore fails
   * every call because billing is never on there.
   */
  readonly billing?: boolean
}

/** Options of {@link run}. @since 0.1.0 @category models */
export interface Options {
  /** Opt-outs; see {@link Capabilities}. Default: every capability on. */
  readonly capabilities?: Capabilities
  /**
   * How many cases may run at the same time against the one shared layer.
   * Default 1: one after another. Above 1 the cases are registered as
   * `concurrent`, so vitest's `maxConcurrency` (default 5) also caps it.
   */
  readonly concurrency?: number
  /** Per-case timeout in milliseconds. Default 30 000. */
  readonly timeout?: number
}

/** The first capability the case needs that the store opted out of, if any. */
const optedOut = (
  capabilities: Capabilities | undefined,
  c: Case,
): keyof Capabilities | undefined =>
  c.requires.find((capability) => capabilities?.[capability] === false)

/**
 * Registers the conformance suite with vitest: one `describe(name)` block that
 * builds `layer` once (like a real database, it is shared by every case and
 * released after the last), with one nested block per port, then tenant
 * isolation across ports. Cases run with the live Clock and Random (not
 * TestClock), so the ids they make are fresh in every run.
 *
 * Call it at the top level of a test file.
 *
 * @since 0.1.0
 * @category entry points
 * @example
 * // test/StoreConformance.test.ts of a store package
 * import { StoreConformance } from "@kommies/core/testing"
 * import { MemoryEventBus } from "@kommies/core/memory"
 * import { Layer } from "effect"
 * import { PgStore } from "@kommies/store-postgres"
 *
 * StoreConformance.run(
 *   "postgres",
 *   Layer.merge(PgStore.layer({ url: process.env.DATABASE_URL ?? "" }), MemoryEventBus.layer),
 *   {
 *     // the memory bus only fills the EventBus slot here; the Postgres bus has its own run
 *     capabilities: { eventBus: false },
 *     concurrency: 4,
 *   },
 * )
 */
export const run = (
  name: string,
  layer: Layer.Layer<Stores | EventBus, unknown>,
  options: Options = {},
): void => {
  const concurrency = options.concurrency ?? 1
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RangeError(
      `StoreConformance.run: concurrency must be a positive integer, got ${concurrency}`,
    )
  }
  const timeout = options.timeout ?? 30_000
  const permits = Effect.runSync(Effect.makeSemaphore(concurrency))
  const testOptions = { timeout, concurrent: concurrency > 1 }

  withLayer(layer, { excludeTestServices: true })(name, (it) => {
    for (const group of groups) {
      if (group.cases.length === 0) continue
      describe(group.name, () => {
        for (const c of group.cases) {
          const off = optedOut(options.capabilities, c)
          if (off === undefined) {
            it.scoped(c.name, () => permits.withPermits(1)(c.test), testOptions)
          } else {
            it.skip(`${c.name} [skipped: capabilities.${off} is false]`, () => {})
          }
        }
      })
    }
  })
}
