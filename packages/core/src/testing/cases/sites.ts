/**
 * SiteStore and AccountStore cases.
 */
import { expect } from "@effect/vitest"
import { Effect, Option } from "effect"
import type { AccountId } from "../../Ids.js"
import { AccountStore } from "../../ports/AccountStore.js"
import { SiteStore } from "../../ports/SiteStore.js"
import * as Fixtures from "../fixtures.js"
import { type Group, must } from "./case.js"
import * as Seed from "./seed.js"

const conflictCode = (error: unknown): string | null =>
  typeof error === "object" &&
  error !== null &&
  "_tag" in error &&
  error._tag === "Conflict" &&
  "code" in error
    ? String(error.code)
    : null

/** SiteStore: the tenants. */
export const sites: Group = {
  name: "SiteStore",
  cases: [
    must(
      "SiteStore.insert – should store a site that get returns as written",
      Effect.gen(function* () {
        const store = yield* SiteStore
        const site = yield* Fixtures.site({ allowedOrigins: ["https://a.test", "https://b.test"] })
        yield* store.insert(site)
        expect(yield* store.get(site.id)).toEqual(Option.some(site))
      }),
    ),
    must(
      "SiteStore.get – should give settings written before a setting existed its default",
      Effect.gen(function* () {
        const store = yield* SiteStore
        const site = yield* Fixtures.site()
        // Settings as 0.1.0 wrote them, before `theme`.
        const { theme: _theme, ...older } = site.settings
        yield* store.insert({ ...site, settings: older as typeof site.settings })
        const expected = Option.some({ ...older, theme: "auto" })
        expect(Option.map(yield* store.get(site.id), (s) => s.settings)).toEqual(expected)
        expect(Option.map(yield* store.getByPublicKey(site.publicKey), (s) => s.settings)).toEqual(
          expected,
        )
      }),
    ),
    must(
      "SiteStore.get – should return None for an unknown id",
      Effect.gen(function* () {
        const store = yield* SiteStore
        expect(yield* store.get(yield* Fixtures.siteId)).toEqual(Option.none())
      }),
    ),
    must(
      "SiteStore.insert – should fail with Conflict site_exists on a duplicate id",
      Effect.gen(function* () {
        const store = yield* SiteStore
        const site = yield* Seed.site()
        const twin = yield* Fixtures.site({ id: site.id })
        const error = yield* Seed.failure(store.insert(twin))
        expect(conflictCode(error)).toBe("site_exists")
        expect(yield* store.get(site.id)).toEqual(Option.some(site))
      }),
    ),
    must(
      "SiteStore.insert – should fail with Conflict site_exists on a taken public key",
      Effect.gen(function* () {
        const store = yield* SiteStore
        const site = yield* Seed.site()
        const other = yield* Fixtures.site({ publicKey: site.publicKey })
        expect(conflictCode(yield* Seed.failure(store.insert(other)))).toBe("site_exists")
        expect(yield* store.get(other.id)).toEqual(Option.none())
        expect(Option.map(yield* store.getByPublicKey(site.publicKey), (s) => s.id)).toEqual(
          Option.some(site.id),
        )
      }),
    ),
    must(
      "SiteStore.insert – should fail with Conflict site_exists on a taken secret key id",
      Effect.gen(function* () {
        const store = yield* SiteStore
        const site = yield* Seed.site()
        const other = yield* Fixtures.site({ secretKeyId: site.secretKeyId })
        expect(conflictCode(yield* Seed.failure(store.insert(other)))).toBe("site_exists")
        expect(yield* store.get(other.id)).toEqual(Option.none())
      }),
    ),
    must(
      "SiteStore.getByPublicKey – should find the site by its public key and None for an unknown key",
      Effect.gen(function* () {
        const store = yield* SiteStore
        const site = yield* Seed.site()
        yield* Seed.site()
        expect(yield* store.getByPublicKey(site.publicKey)).toEqual(Option.some(site))
        expect(yield* store.getByPublicKey(`kp_${yield* Fixtures.token}`)).toEqual(Option.none())
      }),
    ),
    must(
      "SiteStore.getBySecretKeyId – should find the site by its secret key id and None for an unknown id",
      Effect.gen(function* () {
        const store = yield* SiteStore
        const site = yield* Seed.site()
        yield* Seed.site()
        expect(yield* store.getBySecretKeyId(site.secretKeyId)).toEqual(Option.some(site))
        expect(yield* store.getBySecretKeyId(yield* Fixtures.token)).toEqual(Option.none())
      }),
    ),
    must(
      "SiteStore.update – should replace the record and rotate both keys",
      Effect.gen(function* () {
        const store = yield* SiteStore
        const site = yield* Seed.site()
        const rotated = {
          ...site,
          name: "Renamed",
          publicKey: `kp_${yield* Fixtures.token}`,
          secretKeyId: yield* Fixtures.token,
          secretKeyHash: yield* Fixtures.hexHash,
          settings: { ...site.settings, moderation: "pre" as const, wordFilter: ["spam"] },
          updatedAt: site.updatedAt + 1,
        }
        yield* store.update(rotated)
        expect(yield* store.get(site.id)).toEqual(Option.some(rotated))
        expect(yield* store.getByPublicKey(rotated.publicKey)).toEqual(Option.some(rotated))
        expect(yield* store.getBySecretKeyId(rotated.secretKeyId)).toEqual(Option.some(rotated))
        expect(yield* store.getByPublicKey(site.publicKey)).toEqual(Option.none())
        expect(yield* store.getBySecretKeyId(site.secretKeyId)).toEqual(Option.none())
      }),
    ),
    must(
      "SiteStore.update – should ignore an id that is not stored",
      Effect.gen(function* () {
        const store = yield* SiteStore
        const ghost = yield* Fixtures.site()
        yield* store.update(ghost)
        expect(yield* store.get(ghost.id)).toEqual(Option.none())
        expect(yield* store.getByPublicKey(ghost.publicKey)).toEqual(Option.none())
      }),
    ),
    must(
      "SiteStore.update – should fail with Conflict when the new public key belongs to another site",
      Effect.gen(function* () {
        const store = yield* SiteStore
        const a = yield* Seed.site()
        const b = yield* Seed.site()
        const error = yield* Seed.failure(store.update({ ...b, publicKey: a.publicKey }))
        expect(conflictCode(error)).not.toBeNull()
        expect(yield* store.get(b.id)).toEqual(Option.some(b))
        expect(Option.map(yield* store.getByPublicKey(a.publicKey), (s) => s.id)).toEqual(
          Option.some(a.id),
        )
      }),
    ),
    must(
      "SiteStore.listByOwner – should list every site of the account and no other",
      Effect.gen(function* () {
        const store = yield* SiteStore
        const owner = yield* Fixtures.id<AccountId>()
        const mine = [
          yield* Seed.site({ ownerAccountId: owner }),
          yield* Seed.site({ ownerAccountId: owner }),
        ]
        yield* Seed.site({ ownerAccountId: yield* Fixtures.id<AccountId>() })
        yield* Seed.site()
        expect(Seed.idSet(yield* store.listByOwner(owner))).toEqual(Seed.idSet(mine))
        expect(yield* store.listByOwner(yield* Fixtures.id<AccountId>())).toEqual([])
      }),
    ),
    must(
      "SiteStore.claimOwner – should make the account the owner of an unowned site, listByOwner included",
      Effect.gen(function* () {
        const store = yield* SiteStore
        const site = yield* Seed.site()
        const owner = yield* Fixtures.id<AccountId>()
        const at = site.updatedAt + 1_000
        expect(yield* store.claimOwner(site.id, owner, at)).toBe(true)
        const claimed = { ...site, ownerAccountId: owner, updatedAt: at }
        expect(yield* store.get(site.id)).toEqual(Option.some(claimed))
        expect(yield* store.getByPublicKey(site.publicKey)).toEqual(Option.some(claimed))
        expect(yield* store.listByOwner(owner)).toEqual([claimed])
      }),
    ),
    must(
      "SiteStore.claimOwner – should refuse a second claim and change nothing",
      Effect.gen(function* () {
        const store = yield* SiteStore
        const site = yield* Seed.site()
        const first = yield* Fixtures.id<AccountId>()
        const second = yield* Fixtures.id<AccountId>()
        expect(yield* store.claimOwner(site.id, first, site.updatedAt + 1)).toBe(true)
        const claimed = yield* store.get(site.id)
        expect(yield* store.claimOwner(site.id, second, site.updatedAt + 2)).toBe(false)
        expect(yield* store.claimOwner(site.id, first, site.updatedAt + 3)).toBe(false)
        expect(yield* store.get(site.id)).toEqual(claimed)
        expect(yield* store.listByOwner(second)).toEqual([])
        expect(Seed.idSet(yield* store.listByOwner(first))).toEqual([site.id])
      }),
    ),
    must(
      "SiteStore.claimOwner – should refuse a site inserted with an owner",
      Effect.gen(function* () {
        const store = yield* SiteStore
        const owner = yield* Fixtures.id<AccountId>()
        const site = yield* Seed.site({ ownerAccountId: owner })
        const other = yield* Fixtures.id<AccountId>()
        expect(yield* store.claimOwner(site.id, other, site.updatedAt + 1)).toBe(false)
        expect(yield* store.get(site.id)).toEqual(Option.some(site))
        expect(yield* store.listByOwner(other)).toEqual([])
        expect(yield* store.listByOwner(owner)).toEqual([site])
      }),
    ),
    must(
      "SiteStore.claimOwner – should answer false for a missing site and store nothing",
      Effect.gen(function* () {
        const store = yield* SiteStore
        const ghost = yield* Fixtures.siteId
        const owner = yield* Fixtures.id<AccountId>()
        expect(yield* store.claimOwner(ghost, owner, 1)).toBe(false)
        expect(yield* store.get(ghost)).toEqual(Option.none())
        expect(yield* store.listByOwner(owner)).toEqual([])
      }),
    ),
    must(
      "SiteStore.claimOwner – should let exactly one of 10 concurrent claims win",
      Effect.gen(function* () {
        const store = yield* SiteStore
        const site = yield* Seed.site()
        const claimants = yield* Effect.all(
          Array.from({ length: 10 }, () => Fixtures.id<AccountId>()),
        )
        const won = yield* Effect.all(
          claimants.map((account, i) => store.claimOwner(site.id, account, site.updatedAt + i)),
          { concurrency: "unbounded" },
        )
        expect(won.filter(Boolean)).toHaveLength(1)
        const winner = claimants[won.indexOf(true)] as AccountId
        const owned = yield* store.get(site.id)
        expect(Option.map(owned, (s) => s.ownerAccountId)).toEqual(Option.some(winner))
        expect(Seed.idSet(yield* store.listByOwner(winner))).toEqual([site.id])
        const listed = yield* Effect.forEach(claimants, (account) => store.listByOwner(account))
        expect(listed.flat().map((s) => s.id)).toEqual([site.id])
      }),
    ),
  ],
}

