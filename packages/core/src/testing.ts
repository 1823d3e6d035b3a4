/**
 * @kommies/core/testing: the conformance suites every Kommies store and adapter runs, and
 * the fixtures they build their data with. Needs `vitest` and `@effect/vitest`
 * (optional peer dependencies of `@kommies/core`).
 *
 * @since 0.1.0
 */

/**
 * The store conformance suite: `StoreConformance.run(name, layer, options)`.
 *
 * @since 0.1.0
 */
export * as StoreConformance from "./testing/StoreConformance.js"

/**
 * Builders of valid domain records with fresh ids, for store and service tests.
 *
 * @since 0.1.0
 */
export * as Fixtures from "./testing/fixtures.js"

/**
 * The HTTP conformance suite every adapter runs:
 * `HttpConformance.run(name, start)`.
 *
 * @since 0.1.0
 */
export * as HttpConformance from "./testing/HttpConformance.js"
