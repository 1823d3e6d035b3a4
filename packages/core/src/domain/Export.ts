/**
 * The site export document: everything a site's owner needs to move its
 * comments to another Kommies site or keep a copy, as versioned JSON.
 *
 * It never holds a secret: no site keys, no password hashes, no sessions or
 * refresh tokens, no webhook secrets. Records keep their ids, so replies keep
 * their parents and votes and bans keep their commenters.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { BanKind } from "./Ban.js"
import { CommentStatus } from "./Comment.js"
import { CommenterOrigin } from "./Commenter.js"
import { Role } from "./Role.js"
import { SiteSettings } from "./Site.js"
import { VoteDirection } from "./Vote.js"

/** The `format` field of every export. @since 0.1.0 @category constants */
export const format = "kommies-export"

/** The version this code writes and reads. @since 0.1.0 @category constants */
export const version = 1

// Ids as written by an export: any short non-empty string (another system's
// ids too); an import derives the ids it stores from them.
const Id = Schema.String.pipe(Schema.minLength(1), Schema.maxLength(128))
const Time = Schema.Number.pipe(Schema.finite())
const Count = Schema.Int.pipe(Schema.nonNegative())

/**
 * The site itself: what an owner set. The keys are left out.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ExportedSite = Schema.Struct({
  name: Schema.String,
  settings: SiteSettings,
  allowedOrigins: Schema.Array(Schema.String),
})

/**
 * A commenter, without a password hash.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ExportedCommenter = Schema.Struct({
  id: Id,
  displayName: Schema.String,
  avatarUrl: Schema.NullOr(Schema.String),
  email: Schema.NullOr(Schema.String),
  emailVerified: Schema.Boolean,
  origin: CommenterOrigin,
  externalId: Schema.NullOr(Schema.String),
  role: Role,
  karma: Schema.Int,
  trusted: Schema.Boolean,
  createdAt: Time,
  updatedAt: Time,
})
/** @since 0.1.0 @category models */
export type ExportedCommenter = typeof ExportedCommenter.Type

/**
 * A thread (page). `commentCount` is informative: an import recounts.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ExportedThread = Schema.Struct({
  id: Id,
  key: Schema.String.pipe(Schema.minLength(1), Schema.maxLength(2048)),
  url: Schema.NullOr(Schema.String),
  title: Schema.NullOr(Schema.String),
  locked: Schema.Boolean,
  commentCount: Count,
  createdAt: Time,
  updatedAt: Time,
})
/** @since 0.1.0 @category models */
export type ExportedThread = typeof ExportedThread.Type

/**
 * A comment with its status, scores and times. `replyCount` is informative:
 * an import recounts.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ExportedComment = Schema.Struct({
  id: Id,
  threadId: Id,
  parentId: Schema.NullOr(Id),
  depth: Count,
  authorId: Id,
  body: Schema.String,
  html: Schema.String,
  status: CommentStatus,
  shadowed: Schema.Boolean,
  visible: Schema.Boolean,
  upvotes: Count,
  downvotes: Count,
  score: Schema.Int,
  hot: Time,
  best: Time,
  replyCount: Count,
  reportCount: Count,
  createdAt: Time,
  editedAt: Schema.NullOr(Time),
  updatedAt: Time,
})
/** @since 0.1.0 @category models */
export type ExportedComment = typeof ExportedComment.Type

/**
 * One commenter's vote on one comment.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ExportedVote = Schema.Struct({
  commentId: Id,
  voterId: Id,
  direction: VoteDirection,
  /** Null when the exporting store did not keep it. */
  at: Schema.NullOr(Time),
})
/** @since 0.1.0 @category models */
export type ExportedVote = typeof ExportedVote.Type

/**
 * A ban of a commenter.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ExportedBan = Schema.Struct({
  commenterId: Id,
  kind: BanKind,
  reason: Schema.NullOr(Schema.String),
  expiresAt: Schema.NullOr(Time),
  createdBy: Schema.String,
  createdAt: Time,
})
/** @since 0.1.0 @category models */
export type ExportedBan = typeof ExportedBan.Type

/**
 * The whole document, version 1. `votes` may be left out.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import { Export } from "@kommies/core"
 * import { Schema } from "effect"
 *
 * const doc = Schema.decodeUnknownSync(Export.SiteExport)(JSON.parse(text))
 */
export const SiteExport = Schema.Struct({
  format: Schema.Literal(format),
  version: Schema.Literal(version),
  exportedAt: Time,
  site: ExportedSite,
  commenters: Schema.Array(ExportedCommenter),
  threads: Schema.Array(ExportedThread),
  comments: Schema.Array(ExportedComment),
  votes: Schema.optional(Schema.Array(ExportedVote)),
  bans: Schema.Array(ExportedBan),
})
/** @since 0.1.0 @category models */
export type SiteExport = typeof SiteExport.Type
