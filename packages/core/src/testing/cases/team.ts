/**
 * TeamStore cases: memberships, invitations, and the atomic accept.
 */
import { expect } from "@effect/vitest"
import { Effect, Option } from "effect"
import type { Invitation, InvitationId, Membership, TeamRole } from "../../domain/Membership.js"
import type { AccountId, SiteId } from "../../Ids.js"
import { AccountStore } from "../../ports/AccountStore.js"
import { TeamStore } from "../../ports/TeamStore.js"
import * as Fixtures from "../fixtures.js"
import { type Group, given, must } from "./case.js"
import * as Seed from "./seed.js"

const DAY = 86_400_000

/** Stores a fresh verified account and returns its id. */
const account = Effect.gen(function* () {
  const a = yield* Fixtures.account()
  yield* (yield* AccountStore).insert(a)
  return a.id
})

const membership = (
  siteId: SiteId,
  accountId: AccountId,
  role: TeamRole = "moderator",
  addedAt = 1_700_000_000_000,
): Membership => ({ siteId, accountId, role, addedAt })

const invitation = (siteId: SiteId, overrides: Partial<Invitation> = {}) =>
  Effect.gen(function* () {
    const id = yield* Fixtures.id<InvitationId>()
    const createdAt = Fixtures.timeOf(id)
    const made: Invitation = {
      id,
      siteId,
      email: yield* Fixtures.email,
      role: "moderator",
      tokenHash: yield* Fixtures.hexHash,
      invitedBy: yield* Fixtures.id<AccountId>(),
      createdAt,
      expiresAt: createdAt + 7 * DAY,
      ...overrides,
    }
    return made
  })

const storedInvitation = (siteId: SiteId, overrides: Partial<Invitation> = {}) =>
  Effect.gen(function* () {
    const made = yield* invitation(siteId, overrides)
    yield* (yield* TeamStore).insertInvitation(made)
    return made
  })

const isStoreConflict = (error: unknown): boolean =>
  typeof error === "object" &&
  error !== null &&
  "_tag" in error &&
  error._tag === "StoreError" &&
  "reason" in error &&
  error.reason === "Conflict"

