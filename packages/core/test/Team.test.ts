import { describe, expect, it } from "@effect/vitest"
import { Effect, type ManagedRuntime, TestClock } from "effect"
import type { Account } from "../src/domain/Account.js"
import type { InvitationId } from "../src/domain/Membership.js"
import * as Kommies from "../src/Kommies.js"
import * as MemoryMailer from "../src/memory/MemoryMailer.js"
import { AccountStore } from "../src/ports/AccountStore.js"
import { Mailer, MailerError } from "../src/ports/Mailer.js"
import { TeamStore } from "../src/ports/TeamStore.js"
import * as Accounts from "../src/services/Accounts.js"
import * as Actor from "../src/services/Actor.js"
import * as Audit from "../src/services/Audit.js"
import * as Sites from "../src/services/Sites.js"
import * as Team from "../src/services/Team.js"
import * as Fixtures from "../src/testing/fixtures.js"
import { TestKommies } from "./support/kommies.js"

const withKommies = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.provide(effect, TestKommies()) as Effect.Effect<A, E, never>

const link = (token: string) => `https://dash.test/join?token=${token}`

/** A stored account; verified unless told otherwise. */
const account = (email: string, overrides: Partial<Account> = {}) =>
  Effect.gen(function* () {
    const a = yield* Fixtures.account({ email, name: email.split("@")[0] ?? "", ...overrides })
    yield* (yield* AccountStore).insert(a)
    return a
  })

/** The token of the last invitation link mailed to `to`. */
const lastToken = (to: string) =>
  Effect.map(
    Effect.flatMap(MemoryMailer.MemoryMailer, (m) => m.sentTo(to)),
    (mail) => /join\?token=([A-Za-z0-9_-]+)/.exec(mail[mail.length - 1]?.text ?? "")?.[1] ?? "",
  )

/** A site owned by a fresh account, with the owner's actor. */
const ownedSite = Effect.gen(function* () {
  const owner = yield* account("owner@example.com")
  const { site } = yield* Sites.create({ name: "Ada's blog", ownerAccountId: owner.id })
  return { owner, site, asOwner: yield* Accounts.actorOn(owner.id, site.id) }
})

/** Invites `email` as `role` and accepts it with a fresh verified account of that email. */
const join = (asInviter: Actor.Actor, email: string, role: "admin" | "moderator") =>
  Effect.gen(function* () {
    const member = yield* account(email)
    yield* Team.invite(asInviter, { email, role, link })
    yield* Team.accept(member.id, yield* lastToken(email))
    return { member, actor: yield* Accounts.actorOn(member.id, asInviter.siteId) }
  })

