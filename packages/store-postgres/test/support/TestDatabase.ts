/**
 * A fresh PostgreSQL database per test file, on the server at `DATABASE_URL`,
 * dropped when the file is done, so runs never collide. Without a reachable
 * server the file's PostgreSQL cases are reported skipped ("skipped: no
 * PostgreSQL at …"), unless `KOMMIES_REQUIRE_SERVICES=1`: then they fail.
 */
import { afterAll, it } from "@effect/vitest"
import Pg from "pg"

/** A database made for this file. */
export interface Fresh {
  readonly ok: true
  readonly url: string
}

/** Why there is none. */
export interface Missing {
  readonly ok: false
  readonly where: string
  readonly reason: string
}

const serverUrl = process.env.DATABASE_URL

/** `postgres://user:…@host:port/db` without the password, for messages. */
const where = (url: string): string => {
  try {
    const u = new URL(url)
    u.password = ""
    return u.toString()
  } catch {
    return "an unparsable DATABASE_URL"
  }
}

/** The URL of database `name` on the same server as `url`. */
export const withDatabase = (url: string, name: string): string => {
  const u = new URL(url)
  u.pathname = `/${name}`
  return u.toString()
}

/**
 * Creates `kommies_<label>_<random>` and registers its removal after the file;
 * a Missing when `DATABASE_URL` is unset or the server does not answer.
 */
export const fresh = async (label: string): Promise<Fresh | Missing> => {
  if (serverUrl === undefined || serverUrl === "") {
    return { ok: false, where: "DATABASE_URL (unset)", reason: "DATABASE_URL is not set" }
  }
  const name = `kommies_${label}_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`
  const admin = new Pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 3_000 })
  try {
    await admin.connect()
    await admin.query(`CREATE DATABASE ${name}`)
  } catch (error) {
    return { ok: false, where: where(serverUrl), reason: String(error) }
  } finally {
    await admin.end().catch(() => {})
  }
  afterAll(async () => {
    const dropper = new Pg.Client({ connectionString: serverUrl })
    await dropper.connect()
    await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    await dropper.end()
  })
  return { ok: true, url: withDatabase(serverUrl, name) }
}

/**
 * Reports the missing server: a skipped case that says where it looked, or,
 * with `KOMMIES_REQUIRE_SERVICES=1`, a failing one.
 */
export const reportMissing = (missing: Missing): void => {
  if (process.env.KOMMIES_REQUIRE_SERVICES === "1") {
    it(`PostgreSQL at ${missing.where} is required (KOMMIES_REQUIRE_SERVICES=1)`, () => {
      throw new Error(`no PostgreSQL at ${missing.where}: ${missing.reason}`)
    })
  } else {
    it.skip(`skipped: no PostgreSQL at ${missing.where} (${missing.reason})`, () => {})
  }
}
