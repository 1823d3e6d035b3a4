/**
 * The node-postgres pool behind `PgDatabase.layer`: built from a URL or the
 * usual `PG*` variables, every connection's search_path set to the Kommies
 * schema, and one round trip on start so an unreachable server is a clear
 * `StoreError("Unavailable")` rather than a stack trace on the first request.
 */
import { Errors } from "@kommies/core"
import { Duration, Effect, Redacted, type Scope } from "effect"
import Pg from "pg"

/** What the pool needs; see `PgDatabase.Config` for the documented form. */
export interface PoolOptions {
  readonly url: string | undefined
  readonly poolSize: number
  readonly schema: string
  readonly connectTimeout: Duration.Duration
  readonly applicationName: string
}

/**
 * Where the pool connects, for messages: `host:port/database as user`, from the
 * URL or the `PG*` variables node-postgres reads. Never the password.
 */
export const describeTarget = (url: string | undefined): string => {
  if (url !== undefined) {
    try {
      const parsed = new URL(url)
      const user = parsed.username === "" ? "" : ` as ${decodeURIComponent(parsed.username)}`
      return `${parsed.hostname || "localhost"}:${parsed.port || "5432"}${parsed.pathname}${user}`
    } catch {
      return "the configured URL (it does not parse)"
    }
  }
  const env = globalThis.process?.env ?? {}
  const user = env.PGUSER ? ` as ${env.PGUSER}` : ""
  return `${env.PGHOST ?? "localhost"}:${env.PGPORT ?? "5432"}/${env.PGDATABASE ?? env.PGUSER ?? ""}${user} (PG* variables)`
}

const reasonText = (cause: unknown): string => {
  if (typeof cause === "object" && cause !== null) {
    const code = "code" in cause && typeof cause.code === "string" ? cause.code : undefined
    const message = "message" in cause && typeof cause.message === "string" ? cause.message : ""
    if (message !== "")
      return code !== undefined && !message.includes(code) ? `${message} (${code})` : message
    if (code !== undefined) return code
  }
  return String(cause)
}

const joinOptions = (existing: string | undefined, extra: string): string =>
  existing === undefined || existing.trim() === "" ? extra : `${existing} ${extra}`

/**
 * The URL with `extra` added to its `options` parameter (the startup options,
 * e.g. `-c search_path=kommies`), so every connection of the pool, the
 * listening one included, starts in the Kommies schema.
 */
const withOptions = (url: string, extra: string): string => {
  try {
    const parsed = new URL(url)
    parsed.searchParams.set(
      "options",
      joinOptions(parsed.searchParams.get("options") ?? undefined, extra),
    )
    return parsed.toString()
  } catch {
    return url
  }
}

/** The StoreError for a database that cannot be reached. */
export const unreachable = (target: string, cause: unknown): Errors.StoreError =>
  new Errors.StoreError({
    reason: "Unavailable",
    message: `PostgreSQL: cannot reach the database at ${target}: ${reasonText(cause)}`,
    cause,
  })

/**
 * What every connection to the server starts with: the URL (or the `PG*`
 * variables) and the Kommies schema as its search_path.
 */
export const connectionConfig = (options: PoolOptions): Pg.ClientConfig => {
  const searchPath = `-c search_path=${options.schema}`
  return {
    ...(options.url === undefined
      ? { options: joinOptions(globalThis.process?.env.PGOPTIONS, searchPath) }
      : { connectionString: withOptions(options.url, searchPath) }),
    application_name: options.applicationName,
  }
}

/**
 * A pool that is ended with the scope, after one successful `SELECT 1` within
 * `connectTimeout`.
 */
export const make = (
  options: PoolOptions,
): Effect.Effect<Pg.Pool, Errors.StoreError, Scope.Scope> =>
  Effect.gen(function* () {
    const target = describeTarget(options.url)
    const timeout = Duration.toMillis(options.connectTimeout)
    const pool = yield* Effect.acquireRelease(
      Effect.sync(() => {
        const pool = new Pg.Pool({
          ...connectionConfig(options),
          max: options.poolSize,
          connectionTimeoutMillis: Math.max(timeout, 30_000),
        })
        // Idle clients that lose their server report here; the pool replaces them.
        pool.on("error", () => {})
        pool.on("connect", (client) => {
          client.on("error", () => {})
        })
        return pool
      }),
      (pool) =>
        Effect.tryPromise(() => pool.end()).pipe(Effect.timeoutOption("2 seconds"), Effect.ignore),
    )
    yield* Effect.tryPromise({
      try: () => pool.query("SELECT 1"),
      catch: (cause) => unreachable(target, cause),
    }).pipe(
      Effect.timeoutFail({
        duration: options.connectTimeout,
        onTimeout: () =>
          unreachable(
            target,
            new Error(`no answer within ${Duration.format(options.connectTimeout)}`),
          ),
      }),
    )
    return pool
  })

/** The connection URL as a string, whether given plainly or redacted. */
export const urlOf = (url: string | Redacted.Redacted | undefined): string | undefined =>
  url === undefined ? undefined : Redacted.isRedacted(url) ? Redacted.value(url) : url
