/**
 * Rows: how records are stored. A row is the record's fields in a fixed order,
 * each as its own JSON token, joined by U+001F (JSON escapes every control
 * character, so a token never contains one). Lua reads and rewrites single
 * tokens by position (see scripts/lib.ts) and never re-encodes JSON, so numbers
 * keep every bit; the site and record ids live in the key, not the row.
 *
 * @since 0.1.0
 */
import type {
  Comment as CommentModule,
  Commenter as CommenterModule,
  Thread as ThreadModule,
} from "@kommies/core"
import { decDouble, encDouble, packId, unpackId } from "./encoding.js"

type Comment = CommentModule.Comment
type Commenter = CommenterModule.Commenter
type Thread = ThreadModule.Thread

const separator = "\u001f"

/** A row that does not decode: the store reports it as StoreError `Corrupt`. @since 0.1.0 */
export class CorruptRow extends Error {
  override readonly name = "CorruptRow"
}

/** Joins JSON tokens into a row. @since 0.1.0 */
export const encode = (values: ReadonlyArray<unknown>): string =>
  values.map((v) => JSON.stringify(v === undefined ? null : v)).join(separator)

/** Splits a row into values, checking the field count. @since 0.1.0 */
export const decode = (
  row: string,
  fields: ReadonlyArray<string>,
  what: string,
): Array<unknown> => {
  const tokens = row.split(separator)
  if (tokens.length !== fields.length) {
    throw new CorruptRow(`${what}: expected ${fields.length} fields, found ${tokens.length}`)
  }
  try {
    return tokens.map((t) => JSON.parse(t) as unknown)
  } catch (cause) {
    throw new CorruptRow(`${what}: a field is not valid JSON (${String(cause)})`)
  }
}

/** The JSON token of one value, as Lua writes it into a row. @since 0.1.0 */
export const token = (value: unknown): string => JSON.stringify(value === undefined ? null : value)

/** Lua `local` declarations of the 1-based position of each field. @since 0.1.0 */
export const luaPositions = (name: string, fields: ReadonlyArray<string>): string =>
  fields.map((f, i) => `local ${name}_${f} = ${i + 1}`).join("\n")

/** The 1-based position of `field` (what Lua indexes rows by). @since 0.1.0 */
export const position = (fields: ReadonlyArray<string>, field: string): number => {
  const at = fields.indexOf(field)
  if (at < 0) throw new Error(`unknown row field ${field}`)
  return at + 1
}

/** One-letter codes of comment statuses, as rows and status index keys hold them. @since 0.1.0 */
export const statusCodes = {
  pending: "p",
  approved: "a",
  rejected: "r",
  spam: "s",
  deleted: "d",
} as const satisfies Record<Comment["status"], string>

const statusOfCode = new Map(
  Object.entries(statusCodes).map(([status, code]) => [code as string, status]),
)

/**
 * Comment fields in row order; the status is its one-letter code and the
 * flags are 0/1; the thread, parent and author ids are packed
 * (as in the keys Lua derives from them) and `hot` and `best` are stored as
 * encoded doubles (as in the index members).
 *
 * @since 0.1.0
 */
export const commentFields = [
  "threadId",
  "parentId",
  "depth",
  "authorId",
  "status",
  "shadowed",
  "visible",
  "upvotes",
  "downvotes",
  "score",
  "hot",
  "best",
  "replyCount",
  "reportCount",
  "version",
  "createdAt",
  "editedAt",
  "updatedAt",
  "body",
  "html",
] as const

/** @since 0.1.0 */
export const encodeComment = (c: Comment): string =>
  encode([
    packId(c.threadId),
    c.parentId === null ? null : packId(c.parentId),
    c.depth,
    packId(c.authorId),
    statusCodes[c.status],
    c.shadowed ? 1 : 0,
    c.visible ? 1 : 0,
    c.upvotes,
    c.downvotes,
    c.score,
    encDouble(c.hot),
    encDouble(c.best),
    c.replyCount,
    c.reportCount,
    c.version,
    c.createdAt,
    c.editedAt,
    c.updatedAt,
    c.body,
    c.html,
  ])

