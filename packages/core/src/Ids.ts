/**
 * Identifiers of every Kommies entity, as branded strings.
 *
 * Ids are UUIDv7 (time-ordered), so sorting by id sorts by creation time; that is
 * what keyset pagination on the `new` and `old` sorts relies on.
 *
 * @since 0.1.0
 */
import { Clock, Effect, Random, Schema } from "effect"

/** @since 0.1.0 @category ids */
export const SiteId = Schema.String.pipe(Schema.brand("SiteId"))
/** @since 0.1.0 @category ids */
export type SiteId = typeof SiteId.Type
/** @since 0.1.0 @category ids */
export const AccountId = Schema.String.pipe(Schema.brand("AccountId"))
/** @since 0.1.0 @category ids */
export type AccountId = typeof AccountId.Type
/** @since 0.1.0 @category ids */
export const ThreadId = Schema.String.pipe(Schema.brand("ThreadId"))
/** @since 0.1.0 @category ids */
export type ThreadId = typeof ThreadId.Type
/** @since 0.1.0 @category ids */
export const CommentId = Schema.String.pipe(Schema.brand("CommentId"))
/** @since 0.1.0 @category ids */
export type CommentId = typeof CommentId.Type
/** @since 0.1.0 @category ids */
export const CommenterId = Schema.String.pipe(Schema.brand("CommenterId"))
/** @since 0.1.0 @category ids */
export type CommenterId = typeof CommenterId.Type
/** @since 0.1.0 @category ids */
export const SessionId = Schema.String.pipe(Schema.brand("SessionId"))
/** @since 0.1.0 @category ids */
export type SessionId = typeof SessionId.Type
/** @since 0.1.0 @category ids */
export const ReportId = Schema.String.pipe(Schema.brand("ReportId"))
/** @since 0.1.0 @category ids */
export type ReportId = typeof ReportId.Type
/** @since 0.1.0 @category ids */
export const AuditId = Schema.String.pipe(Schema.brand("AuditId"))
/** @since 0.1.0 @category ids */
export type AuditId = typeof AuditId.Type
/** @since 0.1.0 @category ids */
export const NotificationId = Schema.String.pipe(Schema.brand("NotificationId"))
/** @since 0.1.0 @category ids */
export type NotificationId = typeof NotificationId.Type
/** @since 0.1.0 @category ids */
export const WebhookId = Schema.String.pipe(Schema.brand("WebhookId"))
/** @since 0.1.0 @category ids */
export type WebhookId = typeof WebhookId.Type
/** @since 0.1.0 @category ids */
export const EventId = Schema.String.pipe(Schema.brand("EventId"))
/** @since 0.1.0 @category ids */
export type EventId = typeof EventId.Type

const hex = (n: number, width: number) => n.toString(16).padStart(width, "0")

// Monotonic within a process (RFC 9562, method 1): ids made in the same
// millisecond carry a 12-bit counter in `rand_a`, so they still sort in the
// order they were made. A counter overflow borrows the next millisecond.
let lastMs = -1
let counter = 0

/**
 * A UUIDv7 from Effect's Clock and Random, so tests with TestClock and a seeded
 * Random get predictable, still time-ordered ids. Ids made by one process sort
 * in the order they were made, even within one millisecond.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * const id = yield* Ids.uuidv7
 */
export const uuidv7: Effect.Effect<string> = Effect.gen(function* () {
  const now = yield* Clock.currentTimeMillis
  const bytes: Array<number> = []
  for (let i = 0; i < 8; i++) bytes.push(yield* Random.nextIntBetween(0, 256))
  let ms = now
  if (ms <= lastMs) {
    ms = lastMs
    counter++
    if (counter > 0xfff) {
      ms = lastMs + 1
      counter = 0
    }
  } else {
    counter = 0
  }
  lastMs = ms
  const time = hex(ms, 12)
  const randA = hex(counter, 3)
  const variant = hex(0x8000 | ((((bytes[0] ?? 0) << 8) | (bytes[1] ?? 0)) & 0x3fff), 4)
  const tail = bytes
    .slice(2, 8)
    .map((b) => hex(b, 2))
    .join("")
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${randA}-${variant}-${tail}`
})

/**
 * A random token of `bytes` bytes, base64url without padding: secrets, keys, codes.
 * Uses the platform's cryptographic generator, never Effect's seeded Random.
 *
 * @since 0.1.0
 * @category constructors
 */
export const secureToken = (bytes = 24): Effect.Effect<string> =>
  Effect.sync(() => {
    const buf = new Uint8Array(bytes)
    globalThis.crypto.getRandomValues(buf)
    let bin = ""
    for (const b of buf) bin += String.fromCharCode(b)
    return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "")
  })

/** A fresh id of the given brand. @since 0.1.0 @category constructors */
export const make = <B extends string>(): Effect.Effect<string & import("effect").Brand.Brand<B>> =>
  uuidv7 as Effect.Effect<string & import("effect").Brand.Brand<B>>
