/**
 * Cacheable reads: anonymous GETs of comments and counts answer with a weak
 * `ETag` and `Cache-Control: public, max-age=0, stale-while-revalidate=30`,
 * and `If-None-Match` gets a 304.
 *
 * @since 0.1.0
 */
import { HttpServerRequest, HttpServerResponse } from "@effect/platform"
import { Effect, type ParseResult, Schema } from "effect"

const encoder = new TextEncoder()

/**
 * A weak ETag of bytes: 53 bits of a fast non-cryptographic hash, and the length.
 *
 * @since 0.1.0
 * @category getters
 */
export const etagOf = (bytes: Uint8Array): string => {
  let h1 = 0xdeadbeef
  let h2 = 0x41c6ce57
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number
    h1 = Math.imul(h1 ^ b, 2654435761)
    h2 = Math.imul(h2 ^ b, 1597334677)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  const hash = 4294967296 * (2097151 & h2) + (h1 >>> 0)
  return `W/"${hash.toString(36)}-${bytes.length.toString(36)}"`
}

/** The Cache-Control of cacheable reads. @since 0.1.0 @category constants */
export const cacheControl = "public, max-age=0, stale-while-revalidate=30"

/** What a cached read varies on. @since 0.1.0 @category constants */
export const vary = "Origin, Authorization, X-Kommies-Key, X-Kommies-Site, Cookie"

/**
 * Whether `If-None-Match` names this ETag (weak comparison).
 *
 * @since 0.1.0
 * @category predicates
 */
export const matches = (ifNoneMatch: string | undefined, etag: string): boolean => {
  if (ifNoneMatch === undefined) return false
  if (ifNoneMatch.trim() === "*") return true
  const bare = etag.replace(/^W\//, "")
  return ifNoneMatch.split(",").some((tag) => tag.trim().replace(/^W\//, "") === bare)
}

/** An encoded body and its ETag. @since 0.1.0 @category models */
export interface Encoded {
  readonly bytes: Uint8Array
  readonly etag: string
}

/**
 * Encodes a value with its schema as JSON bytes and tags them.
 *
 * @since 0.1.0
 * @category constructors
 */
export const encode = <A, I>(
  schema: Schema.Schema<A, I>,
  value: A,
): Effect.Effect<Encoded, ParseResult.ParseError> =>
  Effect.map(Schema.encode(schema)(value), (encoded) => {
    const bytes = encoder.encode(JSON.stringify(encoded))
    return { bytes, etag: etagOf(bytes) }
  })

/**
 * The response for an encoded cacheable read: 304 when the client has it.
 *
 * @since 0.1.0
 * @category constructors
 */
export const respond = (
  encoded: Encoded,
): Effect.Effect<
  HttpServerResponse.HttpServerResponse,
  never,
  HttpServerRequest.HttpServerRequest
> =>
  Effect.map(HttpServerRequest.HttpServerRequest, (request) => {
    const headers = { etag: encoded.etag, "cache-control": cacheControl, vary }
    return matches(request.headers["if-none-match"], encoded.etag)
      ? HttpServerResponse.empty({ status: 304, headers })
      : HttpServerResponse.uint8Array(encoded.bytes, { contentType: "application/json", headers })
  })

/**
 * Answers a cacheable read: encoded with its schema, tagged, 304 on a match.
 *
 * @since 0.1.0
 * @category constructors
 */
export const cacheable = <A, I>(schema: Schema.Schema<A, I>, value: A) =>
  Effect.flatMap(encode(schema, value), respond)
