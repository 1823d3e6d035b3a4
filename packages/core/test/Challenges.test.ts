import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer, Option, TestClock } from "effect"
import type { SiteId } from "../src/Ids.js"
import { sha256Hex } from "../src/internal/crypto.js"
import { MemoryStore } from "../src/memory.js"
import { SessionStore } from "../src/ports/SessionStore.js"
import * as Challenges from "../src/services/Challenges.js"

const site = "site-1" as SiteId
const input = { email: " Ada@Example.com ", purpose: "verify-email", siteId: site } as const

// A fresh memory store per test.
const withChallenges = <A, E>(
  effect: Effect.Effect<A, E, Challenges.Challenges | SessionStore>,
  config: Challenges.ChallengesConfig = {},
) =>
  effect.pipe(Effect.provide(Challenges.layer(config).pipe(Layer.provideMerge(MemoryStore.layer))))

const codeOf = <A, E extends { readonly _tag: string }>(effect: Effect.Effect<A, E>) =>
  Effect.map(Effect.flip(effect), (e) => ("code" in e ? String(e.code) : e._tag))

const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, "0")

describe("Challenges", () => {
  it.effect("create – should make a 6-digit code and store only a hash bound to the id", () =>
    withChallenges(
      Effect.gen(function* () {
        const challenges = yield* Challenges.Challenges
        const store = yield* SessionStore
        const issued = yield* challenges.create(input)
        expect(issued.code).toMatch(/^\d{6}$/)
        const stored = Option.getOrThrow(yield* store.getChallenge(issued.challengeId))
        expect(stored.email).toBe("ada@example.com")
        expect(stored.codeHash).not.toContain(issued.code)
        expect(stored.codeHash).not.toBe(sha256Hex(issued.code))
        expect(stored.codeHash).toMatch(/^[0-9a-f]{64}$/)
        // Codes are random and always six digits, leading zeros included.
        const codes = new Set<string>()
        for (let i = 0; i < 50; i++) codes.add((yield* challenges.create(input)).code)
        expect(codes.size).toBeGreaterThan(40)
        for (const code of codes) expect(code).toMatch(/^\d{6}$/)
      }),
    ),
  )

  it.effect("verify – should accept the right code once", () =>
    withChallenges(
      Effect.gen(function* () {
        const challenges = yield* Challenges.Challenges
        const { challengeId, code } = yield* challenges.create(input)
        const spaced = `${code.slice(0, 3)} ${code.slice(3)}`
        const challenge = yield* challenges.verify(challengeId, spaced, "verify-email")
        expect(challenge).toMatchObject({ email: "ada@example.com", purpose: "verify-email" })
        expect(challenge.consumedAt).not.toBeNull()
        expect(yield* codeOf(challenges.verify(challengeId, code, "verify-email"))).toBe(
          "code_invalid",
        )
      }),
    ),
  )

  it.effect("verify – should refuse another purpose, an unknown id and a malformed code", () =>
    withChallenges(
      Effect.gen(function* () {
        const challenges = yield* Challenges.Challenges
        const { challengeId, code } = yield* challenges.create(input)
        expect(yield* codeOf(challenges.verify(challengeId, code, "reset-password"))).toBe(
          "code_invalid",
        )
        expect(yield* codeOf(challenges.verify("nope", code, "verify-email"))).toBe("code_invalid")
        expect(yield* codeOf(challenges.verify(challengeId, "12a456", "verify-email"))).toBe(
          "code_invalid",
        )
        yield* challenges.verify(challengeId, code, "verify-email")
      }),
    ),
  )

  it.effect("verify – should lock after 5 wrong codes, even for the right one", () =>
    withChallenges(
      Effect.gen(function* () {
        const challenges = yield* Challenges.Challenges
        const { challengeId, code } = yield* challenges.create(input)
        for (let i = 0; i < 5; i++) {
          const error = yield* Effect.flip(
            challenges.verify(challengeId, wrong(code), "verify-email"),
          )
          expect(error).toMatchObject({ _tag: "Unauthorized", code: "code_invalid" })
        }
        expect(yield* codeOf(challenges.verify(challengeId, code, "verify-email"))).toBe(
          "code_attempts",
        )
      }),
    ),
  )

  it.effect("verify – concurrent guesses should not get past the attempt limit", () =>
    withChallenges(
      Effect.gen(function* () {
        const challenges = yield* Challenges.Challenges
        const store = yield* SessionStore
        const { challengeId, code } = yield* challenges.create(input)
        const guesses = Array.from({ length: 20 }, () =>
          Effect.either(challenges.verify(challengeId, wrong(code), "verify-email")),
        )
        yield* Effect.all(guesses, { concurrency: "unbounded" })
        const stored = Option.getOrThrow(yield* store.getChallenge(challengeId))
        expect(stored.consumedAt).toBeNull()
        expect(yield* codeOf(challenges.verify(challengeId, code, "verify-email"))).toBe(
          "code_attempts",
        )
      }),
      { maxAttempts: 3 },
    ),
  )

  it.effect("verify – should fail code_expired after 15 minutes", () =>
    withChallenges(
      Effect.gen(function* () {
        const challenges = yield* Challenges.Challenges
        const a = yield* challenges.create(input)
        const b = yield* challenges.create(input)
        yield* TestClock.adjust("14 minutes")
        yield* challenges.verify(a.challengeId, a.code, "verify-email")
        yield* TestClock.adjust("1 minute")
        expect(yield* codeOf(challenges.verify(b.challengeId, b.code, "verify-email"))).toBe(
          "code_expired",
        )
      }),
    ),
  )

  it.effect("verifyLink – should accept a magic link once and refuse tampered ones", () =>
    withChallenges(
      Effect.gen(function* () {
        const challenges = yield* Challenges.Challenges
        const link = yield* challenges.createLink({ ...input, purpose: "magic-link" })
        expect(link.token.startsWith(`${link.challengeId}.`)).toBe(true)
        expect(yield* codeOf(challenges.verifyLink(`${link.token}x`, "magic-link"))).toBe(
          "code_invalid",
        )
        expect(yield* codeOf(challenges.verifyLink("garbage", "magic-link"))).toBe("code_invalid")
        const challenge = yield* challenges.verifyLink(link.token, "magic-link")
        expect(challenge.email).toBe("ada@example.com")
        expect(yield* codeOf(challenges.verifyLink(link.token, "magic-link"))).toBe("code_invalid")
      }),
    ),
  )

  it.effect("verifyLink – a code should not pass as a link, nor a link secret as a code", () =>
    withChallenges(
      Effect.gen(function* () {
        const challenges = yield* Challenges.Challenges
        const { challengeId, code } = yield* challenges.create(input)
        expect(yield* codeOf(challenges.verifyLink(`${challengeId}.${code}`, "verify-email"))).toBe(
          "code_invalid",
        )
        yield* challenges.verify(challengeId, code, "verify-email")
      }),
    ),
  )
})
