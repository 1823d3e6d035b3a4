/**
 * Typed errors of the Kommies services. Each carries a stable `code` that the HTTP
 * layer turns into `application/problem+json` and that clients may switch on.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/** Input that breaks a rule (too long, bad cursor, depth limit). HTTP 400/422. @since 0.1.0 @category errors */
export class InvalidInput extends Schema.TaggedError<InvalidInput>()("InvalidInput", {
  code: Schema.String,
  message: Schema.String,
}) {}

/** The thing asked for does not exist, or the caller may not know it does. HTTP 404. @since 0.1.0 @category errors */
export class NotFound extends Schema.TaggedError<NotFound>()("NotFound", {
  code: Schema.String,
  message: Schema.String,
}) {}

/** The caller is not signed in, or their credentials are wrong. HTTP 401. @since 0.1.0 @category errors */
export class Unauthorized extends Schema.TaggedError<Unauthorized>()("Unauthorized", {
  code: Schema.String,
  message: Schema.String,
}) {}

/** The permissions table says no. HTTP 403. @since 0.1.0 @category errors */
export class Forbidden extends Schema.TaggedError<Forbidden>()("Forbidden", {
  code: Schema.String,
  message: Schema.String,
}) {}

/** The change conflicts with the current state (duplicate, locked, window closed). HTTP 409. @since 0.1.0 @category errors */
export class Conflict extends Schema.TaggedError<Conflict>()("Conflict", {
  code: Schema.String,
  message: Schema.String,
}) {}

/** The site is over its plan's limit beyond the grace the plan allows. HTTP 402. @since 0.1.0 @category errors */
export class QuotaExceeded extends Schema.TaggedError<QuotaExceeded>()("QuotaExceeded", {
  code: Schema.String,
  message: Schema.String,
  metric: Schema.String,
  limit: Schema.Number,
  used: Schema.Number,
}) {}

/** Too many requests in the window. HTTP 429. @since 0.1.0 @category errors */
export class RateLimited extends Schema.TaggedError<RateLimited>()("RateLimited", {
  code: Schema.String,
  message: Schema.String,
  retryAfterMs: Schema.Number,
  limit: Schema.Number,
}) {}

/**
 * A store could not do its work (connection lost, constraint the store did not
 * expect). `reason` tells which. HTTP 503.
 *
 * @since 0.1.0
 * @category errors
 */
export class StoreError extends Schema.TaggedError<StoreError>()("StoreError", {
  reason: Schema.Literal("Unavailable", "Conflict", "Corrupt", "Unknown"),
  message: Schema.String,
  cause: Schema.optional(Schema.Defect),
}) {
  /** A stable code like every other Kommies error: `store_unavailable`, `store_conflict`… */
  get code(): string {
    return `store_${this.reason.toLowerCase()}`
  }
}

/** Any error a Kommies service may fail with. @since 0.1.0 @category errors */
export type KommiesError =
  | InvalidInput
  | NotFound
  | Unauthorized
  | Forbidden
  | Conflict
  | QuotaExceeded
  | RateLimited
  | StoreError

/** HTTP status for each error. @since 0.1.0 @category errors */
export const httpStatus = (error: KommiesError): number => {
  switch (error._tag) {
    case "InvalidInput":
      return 422
    case "NotFound":
      return 404
    case "Unauthorized":
      return 401
    case "Forbidden":
      return 403
    case "Conflict":
      return 409
    case "QuotaExceeded":
      return 402
    case "RateLimited":
      return 429
    case "StoreError":
      return 503
  }
}

/** Shorthands that keep service code readable. @since 0.1.0 @category constructors */
export const invalid = (code: string, message: string) => new InvalidInput({ code, message })
/** @since 0.1.0 @category constructors */
export const notFound = (code: string, message: string) => new NotFound({ code, message })
/** @since 0.1.0 @category constructors */
export const forbidden = (code: string, message: string) => new Forbidden({ code, message })
/** @since 0.1.0 @category constructors */
export const unauthorized = (code: string, message: string) => new Unauthorized({ code, message })
/** @since 0.1.0 @category constructors */
export const conflict = (code: string, message: string) => new Conflict({ code, message })