/** AccountStore: dashboard accounts. */
export const accounts: Group = {
  name: "AccountStore",
  cases: [
    must(
      "AccountStore.insert – should store an account that get and getByEmail return as written",
      Effect.gen(function* () {
        const store = yield* AccountStore
        const account = yield* Fixtures.account({ passwordHash: yield* Fixtures.hexHash })
        yield* store.insert(account)
        expect(yield* store.get(account.id)).toEqual(Option.some(account))
        expect(yield* store.getByEmail(account.email)).toEqual(Option.some(account))
      }),
    ),
    must(
      "AccountStore.get – should return None for an unknown id or email",
      Effect.gen(function* () {
        const store = yield* AccountStore
        expect(yield* store.get(yield* Fixtures.id<AccountId>())).toEqual(Option.none())
        expect(yield* store.getByEmail(yield* Fixtures.email)).toEqual(Option.none())
      }),
    ),
    must(
      "AccountStore.insert – should fail with Conflict account_exists when the email is taken",
      Effect.gen(function* () {
        const store = yield* AccountStore
        const first = yield* Fixtures.account()
        yield* store.insert(first)
        const second = yield* Fixtures.account({ email: first.email })
        expect(conflictCode(yield* Seed.failure(store.insert(second)))).toBe("account_exists")
        expect(yield* store.get(second.id)).toEqual(Option.none())
        expect(yield* store.getByEmail(first.email)).toEqual(Option.some(first))
      }),
    ),
    must(
      "AccountStore.update – should replace the record, email lookup included",
      Effect.gen(function* () {
        const store = yield* AccountStore
        const account = yield* Fixtures.account({ verified: false })
        yield* store.insert(account)
        const changed = {
          ...account,
          email: yield* Fixtures.email,
          name: "Ada L.",
          verified: true,
          passwordHash: yield* Fixtures.hexHash,
          updatedAt: account.updatedAt + 1,
        }
        yield* store.update(changed)
        expect(yield* store.get(account.id)).toEqual(Option.some(changed))
        expect(yield* store.getByEmail(changed.email)).toEqual(Option.some(changed))
        expect(yield* store.getByEmail(account.email)).toEqual(Option.none())
      }),
    ),
  ],
}
