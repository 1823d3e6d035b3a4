/**
 * The Redis that store tests run against: `REDIS_URL` (for example
 * redis://127.0.0.1:6379), with a key prefix of their own per run so runs never
 * collide, and only that prefix removed afterwards (SCAN + UNLINK, teardown
 * only). Without a reachable server a file's cases are reported skipped ("skipped:
 * no Redis at …"), unless `KOMMIES_REQUIRE_SERVICES=1`: then they fail.
 */
import { afterAll, it } from "@effect/vitest"
import { Redis } from "ioredis"

/** CI sets it: a missing service is a failure, not a skip. */
export const servicesRequired = process.env.KOMMIES_REQUIRE_SERVICES === "1"

/** Where the tests look for Redis. */
export const redisUrl = process.env.REDIS_URL ?? ""

/** Null when `url` answers PING, else why not. */
export const probe = async (url: string): Promise<string | null> => {
  if (url === "") return "REDIS_URL is not set"
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 2_000,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  })
  client.on("error", () => {})
  try {
    await client.connect()
    await client.ping()
    return null
  } catch (error) {
    return error instanceof Error ? error.message : String(error)
  } finally {
    client.disconnect()
  }
}

/** A key prefix no other run uses. */
export const runPrefix = (label: string): string =>
  `kommies-test:${label}:${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}:`

/** Removes every key under `prefix` on the node at `url`, in batches. Teardown only. */
export const removePrefix = async (client: Redis, prefix: string): Promise<number> => {
  let removed = 0
  let cursor = "0"
  do {
    const [next, keys] = await client.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 1_000)
    cursor = next
    if (keys.length > 0) {
      // One UNLINK per key: on a cluster node the keys of a batch span slots.
      const pipeline = client.pipeline()
      for (const key of keys) pipeline.unlink(key)
      await pipeline.exec()
      removed += keys.length
    }
  } while (cursor !== "0")
  return removed
}

/** Reports a missing Redis: a skipped case saying where, or a failing one in CI. */
export const reportMissing = (where: string, reason: string): void => {
  if (servicesRequired) {
    it(`Redis at ${where} is required (KOMMIES_REQUIRE_SERVICES=1)`, () => {
      throw new Error(`no Redis at ${where}: ${reason}`)
    })
  } else {
    it.skip(`skipped: no Redis at ${where} (${reason})`, () => {})
  }
}

/**
 * Registers `cases` with a RedisConnection config on a fresh prefix of this
 * run (removed after the file), or reports the missing Redis.
 */
export const withRedis = async (
  label: string,
  cases: (config: { readonly url: string; readonly prefix: string }) => void,
): Promise<void> => {
  const missing = await probe(redisUrl)
  if (missing !== null) {
    reportMissing(redisUrl === "" ? "REDIS_URL (unset)" : redisUrl, missing)
    return
  }
  const prefix = runPrefix(label)
  afterAll(async () => {
    const client = new Redis(redisUrl)
    await removePrefix(client, prefix)
    await client.quit()
  })
  cases({ url: redisUrl, prefix })
}
