/**
 * The permissions table: the one place that says who may do what on a site.
 * Every service asks `authorize` before it acts; tests cover every cell.
 *
 * @since 0.1.0
 */
import { Effect } from "effect"
import { outranks, type Role } from "../domain/Role.js"
import { Forbidden, Unauthorized } from "../Errors.js"
import { type Actor, commenterOf, roleOf } from "./Actor.js"

/** Everything an actor may ask to do. @since 0.1.0 @category models */
export type Action =
  | "comment.read"
  | "comment.create"
  | "comment.edit"
  | "comment.delete"
  | "comment.vote"
  | "comment.report"
  | "comment.viewHidden"
  | "comment.moderate"
  | "queue.read"
  | "commenter.ban"
  | "commenter.setRole"
  | "commenter.history"
  | "thread.lock"
  | "site.read"
  | "site.settings"
  | "site.keys"
  | "site.delete"
  | "audit.read"
  | "webhooks.manage"
  | "billing.manage"
  | "data.export"
  | "data.import"
  | "team.manage"

/**
 * A cell of the table: `yes`, `own` (only on things the actor wrote or is), or `no`.
 *
 * @since 0.1.0
 * @category models
 */
export type Grant = "yes" | "own" | "no"

type Row = Readonly<Record<Role, Grant>>
const row = (owner: Grant, admin: Grant, moderator: Grant, user: Grant, anonymous: Grant): Row => ({
  owner,
  admin,
  moderator,
  user,
  anonymous,
})

/**
 * The table. Columns: owner, admin, moderator, user, anonymous.
 *
 * @since 0.1.0
 * @category constants
 */
export const table: Readonly<Record<Action, Row>> = {
  //                              owner   admin  moderator user   anonymous
  "comment.read": row("yes", "yes", "yes", "yes", "yes"),
  "comment.create": row("yes", "yes", "yes", "yes", "no"),
  "comment.edit": row("own", "own", "own", "own", "no"),
  "comment.delete": row("yes", "yes", "yes", "own", "no"),
  "comment.vote": row("yes", "yes", "yes", "yes", "no"),
  "comment.report": row("yes", "yes", "yes", "yes", "no"),
  "comment.viewHidden": row("yes", "yes", "yes", "own", "no"),
  "comment.moderate": row("yes", "yes", "yes", "no", "no"),
  "queue.read": row("yes", "yes", "yes", "no", "no"),
  "commenter.ban": row("yes", "yes", "yes", "no", "no"),
  "commenter.setRole": row("yes", "yes", "no", "no", "no"),
  "commenter.history": row("yes", "yes", "yes", "own", "no"),
  "thread.lock": row("yes", "yes", "yes", "no", "no"),
  "site.read": row("yes", "yes", "no", "no", "no"),
  "site.settings": row("yes", "yes", "no", "no", "no"),
  "site.keys": row("yes", "no", "no", "no", "no"),
  "site.delete": row("yes", "no", "no", "no", "no"),
  "audit.read": row("yes", "yes", "no", "no", "no"),
  "webhooks.manage": row("yes", "yes", "no", "no", "no"),
  "billing.manage": row("yes", "no", "no", "no", "no"),
  "data.export": row("yes", "yes", "no", "no", "no"),
  "data.import": row("yes", "no", "no", "no", "no"),
  "team.manage": row("yes", "yes", "no", "no", "no"),
}

/** The cell for a role and an action. @since 0.1.0 @category getters */
export const grant = (role: Role, action: Action): Grant => table[action][role]

/**
 * Whether the actor may do `action`; `owner` is the commenter the target
 * belongs to (the author of a comment, the commenter whose history it is).
 *
 * @since 0.1.0
 * @category predicates
 */
export const can = (actor: Actor, action: Action, owner?: string | null): boolean => {
  const cell = grant(roleOf(actor), action)
  if (cell === "yes") return true
  if (cell === "no") return false
  const self = commenterOf(actor)
  return self !== null && owner !== undefined && owner !== null && self === owner
}

/**
 * Fails unless the table allows it: Unauthorized (`sign_in_required`) for an
 * anonymous actor, Forbidden (`forbidden`) for everybody else.
 *
 * @since 0.1.0
 * @category guards
 * @example
 * yield* Permissions.authorize(actor, "comment.moderate")
 */
export const authorize = (
  actor: Actor,
  action: Action,
  owner?: string | null,
): Effect.Effect<void, Forbidden | Unauthorized> =>
  can(actor, action, owner)
    ? Effect.void
    : actor._tag === "anonymous"
      ? Effect.fail(new Unauthorized({ code: "sign_in_required", message: `Sign in to ${action}` }))
      : Effect.fail(new Forbidden({ code: "forbidden", message: `Not allowed: ${action}` }))

/**
 * Whether the actor may grant, change or remove `role` on its site's team:
 * it needs `team.manage` and a role that strictly outranks `role`. So an admin
 * manages moderators, only the owner manages admins, and nobody manages the
 * owner.
 *
 * @since 0.1.0
 * @category predicates
 */
export const canManageRole = (actor: Actor, role: Role): boolean =>
  can(actor, "team.manage") && outranks(roleOf(actor), role)

/**
 * Fails unless {@link canManageRole}: like {@link authorize}, with Forbidden
 * `role_outranks_you` when the actor may manage the team but not this role.
 *
 * @since 0.1.0
 * @category guards
 * @example
 * yield* Permissions.authorizeRole(actor, "admin") // only the owner passes
 */
export const authorizeRole = (
  actor: Actor,
  role: Role,
): Effect.Effect<void, Forbidden | Unauthorized> =>
  Effect.flatMap(authorize(actor, "team.manage"), () =>
    canManageRole(actor, role)
      ? Effect.void
      : Effect.fail(
          new Forbidden({
            code: "role_outranks_you",
            message: `Only a role above ${role} may grant, change or remove it`,
          }),
        ),
  )