/** @since 0.1.0 */
export const decodeComment = (siteId: string, id: string, row: string): Comment => {
  const v = decode(row, commentFields, `comment ${id}`)
  return {
    id,
    siteId,
    threadId: unpackId(v[0] as string),
    parentId: v[1] === null ? null : unpackId(v[1] as string),
    depth: v[2],
    authorId: unpackId(v[3] as string),
    status: statusOfCode.get(v[4] as string) ?? String(v[4]),
    shadowed: v[5] === 1,
    visible: v[6] === 1,
    upvotes: v[7],
    downvotes: v[8],
    score: v[9],
    hot: decDouble(v[10] as string),
    best: decDouble(v[11] as string),
    replyCount: v[12],
    reportCount: v[13],
    version: v[14],
    createdAt: v[15],
    editedAt: v[16],
    updatedAt: v[17],
    body: v[18],
    html: v[19],
  } as Comment
}

/** Thread fields in row order. @since 0.1.0 */
export const threadFields = [
  "key",
  "url",
  "title",
  "locked",
  "commentCount",
  "createdAt",
  "updatedAt",
] as const

/** @since 0.1.0 */
export const encodeThread = (t: Thread): string =>
  encode([t.key, t.url, t.title, t.locked, t.commentCount, t.createdAt, t.updatedAt])

/** @since 0.1.0 */
export const decodeThread = (siteId: string, id: string, row: string): Thread => {
  const v = decode(row, threadFields, `thread ${id}`)
  return {
    id,
    siteId,
    key: v[0],
    url: v[1],
    title: v[2],
    locked: v[3],
    commentCount: v[4],
    createdAt: v[5],
    updatedAt: v[6],
  } as Thread
}

/** Commenter fields in row order; `emailKey` is the unique-email index entry, not a field. @since 0.1.0 */
export const commenterFields = [
  "displayName",
  "avatarUrl",
  "email",
  "emailVerified",
  "origin",
  "externalId",
  "passwordHash",
  "role",
  "karma",
  "trusted",
  "createdAt",
  "updatedAt",
  "emailKey",
] as const

/** The unique email of a commenter: password commenters only. @since 0.1.0 */
export const emailKeyOf = (c: Pick<Commenter, "origin" | "email">): string =>
  c.origin === "password" && c.email !== null ? c.email.toLowerCase() : ""

/** The unique external identity of a commenter (origin and external id). @since 0.1.0 */
export const externalKeyOf = (origin: string, externalId: string | null): string =>
  externalId === null ? "" : `${origin}\u0000${externalId}`

/** @since 0.1.0 */
export const encodeCommenter = (c: Commenter): string =>
  encode([
    c.displayName,
    c.avatarUrl,
    c.email,
    c.emailVerified,
    c.origin,
    c.externalId,
    c.passwordHash,
    c.role,
    c.karma,
    c.trusted,
    c.createdAt,
    c.updatedAt,
    emailKeyOf(c),
  ])

/** @since 0.1.0 */
export const decodeCommenter = (siteId: string, id: string, row: string): Commenter => {
  const v = decode(row, commenterFields, `commenter ${id}`)
  return {
    id,
    siteId,
    displayName: v[0],
    avatarUrl: v[1],
    email: v[2],
    emailVerified: v[3],
    origin: v[4],
    externalId: v[5],
    passwordHash: v[6],
    role: v[7],
    karma: v[8],
    trusted: v[9],
    createdAt: v[10],
    updatedAt: v[11],
  } as Commenter
}

/** A JSON record that Lua never rewrites, parsed with a clear error. @since 0.1.0 */
export const parseRecord = <A>(json: string, what: string): A => {
  try {
    return JSON.parse(json) as A
  } catch (cause) {
    throw new CorruptRow(`${what}: not valid JSON (${String(cause)})`)
  }
}
