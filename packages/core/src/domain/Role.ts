/**
 * Roles a commenter (or an account acting on a site) holds, from most to least powerful.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/** @since 0.1.0 @category models */
export const Role = Schema.Literal("owner", "admin", "moderator", "user", "anonymous")
/** @since 0.1.0 @category models */
export type Role = typeof Role.Type

const rank: Record<Role, number> = { owner: 4, admin: 3, moderator: 2, user: 1, anonymous: 0 }

/** True when `role` is at least `minimum` (owner > admin > moderator > user > anonymous). @since 0.1.0 @category predicates */
export const atLeast = (role: Role, minimum: Role): boolean => rank[role] >= rank[minimum]

/** True when `a` outranks `b` strictly. @since 0.1.0 @category predicates */
export const outranks = (a: Role, b: Role): boolean => rank[a] > rank[b]

/** Every role, most powerful first. @since 0.1.0 @category constants */
export const all: ReadonlyArray<Role> = ["owner", "admin", "moderator", "user", "anonymous"]
