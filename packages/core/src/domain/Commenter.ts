/**
 * A commenter: somebody who comments on one site. The same person on two sites
 * is two commenters; a site never sees another site's commenters.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { CommenterId, SiteId } from "../Ids.js"
import { Role } from "./Role.js"

/** `guest`, `password`, `oauth:<provider>` or `sso`. @since 0.1.0 @category models */
export const CommenterOrigin = Schema.Union(
  Schema.Literal("guest", "password", "sso"),
  Schema.TemplateLiteral(Schema.Literal("oauth:"), Schema.String),
)
/** @since 0.1.0 @category models */
export type CommenterOrigin = typeof CommenterOrigin.Type

/** @since 0.1.0 @category models */
export const Commenter = Schema.Struct({
  id: CommenterId,
  siteId: SiteId,
  displayName: Schema.String,
  avatarUrl: Schema.NullOr(Schema.String),
  /** Lower-cased; never exposed to other commenters. */
  email: Schema.NullOr(Schema.String),
  emailVerified: Schema.Boolean,
  origin: CommenterOrigin,
  /** The id the host app or OAuth provider knows them by (sso / oauth). */
  externalId: Schema.NullOr(Schema.String),
  passwordHash: Schema.NullOr(Schema.String),
  role: Role,
  /** Sum of votes on their comments. Kept exact by the store. */
  karma: Schema.Int,
  /** Has had a comment approved: `first` moderation lets them through. */
  trusted: Schema.Boolean,
  createdAt: Schema.Number,
  updatedAt: Schema.Number,
})
/** @since 0.1.0 @category models */
export type Commenter = typeof Commenter.Type

/** What other people may see of a commenter. @since 0.1.0 @category models */
export const PublicCommenter = Schema.Struct({
  id: CommenterId,
  displayName: Schema.String,
  avatarUrl: Schema.NullOr(Schema.String),
  role: Role,
  karma: Schema.Int,
})
/** @since 0.1.0 @category models */
export type PublicCommenter = typeof PublicCommenter.Type

/** @since 0.1.0 @category constructors */
export const toPublic = (c: Commenter): PublicCommenter => ({
  id: c.id,
  displayName: c.displayName,
  avatarUrl: c.avatarUrl,
  role: c.role,
  karma: c.karma,
})
