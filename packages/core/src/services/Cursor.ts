/**
 * Opaque cursors for keyset pagination: the sort they belong to and the
 * position of the last comment of the page, base64url-encoded JSON.
 *
 * @since 0.1.0
 */
import { Effect, Either, Schema } from "effect"
import type { Comment } from "../domain/Comment.js"
import { Sort } from "../domain/Site.js"
import { InvalidInput } from "../Errors.js"
import { CommentId } from "../Ids.js"
import type { Position } from "../ports/CommentStore.js"

const Payload = Schema.Struct({
  v: Schema.Literal(1),
  s: Sort,
  k: Schema.Number.pipe(Schema.finite()),
  i: CommentId.pipe(Schema.maxLength(64)),
})
const decodePayload = Schema.decodeUnknownEither(Schema.parseJson(Payload))

const toBase64Url = (text: string): string => {
  const bytes = new TextEncoder().encode(text)
  let bin = ""
  for (const b of bytes) bin += String.fromCharCode(b)
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "")
}

const fromBase64Url = (text: string): string | null => {
  if (!/^[A-Za-z0-9_-]{1,512}$/.test(text)) return null
  try {
    const bin = atob(text.replace(/-/g, "+").replace(/_/g, "/"))
    const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0))
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes)
  } catch {
    return null
  }
}

/** The sort key of a comment under a sort. @since 0.1.0 @category getters */
export const keyOf = (comment: Comment, sort: Sort): number => {
  switch (sort) {
    case "new":
    case "old":
      return 0
    case "top":
      return comment.score
    case "hot":
      return comment.hot
    case "best":
      return comment.best
  }
}

/** The cursor that continues after `comment`. @since 0.1.0 @category constructors */
export const after = (comment: Comment, sort: Sort): string =>
  toBase64Url(JSON.stringify({ v: 1, s: sort, k: keyOf(comment, sort), i: comment.id }))

/**
 * Decodes a cursor for `sort`; a malformed cursor, or one made for another
 * sort, fails with InvalidInput `cursor_invalid`.
 *
 * @since 0.1.0
 * @category decoding
 */
export const decode = (cursor: string, sort: Sort): Effect.Effect<Position, InvalidInput> => {
  const bad = new InvalidInput({
    code: "cursor_invalid",
    message: "The cursor is malformed or belongs to another sort",
  })
  const json = fromBase64Url(cursor)
  if (json === null) return Effect.fail(bad)
  const decoded = decodePayload(json)
  if (Either.isLeft(decoded) || decoded.right.s !== sort) return Effect.fail(bad)
  return Effect.succeed({ key: decoded.right.k, id: decoded.right.i })
}
