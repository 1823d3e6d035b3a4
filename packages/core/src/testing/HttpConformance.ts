/**
 * The HTTP conformance suite: every adapter package runs it with its framework,
 * and passing it is what "mounts the Kommies API" means.
 *
 * The suite builds the real API (`makeHandler` over the memory store, with a
 * seeded site and no `prefix` option), has the adapter's `start` mount it in a
 * real server under `/kommies`, and drives it over loopback with `fetch`: the
 * same cases for every framework, once with no body parser and once with the
 * framework's JSON body parser mounted before the adapter.
 *
 * @since 0.1.0
 */
import { afterAll, beforeAll, describe, it } from "vitest"
import type { HttpCase, HttpGroup } from "./http/case.js"
import { comments } from "./http/cases/comments.js"
import { errors } from "./http/cases/errors.js"
import { ops } from "./http/cases/ops.js"
import { realtime } from "./http/cases/realtime.js"
import { startWorld, type World } from "./http/world.js"
import type { KommiesHandler } from "../http/Handler.js"

/**
 * What the suite hands `start`.
 *
 * @since 0.1.0
 * @category models
 */
export interface Setup {
  /** The API to mount: what `makeHandler` returns, built without a `prefix`. */
  readonly instance: KommiesHandler
  /** Where to mount it: `"/kommies"`. The adapter's mount path is the only place it is written. */
  readonly prefix: string
  /**
   * Mount the framework's JSON body parser before the adapter (Express
   * `express.json()`, Koa's bodyparser, Fastify's own parser at the root).
   */
  readonly mountJsonParser: boolean
}

/**
 * A running host server.
 *
 * @since 0.1.0
 * @category models
 */
export interface Server {
  /** Where it listens, without the prefix: `http://127.0.0.1:PORT`. */
  readonly url: string
  /** Stops the server, cutting connections still open. */
  close(): Promise<void>
}

/**
 * Starts a host app with the adapter mounted as `setup` says; resolves once it listens.
 *
 * @since 0.1.0
 * @category models
 */
export type Start = (setup: Setup) => Promise<Server>

/** Options of {@link run}. @since 0.1.0 @category models */
export interface Options {
  /** Per-case timeout in milliseconds. Default 15 000. */
  readonly timeout?: number
}

const register = (
  group: HttpGroup,
  world: () => World,
  fresh: () => Promise<World>,
  timeout: number,
) => {
  describe(group.name, () => {
    for (const c of group.cases as ReadonlyArray<HttpCase>) {
      it(
        c.name,
        async () => {
          if (!c.ownWorld) return c.test(world())
          const own = await fresh()
          try {
            await c.test(own)
          } finally {
            await own.stop()
          }
        },
        timeout,
      )
    }
  })
}

/**
 * Registers the HTTP conformance suite with vitest: one `describe(name)` block
 * with two runs, "no body parser" and "JSON body parser mounted first". Each run
 * starts one host app through `start` (shared by its cases, each of which makes
 * its own thread and commenters) and stops it after the last case; a case that
 * disposes the API gets an app of its own. `start` must mount `setup.instance`
 * at `setup.prefix` the way a user of the adapter would, and resolve once the
 * server listens on loopback.
 *
 * Call it at the top level of a test file. Needs `vitest`.
 *
 * @since 0.1.0
 * @category entry points
 * @example
 * // test/HttpConformance.test.ts of an adapter package
 * import express from "express"
 * import { HttpConformance } from "@kommies/core/testing"
 * import { kommies } from "@kommies/adapter-express"
 *
 * HttpConformance.run("express", async ({ instance, prefix, mountJsonParser }) => {
 *   const app = express()
 *   if (mountJsonParser) app.use(express.json())
 *   app.use(prefix, kommies(instance))
 *   const server = app.listen(0, "127.0.0.1")
 *   await new Promise((resolve) => server.once("listening", resolve))
 *   const { port } = server.address() as import("node:net").AddressInfo
 *   return {
 *     url: `http://127.0.0.1:${port}`,
 *     close: () =>
 *       new Promise((resolve) => {
 *         server.closeAllConnections()
 *         server.close(() => resolve())
 *       }),
 *   }
 * })
 */
export const run = (name: string, start: Start, options: Options = {}): void => {
  const timeout = options.timeout ?? 15_000
  describe(`${name}: HTTP conformance`, () => {
    for (const mountJsonParser of [false, true]) {
      describe(mountJsonParser ? "JSON body parser mounted first" : "no body parser", () => {
        let shared: World | undefined
        beforeAll(async () => {
          shared = await startWorld(start, mountJsonParser)
        }, timeout)
        afterAll(async () => {
          await shared?.stop()
        }, timeout)
        const world = () => {
          if (shared === undefined) throw new Error("the host app did not start")
          return shared
        }
        for (const group of [ops, comments, errors, realtime])
          register(group, world, () => startWorld(start, mountJsonParser), timeout)
      })
    }
  })
}
