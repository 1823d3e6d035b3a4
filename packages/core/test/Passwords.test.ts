import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import * as Passwords from "../src/services/Passwords.js"

// A low cost keeps the suite fast; the default cost is checked once below.
const Fast = Passwords.layer({ ln: 4 })
const PHC = /^\$scrypt\$ln=4,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/

describe("Passwords", () => {
  it.effect("hash – should produce a PHC string that verifies", () =>
    Effect.gen(function* () {
      const passwords = yield* Passwords.Passwords
      const hash = yield* passwords.hash("correct horse battery staple")
      expect(hash).toMatch(PHC)
      expect(yield* passwords.verify("correct horse battery staple", hash)).toBe(true)
    }).pipe(Effect.provide(Fast)),
  )

  it.effect("verify – should refuse a wrong password, a null hash and a malformed hash", () =>
    Effect.gen(function* () {
      const passwords = yield* Passwords.Passwords
      const hash = yield* passwords.hash("correct horse battery staple")
      expect(yield* passwords.verify("correct horse battery stapler", hash)).toBe(false)
      expect(yield* passwords.verify("", hash)).toBe(false)
      expect(yield* passwords.verify("correct horse battery staple", null)).toBe(false)
      expect(yield* passwords.verify("correct horse battery staple", "$2b$10$bcrypt")).toBe(false)
      const i = hash.length - 10
      const flipped = `${hash.slice(0, i)}${hash[i] === "A" ? "B" : "A"}${hash.slice(i + 1)}`
      expect(yield* passwords.verify("correct horse battery staple", flipped)).toBe(false)
      // A corrupt row asking for absurd costs is refused, not computed.
      const huge = hash.replace("ln=4", "ln=40")
      expect(yield* passwords.verify("correct horse battery staple", huge)).toBe(false)
      const hungry = hash.replace("ln=4,r=8", "ln=20,r=64")
      expect(yield* passwords.verify("correct horse battery staple", hungry)).toBe(false)
    }).pipe(Effect.provide(Fast)),
  )

  it.effect("hash – should salt every hash", () =>
    Effect.gen(function* () {
      const passwords = yield* Passwords.Passwords
      const a = yield* passwords.hash("same password")
      const b = yield* passwords.hash("same password")
      expect(a).not.toBe(b)
      expect(yield* passwords.verify("same password", b)).toBe(true)
    }).pipe(Effect.provide(Fast)),
  )

  it.effect("hash – should fail password_too_short under 8 characters", () =>
    Effect.gen(function* () {
      const passwords = yield* Passwords.Passwords
      const error = yield* Effect.flip(passwords.hash("1234567"))
      expect(error._tag).toBe("InvalidInput")
      expect(error.code).toBe("password_too_short")
      // Length counts characters, not UTF-16 units: 7 emoji are still too short.
      expect((yield* Effect.flip(passwords.hash("😀".repeat(7)))).code).toBe("password_too_short")
      yield* passwords.hash("12345678")
      const long = yield* Effect.flip(passwords.hash("x".repeat(1025)))
      expect(long.code).toBe("password_too_long")
    }).pipe(Effect.provide(Fast)),
  )

  it.effect("verify – should match the same password in another Unicode normal form", () =>
    Effect.gen(function* () {
      const passwords = yield* Passwords.Passwords
      const hash = yield* passwords.hash("passw\u00f6rd-caf\u00e9")
      expect(yield* passwords.verify("passwo\u0308rd-cafe\u0301", hash)).toBe(true)
    }).pipe(Effect.provide(Fast)),
  )

  it.effect("needsRehash – should say when the cost or format differs", () =>
    Effect.gen(function* () {
      const fast = yield* Passwords.make({ ln: 4 })
      const stronger = yield* Passwords.make({ ln: 5 })
      const hash = yield* fast.hash("correct horse battery staple")
      expect(fast.needsRehash(hash)).toBe(false)
      expect(stronger.needsRehash(hash)).toBe(true)
      expect(fast.needsRehash("$argon2id$v=19$m=65536,t=3,p=4$abc$def")).toBe(true)
      // An old hash still verifies with the new config; the caller then rehashes.
      expect(yield* stronger.verify("correct horse battery staple", hash)).toBe(true)
    }),
  )

  it.effect("make – should default to ln=15, r=8, p=1 and refuse bad parameters", () =>
    Effect.gen(function* () {
      const passwords = yield* Passwords.make()
      const hash = yield* passwords.hash("correct horse battery staple")
      expect(hash.startsWith("$scrypt$ln=15,r=8,p=1$")).toBe(true)
      expect(passwords.needsRehash(hash)).toBe(false)
      const bad = yield* Effect.flip(Passwords.make({ ln: 0 }))
      expect(String(bad)).toMatch(/ln must be an integer/)
    }),
  )
})
