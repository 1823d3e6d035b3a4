/**
 * How Redis and ioredis failures become StoreError: unreachable servers,
 * dropped connections and timeouts are `Unavailable` (with where and why);
 * the duplicate and conflict replies of our own scripts are `Conflict`; rows
 * that do not decode are `Corrupt`; any other reply is `Unknown`.
 *
 * @since 0.1.0
 */
import { Errors } from "@kommies/core"
import { CorruptRow } from "./rows.js"

/** The last connection error each client reported, for messages. */
const lastErrors = new WeakMap<object, Error>()

/** Records `client`'s connection errors (and keeps ioredis from logging them). @since 0.1.0 */
export const watchErrors = (client: {
  on: (event: "error", listener: (error: Error) => void) => unknown
}): void => {
  client.on("error", (error: Error) => {
    lastErrors.set(client, error)
  })
}

/** The last connection error `client` reported, if any. @since 0.1.0 */
export const lastError = (client: object): Error | undefined => lastErrors.get(client)

/** Error replies our scripts raise on purpose, by prefix. */
const ownConflicts = ["KOMMIES_DUPLICATE ", "KOMMIES_CONFLICT ", "KOMMIES_MISSING "]

/** Replies that mean "not now" rather than "wrong": the server is loading, failing over, busy. */
const transient = /^(LOADING|CLUSTERDOWN|MASTERDOWN|TRYAGAIN|READONLY|BUSY|NOREPLICAS)\b/

/** A URL without its password, for messages. @since 0.1.0 */
export const redact = (url: string): string => {
  try {
    const parsed = new URL(url)
    if (parsed.password !== "") parsed.password = "***"
    return parsed.toString().replace(/\/$/, "")
  } catch {
    return url.replace(/\/\/[^@/]*@/, "//***@")
  }
}

/**
 * The StoreError for a failure of `what` against the Redis at `where`.
 *
 * @since 0.1.0
 */
export const toStoreError =
  (where: string, what: string, client?: object) =>
  (cause: unknown): Errors.StoreError => {
    if (cause instanceof Errors.StoreError) return cause
    if (cause instanceof CorruptRow) {
      return new Errors.StoreError({
        reason: "Corrupt",
        message: `${what}: ${cause.message}`,
        cause,
      })
    }
    const error = cause instanceof Error ? cause : new Error(String(cause))
    const message = error.message
    if (error.name === "ReplyError") {
      const own = ownConflicts.find((p) => message.startsWith(p))
      if (own !== undefined) {
        return new Errors.StoreError({ reason: "Conflict", message: message.slice(own.length) })
      }
      if (transient.test(message)) {
        return new Errors.StoreError({
          reason: "Unavailable",
          message: `${what}: Redis at ${where} cannot serve it now (${message})`,
          cause,
        })
      }
      return new Errors.StoreError({
        reason: "Unknown",
        message: `${what}: Redis replied with an error (${message})`,
        cause,
      })
    }
    const connection = client === undefined ? undefined : lastErrors.get(client)
    const why =
      connection === undefined || connection.message === message
        ? message
        : `${message}; last connection error: ${connection.message}`
    // Commands that never left the client cannot have run; one in flight may have.
    const notSent =
      error.name === "MaxRetriesPerRequestError" ||
      message === "Connection is closed." ||
      message.includes("enableOfflineQueue")
    return new Errors.StoreError({
      reason: "Unavailable",
      message: `${what}: Redis at ${where} is unavailable (${why})${notSent ? "" : "; a write in flight may or may not have been applied"}`,
      cause,
    })
  }