describe("Team", () => {
  it.effect("invite and accept – should email a link, and make the invitee a member", () =>
    withKommies(
      Effect.gen(function* () {
        const { owner, site, asOwner } = yield* ownedSite
        const invited = yield* Team.invite(asOwner, {
          email: "  Mo@Example.com ",
          role: "moderator",
          link,
        })
        expect(invited).toMatchObject({ email: "mo@example.com", role: "moderator" })
        expect(invited.expiresAt - invited.createdAt).toBe(7 * 24 * 3600 * 1000)
        expect(Object.keys(invited).sort()).toEqual(
          ["createdAt", "email", "expiresAt", "id", "role"].sort(),
        )
        const mail = yield* Effect.flatMap(MemoryMailer.MemoryMailer, (m) =>
          m.sentTo("mo@example.com"),
        )
        expect(mail).toHaveLength(1)
        expect(mail[0]?.subject).toContain("Ada's blog")
        const token = yield* lastToken("mo@example.com")
        expect(token.length).toBeGreaterThan(30)
        // Only a hash of the token is stored.
        const before = yield* Team.list(asOwner)
        expect(before.invitations).toEqual([invited])
        expect(JSON.stringify(before)).not.toContain(token)

        const mo = yield* account("mo@example.com")
        const joined = yield* Team.accept(mo.id, token)
        expect(joined).toMatchObject({ site: { id: site.id }, role: "moderator" })
        expect(yield* Accounts.actorOn(mo.id, site.id)).toEqual({
          _tag: "account",
          siteId: site.id,
          accountId: mo.id,
          role: "moderator",
        })
        expect((yield* Accounts.memberships(mo.id)).map((m) => [m.site.id, m.role])).toEqual([
          [site.id, "moderator"],
        ])
        expect((yield* Accounts.memberships(owner.id)).map((m) => [m.site.id, m.role])).toEqual([
          [site.id, "owner"],
        ])
        // `sites` stays the owned sites only.
        expect(yield* Accounts.sites(mo.id)).toEqual([])

        const after = yield* Team.list(asOwner)
        expect(after.invitations).toEqual([])
        expect(after.members).toEqual([
          {
            accountId: owner.id,
            email: owner.email,
            name: owner.name,
            role: "owner",
            addedAt: site.createdAt,
          },
          { accountId: mo.id, email: mo.email, name: mo.name, role: "moderator", addedAt: 0 },
        ])
        // The link works once.
        expect((yield* Effect.flip(Team.accept(mo.id, token))).code).toBe("invitation_not_found")
        const actions = (yield* Audit.list(asOwner)).map((e) => [e.action, e.actor])
        expect(actions).toEqual([
          ["team.join", `account:${mo.id}`],
          ["team.invite", `account:${owner.id}`],
        ])
      }),
    ),
  )

  it.effect(
    "accept – should refuse the wrong account, an unverified one, unknown and expired tokens",
    () =>
      withKommies(
        Effect.gen(function* () {
          const { asOwner } = yield* ownedSite
          yield* Team.invite(asOwner, { email: "mo@example.com", role: "moderator", link })
          const token = yield* lastToken("mo@example.com")
          const eve = yield* account("eve@example.com")
          const wrong = yield* Effect.flip(Team.accept(eve.id, token))
          expect(wrong).toMatchObject({ _tag: "Forbidden", code: "invitation_email_mismatch" })
          const unverified = yield* account("mo@example.com", { verified: false })
          const unconfirmed = yield* Effect.flip(Team.accept(unverified.id, token))
          expect(unconfirmed).toMatchObject({ _tag: "Forbidden", code: "email_unverified" })
          const unknown = yield* Effect.flip(Team.accept(eve.id, `${token}x`))
          expect(unknown).toMatchObject({ _tag: "NotFound", code: "invitation_not_found" })
          expect((yield* Effect.flip(Team.accept(eve.id, ""))).code).toBe("invitation_not_found")

          yield* Team.invite(asOwner, { email: "late@example.com", role: "moderator", link })
          const lateToken = yield* lastToken("late@example.com")
          const late = yield* account("late@example.com")
          yield* TestClock.adjust("7 days")
          const expired = yield* Effect.flip(Team.accept(late.id, lateToken))
          expect(expired).toMatchObject({ _tag: "NotFound", code: "invitation_not_found" })
          expect((yield* Team.list(asOwner)).invitations).toEqual([])
          // Nothing was joined along the way.
          expect((yield* Team.list(asOwner)).members.map((m) => m.role)).toEqual(["owner"])
        }),
      ),
  )

  it.effect("invite – should refuse members and the owner, and replace an earlier invitation", () =>
    withKommies(
      Effect.gen(function* () {
        const { asOwner } = yield* ownedSite
        yield* join(asOwner, "mo@example.com", "moderator")
        const member = yield* Effect.flip(
          Team.invite(asOwner, { email: "MO@example.com", role: "admin", link }),
        )
        expect(member).toMatchObject({ _tag: "Conflict", code: "already_member" })
        const owner = yield* Effect.flip(
          Team.invite(asOwner, { email: "owner@example.com", role: "admin", link }),
        )
        expect(owner).toMatchObject({ _tag: "Conflict", code: "already_member" })
        const bad = yield* Effect.flip(
          Team.invite(asOwner, { email: "not-an-email", role: "moderator", link }),
        )
        expect(bad.code).toBe("email_invalid")
        const badRole = yield* Effect.flip(
          Team.invite(asOwner, { email: "x@example.com", role: "owner" as "admin", link }),
        )
        expect(badRole.code).toBe("role_invalid")

        yield* Team.invite(asOwner, { email: "al@example.com", role: "moderator", link })
        const first = yield* lastToken("al@example.com")
        const second = yield* Team.invite(asOwner, { email: "al@example.com", role: "admin", link })
        expect((yield* Team.list(asOwner)).invitations).toEqual([second])
        const al = yield* account("al@example.com")
        expect((yield* Effect.flip(Team.accept(al.id, first))).code).toBe("invitation_not_found")
        expect((yield* Team.accept(al.id, yield* lastToken("al@example.com"))).role).toBe("admin")
      }),
    ),
  )

  it.effect("invite – should keep no invitation when the email cannot be sent", () =>
    Effect.gen(function* () {
      const { asOwner } = yield* ownedSite
      const failed = yield* Effect.flip(
        Team.invite(asOwner, { email: "mo@example.com", role: "moderator", link }).pipe(
          Effect.provideService(Mailer, {
            send: () => Effect.fail(new MailerError({ message: "SMTP down" })),
          }),
        ),
      )
      expect(failed.code).toBe("email_unsent")
      expect((yield* Team.list(asOwner)).invitations).toEqual([])
    }).pipe(withKommies),
  )

  it.effect(
    "roles – should let a role manage only the roles it outranks, and never the owner",
    () =>
      withKommies(
        Effect.gen(function* () {
          const { owner, site, asOwner } = yield* ownedSite
          const { member: admin, actor: asAdmin } = yield* join(asOwner, "ad@example.com", "admin")
          expect(asAdmin).toMatchObject({ _tag: "account", role: "admin" })
          const { member: mod, actor: asMod } = yield* join(asAdmin, "mo@example.com", "moderator")

          // An admin invites moderators, not admins; a moderator invites nobody.
          const adminInvitesAdmin = yield* Effect.flip(
            Team.invite(asAdmin, { email: "x@example.com", role: "admin", link }),
          )
          expect(adminInvitesAdmin).toMatchObject({ _tag: "Forbidden", code: "role_outranks_you" })
          const modInvites = yield* Effect.flip(
            Team.invite(asMod, { email: "y@example.com", role: "moderator", link }),
          )
          expect(modInvites).toMatchObject({ _tag: "Forbidden", code: "forbidden" })
          expect((yield* Effect.flip(Team.list(asMod))).code).toBe("forbidden")

          // Nobody changes or removes the owner.
          for (const actor of [asOwner, asAdmin, Actor.secretKey(site.id)]) {
            expect((yield* Effect.flip(Team.setRole(actor, owner.id, "admin"))).code).toBe(
              "owner_immutable",
            )
            expect((yield* Effect.flip(Team.remove(actor, owner.id))).code).toBe("owner_immutable")
          }
          // An admin cannot promote to admin, nor touch another admin.
          expect((yield* Effect.flip(Team.setRole(asAdmin, mod.id, "admin"))).code).toBe(
            "role_outranks_you",
          )
          const { member: admin2 } = yield* join(asOwner, "ad2@example.com", "admin")
          expect((yield* Effect.flip(Team.remove(asAdmin, admin2.id))).code).toBe(
            "role_outranks_you",
          )
          expect((yield* Effect.flip(Team.setRole(asAdmin, admin2.id, "moderator"))).code).toBe(
            "role_outranks_you",
          )
          // The owner can; the view reflects the change.
          const promoted = yield* Team.setRole(asOwner, mod.id, "admin")
          expect(promoted).toMatchObject({ accountId: mod.id, role: "admin" })
          expect(Actor.roleOf(yield* Accounts.actorOn(mod.id, site.id))).toBe("admin")
          yield* Team.setRole(asOwner, mod.id, "moderator")
          // An admin removes a moderator; the moderator no longer sees the site.
          yield* Team.remove(asAdmin, mod.id)
          expect((yield* Effect.flip(Accounts.actorOn(mod.id, site.id))).code).toBe(
            "site_not_found",
          )
          expect((yield* Effect.flip(Team.remove(asAdmin, mod.id))).code).toBe("member_not_found")
          expect((yield* Effect.flip(Team.setRole(asOwner, mod.id, "admin"))).code).toBe(
            "member_not_found",
          )
          // A member may leave on their own.
          yield* Team.remove(asAdmin, admin.id)
          expect(yield* Accounts.memberships(admin.id)).toEqual([])
          const actions = (yield* Audit.list(asOwner)).map((e) => e.action)
          expect(actions.slice(0, 4)).toEqual([
            "team.leave",
            "team.remove",
            "team.role",
            "team.role",
          ])
        }),
      ),
  )

  it.effect("revokeInvitation – should withdraw the link, within the actor's rank", () =>
    withKommies(
      Effect.gen(function* () {
        const { site, asOwner } = yield* ownedSite
        const { actor: asAdmin } = yield* join(asOwner, "ad@example.com", "admin")
        const forAdmin = yield* Team.invite(asOwner, {
          email: "a2@example.com",
          role: "admin",
          link,
        })
        const forMod = yield* Team.invite(asAdmin, {
          email: "m2@example.com",
          role: "moderator",
          link,
        })
        expect((yield* Effect.flip(Team.revokeInvitation(asAdmin, forAdmin.id))).code).toBe(
          "role_outranks_you",
        )
        yield* Team.revokeInvitation(asAdmin, forMod.id)
        yield* Team.revokeInvitation(asOwner, forAdmin.id)
        expect((yield* Team.list(asOwner)).invitations).toEqual([])
        const a2 = yield* account("a2@example.com")
        expect(
          (yield* Effect.flip(Team.accept(a2.id, yield* lastToken("a2@example.com")))).code,
        ).toBe("invitation_not_found")
        expect(
          (yield* Effect.flip(Team.revokeInvitation(asOwner, "nope" as InvitationId))).code,
        ).toBe("invitation_not_found")
        // Another site's invitation is not this site's to revoke.
        const other = yield* Sites.create({ name: "Other" })
        const elsewhere = yield* Team.invite(Actor.secretKey(other.site.id), {
          email: "z@example.com",
          role: "moderator",
          link,
        })
        expect((yield* Effect.flip(Team.revokeInvitation(asOwner, elsewhere.id))).code).toBe(
          "invitation_not_found",
        )
        expect(
          (yield* (yield* TeamStore).listInvitations(other.site.id, 10)).map((i) => i.id),
        ).toEqual([elsewhere.id])
        expect(site.id).not.toBe(other.site.id)
      }),
    ),
  )

  it.effect("actorOn – should keep other sites unknown to an account", () =>
    withKommies(
      Effect.gen(function* () {
        const { site, asOwner } = yield* ownedSite
        const { member } = yield* join(asOwner, "mo@example.com", "moderator")
        const { site: other } = yield* Sites.create({ name: "Elsewhere" })
        const stranger = yield* account("st@example.com")
        for (const [who, where] of [
          [stranger.id, site.id],
          [member.id, other.id],
        ] as const)
          expect((yield* Effect.flip(Accounts.actorOn(who, where))).code).toBe("site_not_found")
      }),
    ),
  )
})

