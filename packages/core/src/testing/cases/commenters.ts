/**
 * CommenterStore cases.
 */
import { expect } from "@effect/vitest"
import { Effect, Option } from "effect"
import type { CommenterId } from "../../Ids.js"
import { CommenterStore } from "../../ports/CommenterStore.js"
import * as Fixtures from "../fixtures.js"
import { type Group, must } from "./case.js"
import * as Seed from "./seed.js"

const isConflict = (error: unknown, code: string): boolean =>
  typeof error === "object" &&
  error !== null &&
  "_tag" in error &&
  error._tag === "Conflict" &&
  "code" in error
    ? error.code === code
    : false

/** CommenterStore: the people of one site. */
export const commenters: Group = {
  name: "CommenterStore",
  cases: [
    must(
      "CommenterStore.insert – should store a commenter that get returns as written",
      Effect.gen(function* () {
        const store = yield* CommenterStore
        const site = yield* Seed.site()
        const commenter = yield* Fixtures.commenter(site.id, {
          avatarUrl: "https://example.test/a.png",
          karma: 3,
        })
        yield* store.insert(commenter)
        expect(yield* store.get(site.id, commenter.id)).toEqual(Option.some(commenter))
        expect(yield* store.get(site.id, yield* Fixtures.id<CommenterId>())).toEqual(Option.none())
      }),
    ),
    must(
      "CommenterStore.insert – should fail with Conflict commenter_exists when a password commenter has the email",
      Effect.gen(function* () {
        const store = yield* CommenterStore
        const site = yield* Seed.site()
        const first = yield* Seed.commenter(site.id)
        const second = yield* Fixtures.commenter(site.id, { email: first.email })
        expect(isConflict(yield* Seed.failure(store.insert(second)), "commenter_exists")).toBe(true)
        expect(yield* store.get(site.id, second.id)).toEqual(Option.none())
        expect(yield* store.getByEmail(site.id, first.email!)).toEqual(Option.some(first))
      }),
    ),
    must(
      "CommenterStore.insert – should let guests reuse an email, and a site reuse another site's email",
      Effect.gen(function* () {
        const store = yield* CommenterStore
        const site = yield* Seed.site()
        const member = yield* Seed.commenter(site.id)
        const guest = {
          origin: "guest" as const,
          passwordHash: null,
          emailVerified: false,
          email: member.email,
        }
        const guests = [
          yield* Seed.commenter(site.id, guest),
          yield* Seed.commenter(site.id, guest),
        ]
        for (const g of guests) expect(yield* store.get(site.id, g.id)).toEqual(Option.some(g))
        const elsewhere = yield* Seed.site()
        const twin = yield* Seed.commenter(elsewhere.id, { email: member.email })
        expect(yield* store.getByEmail(elsewhere.id, member.email!)).toEqual(Option.some(twin))
        expect(yield* store.getByEmail(site.id, member.email!)).toEqual(Option.some(member))
      }),
    ),
    must(
      "CommenterStore.insert – should fail with Conflict commenter_exists when the origin and external id are taken",
      Effect.gen(function* () {
        const store = yield* CommenterStore
        const site = yield* Seed.site()
        const sso = {
          origin: "sso" as const,
          externalId: yield* Fixtures.token,
          passwordHash: null,
        }
        yield* Seed.commenter(site.id, sso)
        const again = yield* Fixtures.commenter(site.id, sso)
        expect(isConflict(yield* Seed.failure(store.insert(again)), "commenter_exists")).toBe(true)
        expect(yield* store.get(site.id, again.id)).toEqual(Option.none())
      }),
    ),
    must(
      "CommenterStore.getByEmail – should find only password commenters",
      Effect.gen(function* () {
        const store = yield* CommenterStore
        const site = yield* Seed.site()
        const email = yield* Fixtures.email
        yield* Seed.commenter(site.id, { origin: "guest", passwordHash: null, email })
        expect(yield* store.getByEmail(site.id, email)).toEqual(Option.none())
        const member = yield* Seed.commenter(site.id, { email })
        expect(yield* store.getByEmail(site.id, email)).toEqual(Option.some(member))
        expect(yield* store.getByEmail(site.id, yield* Fixtures.email)).toEqual(Option.none())
      }),
    ),
    must(
      "CommenterStore.getByExternalId – should find a commenter by origin and external id",
      Effect.gen(function* () {
        const store = yield* CommenterStore
        const site = yield* Seed.site()
        const externalId = yield* Fixtures.token
        const github = yield* Seed.commenter(site.id, {
          origin: "oauth:github",
          externalId,
          passwordHash: null,
        })
        const sso = yield* Seed.commenter(site.id, {
          origin: "sso",
          externalId,
          passwordHash: null,
          email: null,
        })
        expect(yield* store.getByExternalId(site.id, "oauth:github", externalId)).toEqual(
          Option.some(github),
        )
        expect(yield* store.getByExternalId(site.id, "sso", externalId)).toEqual(Option.some(sso))
        expect(yield* store.getByExternalId(site.id, "oauth:gitlab", externalId)).toEqual(
          Option.none(),
        )
        expect(yield* store.getByExternalId(site.id, "sso", yield* Fixtures.token)).toEqual(
          Option.none(),
        )
      }),
    ),
    must(
      "CommenterStore.getMany – should return the commenters with known ids and leave unknown ids out",
      Effect.gen(function* () {
        const store = yield* CommenterStore
        const site = yield* Seed.site()
        const a = yield* Seed.commenter(site.id)
        const b = yield* Seed.commenter(site.id, {
          origin: "guest",
          passwordHash: null,
          email: null,
        })
        yield* Seed.commenter(site.id)
        const found = yield* store.getMany(site.id, [b.id, yield* Fixtures.id<CommenterId>(), a.id])
        expect(Seed.idSet(found)).toEqual(Seed.idSet([a, b]))
        expect(found.find((c) => c.id === b.id)).toEqual(b)
        expect(yield* store.getMany(site.id, [])).toEqual([])
      }),
    ),
    must(
      "CommenterStore.update – should apply the patch, leave karma alone and return the commenter",
      Effect.gen(function* () {
        const store = yield* CommenterStore
        const site = yield* Seed.site()
        const commenter = yield* Seed.commenter(site.id, { karma: 7, trusted: false })
        const patch = {
          displayName: "Grace H.",
          avatarUrl: null,
          email: yield* Fixtures.email,
          role: "moderator" as const,
          trusted: true,
          updatedAt: commenter.updatedAt + 1,
        }
        const updated = yield* Seed.must(store.update(site.id, commenter.id, patch))
        expect(updated).toEqual({ ...commenter, ...patch })
        expect(yield* store.get(site.id, commenter.id)).toEqual(Option.some(updated))
        expect(yield* store.getByEmail(site.id, patch.email)).toEqual(Option.some(updated))
        expect(yield* store.getByEmail(site.id, commenter.email!)).toEqual(Option.none())
        const ghost = yield* Fixtures.id<CommenterId>()
        expect(yield* store.update(site.id, ghost, { trusted: true, updatedAt: 1 })).toEqual(
          Option.none(),
        )
      }),
    ),
    must(
      "CommenterStore.listTop – should list the highest karma first, at most limit",
      Effect.gen(function* () {
        const store = yield* CommenterStore
        const site = yield* Seed.site()
        const byKarma = yield* Effect.forEach([4, -2, 12, 0, 7], (karma) =>
          Seed.commenter(site.id, { karma }),
        )
        const expected = Seed.ids([...byKarma].sort((a, b) => b.karma - a.karma))
        expect(Seed.ids(yield* store.listTop(site.id, 10))).toEqual(expected)
        expect(Seed.ids(yield* store.listTop(site.id, 2))).toEqual(expected.slice(0, 2))
      }),
    ),
    must(
      "CommenterStore.listStaff – should list the commenters with a role above user",
      Effect.gen(function* () {
        const store = yield* CommenterStore
        const site = yield* Seed.site()
        const owner = yield* Seed.commenter(site.id, { role: "owner" })
        const admin = yield* Seed.commenter(site.id, { role: "admin" })
        yield* Seed.commenter(site.id, { role: "user" })
        yield* Seed.commenter(site.id, {
          role: "anonymous",
          origin: "guest",
          passwordHash: null,
          email: null,
        })
        const promoted = yield* Seed.commenter(site.id)
        expect(Seed.idSet(yield* store.listStaff(site.id))).toEqual(Seed.idSet([owner, admin]))
        yield* store.update(site.id, promoted.id, {
          role: "moderator",
          updatedAt: promoted.updatedAt + 1,
        })
        expect(Seed.idSet(yield* store.listStaff(site.id))).toEqual(
          Seed.idSet([owner, admin, promoted]),
        )
        yield* store.update(site.id, admin.id, { role: "user", updatedAt: admin.updatedAt + 1 })
        expect(Seed.idSet(yield* store.listStaff(site.id))).toEqual(Seed.idSet([owner, promoted]))
      }),
    ),
  ],
}
