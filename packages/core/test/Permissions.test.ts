import { describe, expect, it } from "@effect/vitest"
import { Effect, Exit } from "effect"
import type { Role } from "../src/domain/Role.js"
import type { CommenterId, SiteId } from "../src/Ids.js"
import * as Actor from "../src/services/Actor.js"
import {
  type Action,
  authorize,
  authorizeRole,
  can,
  canManageRole,
  table,
} from "../src/services/Permissions.js"

const site = "site-1" as SiteId
const me = "me" as CommenterId
const other = "other"

// The expected table, written out again on purpose: a change to the real one
// must be made twice, here and there, so no cell changes by accident.
// Columns: owner admin moderator user anonymous. Y yes, O own only, - no.
const expected: Record<Action, string> = {
  "comment.read": "YYYYY",
  "comment.create": "YYYY-",
  "comment.edit": "OOOO-",
  "comment.delete": "YYYO-",
  "comment.vote": "YYYY-",
  "comment.report": "YYYY-",
  "comment.viewHidden": "YYYO-",
  "comment.moderate": "YYY--",
  "queue.read": "YYY--",
  "commenter.ban": "YYY--",
  "commenter.setRole": "YY---",
  "commenter.history": "YYYO-",
  "thread.lock": "YYY--",
  "site.read": "YY---",
  "site.settings": "YY---",
  "site.keys": "Y----",
  "site.delete": "Y----",
  "audit.read": "YY---",
  "webhooks.manage": "YY---",
  "billing.manage": "Y----",
  "data.export": "YY---",
  "data.import": "Y----",
  "team.manage": "YY---",
}
const roles: ReadonlyArray<Role> = ["owner", "admin", "moderator", "user", "anonymous"]

const actorWith = (role: Role): Actor.Actor =>
  role === "anonymous" ? Actor.anonymous(site) : Actor.commenter(site, me, role)

describe("Permissions", () => {
  it("table – should list exactly the expected actions", () => {
    expect(Object.keys(table).sort()).toEqual(Object.keys(expected).sort())
  })

  for (const [action, cells] of Object.entries(expected) as Array<[Action, string]>) {
    roles.forEach((role, column) => {
      const cell = cells[column]
      it(`${action} × ${role} – should be ${cell === "Y" ? "allowed" : cell === "O" ? "allowed on own only" : "refused"}`, () => {
        const actor = actorWith(role)
        expect(can(actor, action, me)).toBe(cell === "Y" || cell === "O")
        expect(can(actor, action, other)).toBe(cell === "Y")
        expect(can(actor, action, null)).toBe(cell === "Y")
      })
    })
  }

  it("secret key and system – should act as owner", () => {
    for (const actor of [Actor.secretKey(site), Actor.system(site)])
      for (const action of Object.keys(table) as Array<Action>)
        expect(can(actor, action, other)).toBe(expected[action][0] === "Y")
  })

  it.effect("authorize – should say sign in to anonymous and forbidden to others", () =>
    Effect.gen(function* () {
      const anon = yield* Effect.exit(authorize(Actor.anonymous(site), "comment.create"))
      expect(anon).toStrictEqual(
        Exit.fail(expect.objectContaining({ _tag: "Unauthorized", code: "sign_in_required" })),
      )
      const user = yield* Effect.flip(authorize(actorWith("user"), "comment.moderate"))
      expect(user._tag).toBe("Forbidden")
      expect(user.code).toBe("forbidden")
      yield* authorize(actorWith("moderator"), "comment.moderate")
    }),
  )

  // Who may grant, change or remove which team role. Rows: the actor's role;
  // columns: the role managed (owner admin moderator user anonymous).
  const manages: Record<Role, string> = {
    owner: "-YYYY",
    admin: "--YYY",
    moderator: "-----",
    user: "-----",
    anonymous: "-----",
  }
  roles.forEach((actorRole) => {
    roles.forEach((target, column) => {
      const allowed = manages[actorRole][column] === "Y"
      it(`team role ${target} managed by ${actorRole} – should be ${allowed ? "allowed" : "refused"}`, () => {
        expect(canManageRole(actorWith(actorRole), target)).toBe(allowed)
        const exit = Effect.runSyncExit(authorizeRole(actorWith(actorRole), target))
        expect(Exit.isSuccess(exit)).toBe(allowed)
      })
    })
  })

  it.effect("authorizeRole – should name the rule when the role is not outranked", () =>
    Effect.gen(function* () {
      const admin = Actor.commenter(site, me, "admin")
      const error = yield* Effect.flip(authorizeRole(admin, "admin"))
      expect(error).toMatchObject({ _tag: "Forbidden", code: "role_outranks_you" })
      const moderator = yield* Effect.flip(authorizeRole(actorWith("moderator"), "user"))
      expect(moderator).toMatchObject({ _tag: "Forbidden", code: "forbidden" })
      for (const actor of [Actor.secretKey(site), Actor.system(site)]) {
        expect(canManageRole(actor, "admin")).toBe(true)
        expect(canManageRole(actor, "owner")).toBe(false)
      }
    }),
  )
})