describe("Team through the Promise facade", () => {
  it("team and accounts.memberships – should invite, accept and list without Effect", async () => {
    const kommies = Kommies.make({
      tokens: { secret: "test-secret-test-secret-test-secret-0123" },
      passwords: { ln: 4 },
      mailer: MemoryMailer.layer,
    })
    try {
      const mo = await kommies.run(account("mo@example.com"))
      const { site } = await kommies.sites.create({ name: "Facade" })
      const asKey = Actor.secretKey(site.id)
      const invited = await kommies.team.invite(asKey, {
        email: "mo@example.com",
        role: "admin",
        link,
      })
      // The facade's runtime was built with the memory mailer, so its tag is there.
      const runtime = kommies.runtime as unknown as ManagedRuntime.ManagedRuntime<
        MemoryMailer.MemoryMailer,
        unknown
      >
      const mail = await runtime.runPromise(
        Effect.flatMap(MemoryMailer.MemoryMailer, (m) => m.sentTo("mo@example.com")),
      )
      const token = /join\?token=([A-Za-z0-9_-]+)/.exec(mail[0]?.text ?? "")?.[1] ?? ""
      expect((await kommies.team.list(asKey)).invitations).toEqual([invited])
      expect((await kommies.team.accept(mo.id, token)).role).toBe("admin")
      const memberships = await kommies.accounts.memberships(mo.id)
      expect(memberships.map((m) => [m.site.id, m.role])).toEqual([[site.id, "admin"]])
      const asMo = await kommies.accounts.actorOn(mo.id, site.id)
      await expect(kommies.team.setRole(asMo, mo.id, "moderator")).rejects.toMatchObject({
        _tag: "Forbidden",
        code: "role_outranks_you",
      })
      await kommies.team.remove(asKey, mo.id)
      expect((await kommies.team.list(asKey)).members).toEqual([])
    } finally {
      await kommies.dispose()
    }
  })
})