/** TeamStore: site teams. */
export const team: Group = {
  name: "TeamStore",
  cases: [
    must(
      "TeamStore.putMembership – should store a membership that getMembership returns as written",
      Effect.gen(function* () {
        const store = yield* TeamStore
        const site = yield* Seed.site()
        const m = membership(site.id, yield* account, "admin")
        yield* store.putMembership(m)
        expect(yield* store.getMembership(site.id, m.accountId)).toEqual(Option.some(m))
        expect(yield* store.getMembership(site.id, yield* account)).toEqual(Option.none())
        expect(yield* store.getMembership((yield* Seed.site()).id, m.accountId)).toEqual(
          Option.none(),
        )
      }),
    ),
    must(
      "TeamStore.putMembership – should replace the membership of the same site and account",
      Effect.gen(function* () {
        const store = yield* TeamStore
        const site = yield* Seed.site()
        const m = membership(site.id, yield* account, "moderator")
        yield* store.putMembership(m)
        const promoted = { ...m, role: "admin" as const }
        yield* store.putMembership(promoted)
        expect(yield* store.getMembership(site.id, m.accountId)).toEqual(Option.some(promoted))
        expect(yield* store.listMembers(site.id, 10)).toEqual([promoted])
        expect(yield* store.listMemberships(m.accountId)).toEqual([promoted])
      }),
    ),
    must(
      "TeamStore.removeMembership – should remove it from every lookup and say whether it was there",
      Effect.gen(function* () {
        const store = yield* TeamStore
        const site = yield* Seed.site()
        const other = yield* Seed.site()
        const accountId = yield* account
        yield* store.putMembership(membership(site.id, accountId))
        const kept = membership(other.id, accountId, "admin")
        yield* store.putMembership(kept)
        expect(yield* store.removeMembership(site.id, accountId)).toBe(true)
        expect(yield* store.removeMembership(site.id, accountId)).toBe(false)
        expect(yield* store.getMembership(site.id, accountId)).toEqual(Option.none())
        expect(yield* store.listMembers(site.id, 10)).toEqual([])
        expect(yield* store.listMemberships(accountId)).toEqual([kept])
      }),
    ),
    must(
      "TeamStore.listMembers – should list the site's members oldest first, up to the limit, and no other site's",
      Effect.gen(function* () {
        const store = yield* TeamStore
        const site = yield* Seed.site()
        const other = yield* Seed.site()
        const members: Array<Membership> = []
        for (const [i, role] of (["admin", "moderator", "moderator"] as const).entries()) {
          members.push(membership(site.id, yield* account, role, 1_700_000_000_000 + (3 - i)))
        }
        for (const m of members) yield* store.putMembership(m)
        yield* store.putMembership(membership(other.id, yield* account))
        const oldestFirst = [...members].reverse()
        expect(yield* store.listMembers(site.id, 10)).toEqual(oldestFirst)
        expect(yield* store.listMembers(site.id, 2)).toEqual(oldestFirst.slice(0, 2))
        expect(yield* store.listMembers(site.id, 0)).toEqual([])
        expect(yield* store.listMembers((yield* Seed.site()).id, 10)).toEqual([])
      }),
    ),
    must(
      "TeamStore.listMemberships – should list every site the account is a member of and no other account's",
      Effect.gen(function* () {
        const store = yield* TeamStore
        const accountId = yield* account
        const a = yield* Seed.site()
        const b = yield* Seed.site()
        const mine = [
          membership(b.id, accountId, "moderator", 1_700_000_000_001),
          membership(a.id, accountId, "admin", 1_700_000_000_002),
        ]
        for (const m of mine) yield* store.putMembership(m)
        yield* store.putMembership(membership(a.id, yield* account))
        expect(yield* store.listMemberships(accountId)).toEqual(mine)
        expect(yield* store.listMemberships(yield* Fixtures.id<AccountId>())).toEqual([])
      }),
    ),
    must(
      "TeamStore.insertInvitation – should store an invitation that getInvitationByTokenHash returns as written",
      Effect.gen(function* () {
        const store = yield* TeamStore
        const site = yield* Seed.site()
        const inv = yield* storedInvitation(site.id, { role: "admin" })
        expect(yield* store.getInvitationByTokenHash(inv.tokenHash)).toEqual(Option.some(inv))
        expect(yield* store.getInvitationByTokenHash(yield* Fixtures.hexHash)).toEqual(
          Option.none(),
        )
      }),
    ),
    must(
      "TeamStore.insertInvitation – should fail with StoreError Conflict on a duplicate id or token hash",
      Effect.gen(function* () {
        const store = yield* TeamStore
        const site = yield* Seed.site()
        const inv = yield* storedInvitation(site.id)
        const sameId = yield* invitation(site.id, { id: inv.id })
        expect(isStoreConflict(yield* Seed.failure(store.insertInvitation(sameId)))).toBe(true)
        const sameHash = yield* invitation(site.id, { tokenHash: inv.tokenHash })
        expect(isStoreConflict(yield* Seed.failure(store.insertInvitation(sameHash)))).toBe(true)
        expect(yield* store.getInvitationByTokenHash(inv.tokenHash)).toEqual(Option.some(inv))
        expect(yield* store.listInvitations(site.id, 10)).toEqual([inv])
      }),
    ),
    must(
      "TeamStore.listInvitations – should list the site's invitations oldest first, up to the limit, and no other site's",
      Effect.gen(function* () {
        const store = yield* TeamStore
        const site = yield* Seed.site()
        const other = yield* Seed.site()
        const first = yield* storedInvitation(site.id)
        const second = yield* storedInvitation(site.id)
        yield* storedInvitation(other.id)
        expect(yield* store.listInvitations(site.id, 10)).toEqual([first, second])
        expect(yield* store.listInvitations(site.id, 1)).toEqual([first])
        expect(yield* store.listInvitations((yield* Seed.site()).id, 10)).toEqual([])
      }),
    ),
    must(
      "TeamStore.deleteInvitation – should delete the site's invitation only, and say whether it was there",
      Effect.gen(function* () {
        const store = yield* TeamStore
        const site = yield* Seed.site()
        const other = yield* Seed.site()
        const inv = yield* storedInvitation(site.id)
        expect(yield* store.deleteInvitation(other.id, inv.id)).toBe(false)
        expect(yield* store.getInvitationByTokenHash(inv.tokenHash)).toEqual(Option.some(inv))
        expect(yield* store.deleteInvitation(site.id, inv.id)).toBe(true)
        expect(yield* store.deleteInvitation(site.id, inv.id)).toBe(false)
        expect(yield* store.getInvitationByTokenHash(inv.tokenHash)).toEqual(Option.none())
        expect(yield* store.listInvitations(site.id, 10)).toEqual([])
      }),
    ),
    must(
      "TeamStore.acceptInvitation – should delete the invitation and add the membership in one step",
      Effect.gen(function* () {
        const store = yield* TeamStore
        const site = yield* Seed.site()
        const inv = yield* storedInvitation(site.id, { role: "admin" })
        const m = membership(site.id, yield* account, "admin")
        expect(yield* store.acceptInvitation(inv.id, m)).toBe(true)
        expect(yield* store.getMembership(site.id, m.accountId)).toEqual(Option.some(m))
        expect(yield* store.listMemberships(m.accountId)).toEqual([m])
        expect(yield* store.getInvitationByTokenHash(inv.tokenHash)).toEqual(Option.none())
        expect(yield* store.listInvitations(site.id, 10)).toEqual([])
      }),
    ),
    must(
      "TeamStore.acceptInvitation – should write nothing when the invitation is gone or belongs to another site",
      Effect.gen(function* () {
        const store = yield* TeamStore
        const site = yield* Seed.site()
        const other = yield* Seed.site()
        const inv = yield* storedInvitation(site.id)
        const stranger = membership(other.id, yield* account)
        expect(yield* store.acceptInvitation(inv.id, stranger)).toBe(false)
        expect(yield* store.getMembership(other.id, stranger.accountId)).toEqual(Option.none())
        expect(yield* store.getInvitationByTokenHash(inv.tokenHash)).toEqual(Option.some(inv))
        yield* store.deleteInvitation(site.id, inv.id)
        const late = membership(site.id, yield* account)
        expect(yield* store.acceptInvitation(inv.id, late)).toBe(false)
        expect(yield* store.getMembership(site.id, late.accountId)).toEqual(Option.none())
        expect(yield* store.listMembers(site.id, 10)).toEqual([])
      }),
    ),
    given(
      "races",
      "TeamStore.acceptInvitation – should let exactly one of 10 racing accepts win",
      Effect.gen(function* () {
        const store = yield* TeamStore
        const site = yield* Seed.site()
        const inv = yield* storedInvitation(site.id)
        const candidates: Array<Membership> = []
        for (let i = 0; i < 10; i++) candidates.push(membership(site.id, yield* account))
        const results = yield* Effect.forEach(
          candidates,
          (m) => store.acceptInvitation(inv.id, m),
          { concurrency: "unbounded" },
        )
        expect(results.filter((won) => won)).toHaveLength(1)
        const winner = candidates[results.indexOf(true)]
        expect(yield* store.listMembers(site.id, 20)).toEqual([winner])
      }),
    ),
  ],
}
