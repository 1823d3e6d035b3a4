/**
 * Sessions (refresh tokens, rotated on use) and one-time challenges (email codes).
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { SessionId, SiteId } from "../Ids.js"

/** @since 0.1.0 @category models */
export const SessionSubject = Schema.Union(
  Schema.TemplateLiteral(Schema.Literal("commenter:"), Schema.String),
  Schema.TemplateLiteral(Schema.Literal("account:"), Schema.String),
)
/** @since 0.1.0 @category models */
export type SessionSubject = typeof SessionSubject.Type

/**
 * One refresh token. Rotation makes a new session in the same family and marks
 * this one rotated; presenting a rotated token again revokes the whole family.
 *
 * @since 0.1.0
 * @category models
 */
export const Session = Schema.Struct({
  id: SessionId,
  familyId: Schema.String,
  /** Null for dashboard account sessions, which span sites. */
  siteId: Schema.NullOr(SiteId),
  subject: SessionSubject,
  /** SHA-256 of the token's secret part, hex. */
  tokenHash: Schema.String,
  createdAt: Schema.Number,
  expiresAt: Schema.Number,
  rotatedAt: Schema.NullOr(Schema.Number),
  revokedAt: Schema.NullOr(Schema.Number),
})
/** @since 0.1.0 @category models */
export type Session = typeof Session.Type

/** @since 0.1.0 @category models */
export const ChallengePurpose = Schema.Literal("verify-email", "magic-link", "reset-password")
/** @since 0.1.0 @category models */
export type ChallengePurpose = typeof ChallengePurpose.Type

/** A one-time code sent by email. @since 0.1.0 @category models */
export const Challenge = Schema.Struct({
  id: Schema.String,
  siteId: Schema.NullOr(SiteId),
  /** Lower-cased email the code was sent to. */
  email: Schema.String,
  purpose: ChallengePurpose,
  codeHash: Schema.String,
  attempts: Schema.Int,
  createdAt: Schema.Number,
  expiresAt: Schema.Number,
  consumedAt: Schema.NullOr(Schema.Number),
})
/** @since 0.1.0 @category models */
export type Challenge = typeof Challenge.Type
