/**
 * Real PostgreSQL and Redis for the tests that need them: a fresh schema and a
 * fresh key prefix per file, removed afterwards. Without a reachable server a
 * file's cases are reported skipped ("skipped: no PostgreSQL at …"), unless
 * `KOMMIES_REQUIRE_SERVICES=1`: then they fail.
 */
import { Redis } from "ioredis"
import Pg from "pg"
import { afterAll, it } from "vitest"

export const databaseUrl = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test"
export const redisUrl = process.env.REDIS_URL || "redis://127.0.0.1:6379"

const suffix = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`

/** Where a missing service was looked for, and why it did not answer. */
export interface Missing {
  readonly service: string
  readonly where: string
  readonly reason: string
}

/** Shown without a password. */
const where = (url: string) => {
  try {
    const u = new URL(url)
    u.password = ""
    return u.toString()
  } catch {
    return "an unparsable URL"
  }
}

/** A schema of its own on `databaseUrl`, dropped after the file. */
export const freshSchema = async (label: string): Promise<string | Missing> => {
  const schema = `kommies_${label}_${suffix()}`
  const client = new Pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 3_000 })
  try {
    await client.connect()
    await client.query("SELECT 1")
  } catch (error) {
    return { service: "PostgreSQL", where: where(databaseUrl), reason: String(error) }
  } finally {
    await client.end().catch(() => {})
  }
  afterAll(async () => {
    const dropper = new Pg.Client({ connectionString: databaseUrl })
    await dropper.connect()
    await dropper.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
    await dropper.end()
  })
  return schema
}

/** A key prefix of its own on `redisUrl`, whose keys are removed after the file. */
export const freshPrefix = async (label: string): Promise<string | Missing> => {
  const prefix = `kommies-test-${label}-${suffix()}:`
  const client = new Redis(redisUrl, {
    lazyConnect: true,
    connectTimeout: 3_000,
    maxRetriesPerRequest: 0,
  })
  client.on("error", () => {})
  try {
    await client.connect()
    await client.ping()
  } catch (error) {
    client.disconnect()
    return { service: "Redis", where: where(redisUrl), reason: String(error) }
  }
  afterAll(async () => {
    let cursor = "0"
    do {
      const [next, keys] = await client.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 500)
      if (keys.length > 0) await client.del(...keys)
      cursor = next
    } while (cursor !== "0")
    await client.quit()
  })
  return prefix
}

export const isMissing = (value: string | Missing): value is Missing => typeof value !== "string"

/** A skipped case that says what was missing, or with `KOMMIES_REQUIRE_SERVICES=1` a failing one. */
export const reportMissing = (missing: Missing): void => {
  if (process.env.KOMMIES_REQUIRE_SERVICES === "1") {
    it(`${missing.service} at ${missing.where} is required (KOMMIES_REQUIRE_SERVICES=1)`, () => {
      throw new Error(`no ${missing.service} at ${missing.where}: ${missing.reason}`)
    })
  } else {
    it.skip(`skipped: no ${missing.service} at ${missing.where} (${missing.reason})`, () => {})
  }
}
