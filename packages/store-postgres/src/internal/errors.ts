/**
 * From driver errors to Kommies' `StoreError`: one place decides the `reason`
 * and writes a message a person can act on. Deadlocks and serialization
 * failures are retried here a few times before they surface.
 */
import type { SqlError } from "@effect/sql/SqlError"
import { Errors } from "@kommies/core"
import { Effect, Schedule } from "effect"

/** The fields PostgreSQL (and PGlite) put on a server error; Node adds `code` on socket errors. */
interface DriverError {
  readonly code?: unknown
  readonly constraint?: unknown
  readonly message?: unknown
}

const driverError = (error: SqlError): DriverError => {
  const cause = error.cause
  return typeof cause === "object" && cause !== null ? (cause as DriverError) : {}
}

/** The SQLSTATE (or Node socket code) behind an SqlError, if any. */
export const sqlState = (error: SqlError): string | undefined => {
  const code = driverError(error).code
  return typeof code === "string" ? code : undefined
}

/** The constraint a unique or foreign-key violation names, if any. */
export const constraintOf = (error: SqlError): string | undefined => {
  const constraint = driverError(error).constraint
  return typeof constraint === "string" ? constraint : undefined
}

/** Whether the error is a unique violation (SQLSTATE 23505). */
export const isUniqueViolation = (error: SqlError): boolean => sqlState(error) === "23505"

const unavailableCodes = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "EPIPE",
])

const reasonOf = (error: SqlError): Errors.StoreError["reason"] => {
  const code = sqlState(error)
  if (code === undefined) {
    const text = `${error.message} ${String(driverError(error).message ?? "")}`
    return /connect|terminated|timeout|closed/i.test(text) ? "Unavailable" : "Unknown"
  }
  if (unavailableCodes.has(code)) return "Unavailable"
  // 08: connection exception; 53: insufficient resources; 57P: operator intervention.
  if (code.startsWith("08") || code.startsWith("53") || code.startsWith("57P")) return "Unavailable"
  // 23: integrity constraint violation; 40: transaction rollback (after retries).
  if (code.startsWith("23") || code.startsWith("40")) return "Conflict"
  return "Unknown"
}

const detailOf = (error: SqlError): string => {
  const inner = driverError(error).message
  return typeof inner === "string" && inner.length > 0 ? inner : error.message
}

/**
 * A StoreError for a failed operation: the reason from the SQLSTATE, a message
 * that names the operation and PostgreSQL's own words, the driver error as cause.
 */
export const toStoreError =
  (operation: string) =>
  (error: SqlError): Errors.StoreError =>
    new Errors.StoreError({
      reason: reasonOf(error),
      message: `PostgreSQL: ${operation} failed: ${detailOf(error)}`,
      cause: error.cause ?? error,
    })

/** Deadlock detected (40P01) or serialization failure (40001): safe to run again. */
const isRetryable = (error: SqlError): boolean => {
  const code = sqlState(error)
  return code === "40P01" || code === "40001"
}

const retryPolicy = Schedule.intersect(
  Schedule.recurs(4),
  Schedule.exponential("5 millis").pipe(Schedule.jittered),
)

/**
 * Runs one store operation: retries deadlocks and serialization failures, and
 * turns any other SqlError into a StoreError.
 */
export const attempt =
  (operation: string) =>
  <A, E, R>(
    effect: Effect.Effect<A, E, R>,
  ): Effect.Effect<A, Exclude<E, SqlError> | Errors.StoreError, R> =>
    effect.pipe(
      Effect.retry({
        schedule: retryPolicy,
        while: (error) => isSqlError(error) && isRetryable(error),
      }),
      Effect.mapError((error: E) => (isSqlError(error) ? toStoreError(operation)(error) : error)),
    ) as Effect.Effect<A, Exclude<E, SqlError> | Errors.StoreError, R>

/** Whether a value is an `@effect/sql` SqlError. */
export const isSqlError = (u: unknown): u is SqlError =>
  typeof u === "object" && u !== null && "_tag" in u && u._tag === "SqlError"

/** A StoreError for a stored row that does not decode (a schema the code does not know). */
export const corrupt = (operation: string, message: string): Errors.StoreError =>
  new Errors.StoreError({ reason: "Corrupt", message: `PostgreSQL: ${operation}: ${message}` })

/** Turns a unique violation into `onUnique` (given the constraint's name); leaves every other error alone. */
export const onUniqueViolation =
  <E2>(onUnique: (constraint: string | undefined) => E2) =>
  <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E | E2, R> =>
    Effect.catchIf(
      effect,
      (error: E): boolean => isSqlError(error) && isUniqueViolation(error),
      (error) => Effect.fail(onUnique(isSqlError(error) ? constraintOf(error) : undefined)),
    )
