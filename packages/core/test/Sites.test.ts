import { describe, expect, it } from "@effect/vitest"
import { Effect, TestClock } from "effect"
import * as Ids from "../src/Ids.js"
import * as Actor from "../src/services/Actor.js"
import * as Audit from "../src/services/Audit.js"
import * as Sites from "../src/services/Sites.js"
import { commenter, TestKommies } from "./support/kommies.js"

const withKommies = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.provide(effect, TestKommies()) as Effect.Effect<A, E, never>

describe("Sites", () => {
  it.effect(
    "create – should make keys, store only the secret's hash, and find the site by either key",
    () =>
      withKommies(
        Effect.gen(function* () {
          const { site, secretKey } = yield* Sites.create({
            name: " Blog ",
            allowedOrigins: ["https://Blog.example/"],
          })
          expect(site.name).toBe("Blog")
          expect(site.publicKey).toMatch(/^kp_/)
          expect(secretKey).toMatch(/^ks_[A-Za-z0-9]+\./)
          expect(JSON.stringify(site)).not.toContain(secretKey.split(".")[1])
          expect(site.allowedOrigins).toEqual(["https://blog.example"])
          expect((yield* Sites.byPublicKey(site.publicKey)).id).toBe(site.id)
          expect((yield* Sites.bySecretKey(secretKey)).id).toBe(site.id)
          expect((yield* Effect.flip(Sites.bySecretKey(`${secretKey}x`))).code).toBe("key_invalid")
          expect((yield* Effect.flip(Sites.byPublicKey("kp_nope-nope-nope"))).code).toBe(
            "key_invalid",
          )
          expect(Sites.allowsOrigin(site, "https://blog.example")).toBe(true)
          expect(Sites.allowsOrigin(site, "https://evil.example")).toBe(false)
        }),
      ),
  )

  it.effect("create – should refuse bad names, origins and settings", () =>
    withKommies(
      Effect.gen(function* () {
        expect((yield* Effect.flip(Sites.create({ name: "" }))).code).toBe("name_invalid")
        expect(
          (yield* Effect.flip(Sites.create({ name: "x", allowedOrigins: ["javascript:alert(1)"] })))
            .code,
        ).toBe("origin_invalid")
        expect(
          (yield* Effect.flip(
            Sites.create({ name: "x", allowedOrigins: ["https://a.example/path"] }),
          )).code,
        ).toBe("origin_invalid")
        expect(
          (yield* Effect.flip(Sites.create({ name: "x", settings: { maxDepth: 99 } }))).code,
        ).toBe("settings_invalid")
      }),
    ),
  )

  it.effect("claimOwner – should give an unowned site to the first claim only, and audit it", () =>
    withKommies(
      Effect.gen(function* () {
        const { site } = yield* Sites.create({ name: "Blog" })
        const first = (yield* Ids.uuidv7) as Ids.AccountId
        const second = (yield* Ids.uuidv7) as Ids.AccountId
        yield* TestClock.adjust(5_000)
        expect(yield* Sites.claimOwner(site.id, first)).toBe(true)
        expect(yield* Sites.claimOwner(site.id, second)).toBe(false)
        expect(yield* Sites.claimOwner(site.id, first)).toBe(false)
        const claimed = yield* Sites.get(site.id)
        expect(claimed.ownerAccountId).toBe(first)
        expect(claimed.updatedAt).toBe(site.updatedAt + 5_000)
        const audit = yield* Audit.list(Actor.system(site.id))
        expect(audit.map((e) => [e.action, e.actor, e.details])).toEqual([
          ["site.claim_owner", "system", { accountId: first }],
        ])
        const ghost = (yield* Ids.uuidv7) as Ids.SiteId
        expect(yield* Sites.claimOwner(ghost, second)).toBe(false)
      }),
    ),
  )

  it.effect("rotateKey – should stop the old key at once and need the owner", () =>
    withKommies(
      Effect.gen(function* () {
        const { site, secretKey } = yield* Sites.create({ name: "Blog" })
        const owner = Actor.secretKey(site.id)
        const newSecret = yield* Sites.rotateKey(owner, "secret")
        expect((yield* Effect.flip(Sites.bySecretKey(secretKey))).code).toBe("key_invalid")
        expect((yield* Sites.bySecretKey(newSecret)).id).toBe(site.id)
        const newPublic = yield* Sites.rotateKey(owner, "public")
        expect((yield* Effect.flip(Sites.byPublicKey(site.publicKey))).code).toBe("key_invalid")
        expect((yield* Sites.byPublicKey(newPublic)).id).toBe(site.id)
        const admin = yield* commenter(site.id, "Admin", "admin")
        expect((yield* Effect.flip(Sites.rotateKey(admin, "secret")))._tag).toBe("Forbidden")
      }),
    ),
  )

  it.effect("updateSettings – should validate the merged settings and audit the change", () =>
    withKommies(
      Effect.gen(function* () {
        const { site } = yield* Sites.create({ name: "Blog" })
        const admin = yield* commenter(site.id, "Admin", "admin")
        const updated = yield* Sites.updateSettings(admin, { moderation: "pre", maxDepth: 2 })
        expect(updated.settings.moderation).toBe("pre")
        expect((yield* Sites.get(site.id)).settings.maxDepth).toBe(2)
        const bad = yield* Effect.flip(Sites.updateSettings(admin, { linkLimit: -1 }))
        expect(bad._tag === "InvalidInput" && bad.code).toBe("settings_invalid")
        const user = yield* commenter(site.id, "User")
        expect((yield* Effect.flip(Sites.updateSettings(user, { moderation: "none" })))._tag).toBe(
          "Forbidden",
        )
      }),
    ),
  )
})
