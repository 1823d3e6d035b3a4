/**
 * Running commands and scripts against a RedisConnection: every call becomes an
 * Effect that fails with StoreError, and is bounded by the command timeout so
 * that a reply which never comes cannot hang a request.
 *
 * @since 0.1.0
 */
import { Duration, Effect } from "effect"
import type { Errors } from "@kommies/core"
import type { Client, RedisConnectionShape } from "../RedisConnection.js"
import { toStoreError } from "./errors.js"
import type { ScriptName } from "./scripts/index.js"

type Scripted = Record<ScriptName, (...args: ReadonlyArray<string | number>) => Promise<unknown>>

/**
 * A reply within `ms`, or an error. A single server already bounds every
 * command (ioredis `commandTimeout`, queueing included); a Cluster's own queue
 * (while it looks for its nodes) does not, so cluster calls get this bound.
 */
const bounded = <A>(promise: Promise<A>, ms: number): Promise<A> =>
  new Promise<A>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no reply within ${ms} ms`)), ms)
    promise.then(
      (value) => {
        clearTimeout(timer)
        resolve(value)
      },
      (error: unknown) => {
        clearTimeout(timer)
        reject(error)
      },
    )
  })

/**
 * Runs `f` on the client; `what` names the operation in error messages.
 *
 * @since 0.1.0
 */
export const run = <A>(
  conn: RedisConnectionShape,
  what: string,
  f: (client: Client) => Promise<A>,
): Effect.Effect<A, Errors.StoreError> =>
  Effect.tryPromise({
    try: () =>
      conn.client.isCluster
        ? bounded(f(conn.client), Duration.toMillis(conn.commandTimeout))
        : f(conn.client),
    catch: toStoreError(conn.where, what, conn.client),
  })

/**
 * Runs one of the store's Lua scripts; `args` starts with its keys (and with
 * the key count for scripts that take a variable number of keys).
 *
 * @since 0.1.0
 */
export const script = (
  conn: RedisConnectionShape,
  what: string,
  name: ScriptName,
  args: ReadonlyArray<string | number>,
): Effect.Effect<unknown, Errors.StoreError> =>
  run(conn, what, (client) => (client as unknown as Scripted)[name](...args))

/**
 * Runs one script many times in one pipeline (one round trip), keeping the
 * calls in order; fails with the first call's error, after the whole batch ran.
 * All keys of a batch must share a slot (one site) on a cluster.
 *
 * @since 0.1.0
 */
export const scriptBatch = (
  conn: RedisConnectionShape,
  what: string,
  name: ScriptName,
  calls: ReadonlyArray<ReadonlyArray<string | number>>,
): Effect.Effect<ReadonlyArray<unknown>, Errors.StoreError> =>
  run(conn, what, async (client) => {
    const pipeline = client.pipeline()
    const scripted = pipeline as unknown as Record<
      ScriptName,
      (...args: ReadonlyArray<string | number>) => unknown
    >
    for (const args of calls) scripted[name](...args)
    const results = (await pipeline.exec()) ?? []
    const failed = results.find(([error]) => error !== null)
    if (failed?.[0]) throw failed[0]
    return results.map(([, value]) => value)
  })

/**
 * Decodes inside the Effect, so a row that does not decode is a StoreError
 * `Corrupt` rather than a defect.
 *
 * @since 0.1.0
 */
export const decoding = <A>(
  conn: RedisConnectionShape,
  what: string,
  f: () => A,
): Effect.Effect<A, Errors.StoreError> =>
  Effect.try({ try: f, catch: toStoreError(conn.where, what) })

/** Pairs of a flat `[id, row, id, row…]` reply. @since 0.1.0 */
export const pairs = (reply: unknown): Array<readonly [string, string]> => {
  const flat = Array.isArray(reply) ? (reply as Array<string>) : []
  const out: Array<readonly [string, string]> = []
  for (let i = 0; i + 1 < flat.length; i += 2) out.push([flat[i] as string, flat[i + 1] as string])
  return out
}

/** A page size as stores use it: a whole number, never negative (NaN counts as 0). @since 0.1.0 */
export const pageSize = (limit: number): number => (limit > 0 ? Math.floor(limit) : 0)

/** Ids without repeats, in first-seen order. @since 0.1.0 */
export const unique = <A>(values: ReadonlyArray<A>): Array<A> => Array.from(new Set(values))

/** Ascending code-unit order, as ids sort. @since 0.1.0 */
export const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)
