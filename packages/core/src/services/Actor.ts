/**
 * Who is acting: every service call names its actor, and the permissions table
 * decides from the actor's role on the site.
 *
 * @since 0.1.0
 */
import type { Role } from "../domain/Role.js"
import type { AccountId, CommenterId, SiteId } from "../Ids.js"

/**
 * The actor of a call, always bound to one site.
 *
 * - `anonymous`: only the site's public key; no commenter.
 * - `commenter`: a signed-in commenter with their role on the site.
 * - `secretKey`: the site's secret key, acting as owner (server-side).
 * - `account`: a dashboard account acting on a site it has a role on.
 * - `system`: Kommies itself (imports, jobs); acts as owner.
 *
 * @since 0.1.0
 * @category models
 */
export type Actor =
  | { readonly _tag: "anonymous"; readonly siteId: SiteId }
  | {
      readonly _tag: "commenter"
      readonly siteId: SiteId
      readonly commenterId: CommenterId
      readonly role: Role
    }
  | { readonly _tag: "secretKey"; readonly siteId: SiteId }
  | {
      readonly _tag: "account"
      readonly siteId: SiteId
      readonly accountId: AccountId
      readonly role: Role
    }
  | { readonly _tag: "system"; readonly siteId: SiteId }

/** The role an actor holds on its site. @since 0.1.0 @category getters */
export const roleOf = (actor: Actor): Role => {
  switch (actor._tag) {
    case "anonymous":
      return "anonymous"
    case "commenter":
    case "account":
      return actor.role
    case "secretKey":
    case "system":
      return "owner"
  }
}

/** The commenter behind an actor, if any. @since 0.1.0 @category getters */
export const commenterOf = (actor: Actor): CommenterId | null =>
  actor._tag === "commenter" ? actor.commenterId : null

/** How the audit log names the actor. @since 0.1.0 @category getters */
export const label = (actor: Actor): string => {
  switch (actor._tag) {
    case "anonymous":
      return "anonymous"
    case "commenter":
      return `commenter:${actor.commenterId}`
    case "account":
      return `account:${actor.accountId}`
    case "secretKey":
      return "key:secret"
    case "system":
      return "system"
  }
}

/** @since 0.1.0 @category constructors */
export const anonymous = (siteId: SiteId): Actor => ({ _tag: "anonymous", siteId })
/** @since 0.1.0 @category constructors */
export const commenter = (siteId: SiteId, commenterId: CommenterId, role: Role): Actor => ({
  _tag: "commenter",
  siteId,
  commenterId,
  role,
})
/** @since 0.1.0 @category constructors */
export const secretKey = (siteId: SiteId): Actor => ({ _tag: "secretKey", siteId })
/** @since 0.1.0 @category constructors */
export const system = (siteId: SiteId): Actor => ({ _tag: "system", siteId })
