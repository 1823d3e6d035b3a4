/**
 * Dashboard API worlds opened by a case and closed after it, so a failing
 * case never leaves a Fastify app or a store open for the next one.
 */
import { afterEach } from "vitest"
import { makeWorld, type World, type WorldOptions } from "../dashboard-api-support.js"

/**
 * Registers the closing and returns a `makeWorld` whose `defaults` each call
 * may override. `afterClose` runs once the case's worlds are closed: for
 * what they used and must outlive them (a store's scope, say).
 */
export const worldsPerCase = (
  defaults: WorldOptions = {},
  afterClose?: () => Promise<void>,
): ((options?: WorldOptions) => Promise<World>) => {
  const open: Array<World> = []
  afterEach(async () => {
    await Promise.all(open.splice(0).map((w) => w.close()))
    await afterClose?.()
  })
  return async (options = {}) => {
    const w = await makeWorld({ ...defaults, ...options })
    open.push(w)
    return w
  }
}
