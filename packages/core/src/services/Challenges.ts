/**
 * One-time email challenges: 6-digit codes (verify an email, reset a password) and
 * magic-link tokens, kept on the SessionStore port.
 *
 * Only a SHA-256 of the code is stored, over the challenge id as well, so one table of
 * precomputed hashes does not fit every challenge. Six digits are a million guesses at
 * most, so what protects a code is the attempt limit (5 by default, counted atomically
 * by the store before comparing) and the short expiry, not the hash.
 *
 * @since 0.1.0
 */
import { Clock, Context, Duration, Effect, Layer, Option } from "effect"
import type { Challenge, ChallengePurpose } from "../domain/Session.js"
import { type StoreError, type Unauthorized, unauthorized } from "../Errors.js"
import * as Ids from "../Ids.js"
import type { SiteId } from "../Ids.js"
import { constantTimeEqual, sha256Hex } from "../internal/crypto.js"
import { SessionStore } from "../ports/SessionStore.js"

/** Lifetime and attempt limit of challenges. @since 0.1.0 @category models */
export interface ChallengesConfig {
  /** How long a code or link stays valid. Default 15 minutes. */
  readonly ttl?: Duration.DurationInput
  /** Wrong attempts allowed before the challenge locks. Default 5. */
  readonly maxAttempts?: number
}

/** Who a challenge is for and why. @since 0.1.0 @category models */
export interface ChallengeInput {
  readonly email: string
  readonly purpose: ChallengePurpose
  /** Null for dashboard accounts. */
  readonly siteId: SiteId | null
}

/** A new code challenge: send `code` by email, give `challengeId` to the client. @since 0.1.0 @category models */
export interface IssuedCode {
  readonly challengeId: string
  readonly code: string
  readonly expiresAt: number
}

/** A new magic link: put `token` in the link. @since 0.1.0 @category models */
export interface IssuedLink {
  readonly challengeId: string
  readonly token: string
  readonly expiresAt: number
}

/** What the Challenges service does. @since 0.1.0 @category models */
export interface ChallengesShape {
  /** Creates a 6-digit code challenge. */
  readonly create: (input: ChallengeInput) => Effect.Effect<IssuedCode, StoreError>
  /**
   * Checks a code and consumes the challenge. Fails with Unauthorized `code_invalid`
   * (wrong code, unknown, already used, other purpose), `code_expired` or
   * `code_attempts` (locked after too many wrong codes).
   */
  readonly verify: (
    challengeId: string,
    code: string,
    purpose: ChallengePurpose,
  ) => Effect.Effect<Challenge, Unauthorized | StoreError>
  /** Creates a magic-link challenge; the token is `<challengeId>.<secret>`. */
  readonly createLink: (input: ChallengeInput) => Effect.Effect<IssuedLink, StoreError>
  /** Checks a magic-link token and consumes the challenge; same errors as `verify`. */
  readonly verifyLink: (
    token: string,
    purpose: ChallengePurpose,
  ) => Effect.Effect<Challenge, Unauthorized | StoreError>
}

/** Creates and checks one-time email codes and magic links. @since 0.1.0 @category tags */
export class Challenges extends Context.Tag("@kommies/core/Challenges")<
  Challenges,
  ChallengesShape
>() {}

const DIGITS = 6
const CODE_SPACE = 10 ** DIGITS
// The largest multiple of 10^6 below 2^32: values at or above it are redrawn, so every
// code is equally likely (a plain modulo would favour the low codes slightly).
const SAMPLE_LIMIT = Math.floor(2 ** 32 / CODE_SPACE) * CODE_SPACE

const randomCode = (): string => {
  const buf = new Uint32Array(1)
  let n: number
  do {
    globalThis.crypto.getRandomValues(buf)
    n = buf[0] ?? SAMPLE_LIMIT
  } while (n >= SAMPLE_LIMIT)
  return String(n % CODE_SPACE).padStart(DIGITS, "0")
}

// Codes and link secrets hash with different prefixes, so neither verifies as the other.
const codeHash = (id: string, code: string) => sha256Hex(`kommies:code:${id}:${code}`)
const linkHash = (id: string, secret: string) => sha256Hex(`kommies:link:${id}:${secret}`)

const invalidCode = () => unauthorized("code_invalid", "The code is not valid")

/**
 * Builds the Challenges service over the SessionStore in context.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * const challenges = yield* Challenges.make({ ttl: "15 minutes", maxAttempts: 5 })
 * const { challengeId, code } = yield* challenges.create({ email, purpose: "verify-email", siteId })
 * const challenge = yield* challenges.verify(challengeId, "042137", "verify-email")
 */
export const make = (
  config: ChallengesConfig = {},
): Effect.Effect<ChallengesShape, never, SessionStore> =>
  Effect.gen(function* () {
    const store = yield* SessionStore
    const ttl = Duration.toMillis(config.ttl ?? Duration.minutes(15))
    const maxAttempts = config.maxAttempts ?? 5

    const insert = (input: ChallengeInput, secret: (id: string) => string) =>
      Effect.gen(function* () {
        // Unguessable ids, so nobody can spend another person's attempts by guessing ids.
        const id = yield* Ids.secureToken(16)
        const now = yield* Clock.currentTimeMillis
        const challenge: Challenge = {
          id,
          siteId: input.siteId,
          email: input.email.trim().toLowerCase(),
          purpose: input.purpose,
          codeHash: secret(id),
          attempts: 0,
          createdAt: now,
          expiresAt: now + ttl,
          consumedAt: null,
        }
        yield* store.insertChallenge(challenge)
        return challenge
      })

    const create = (input: ChallengeInput) =>
      Effect.gen(function* () {
        const code = randomCode()
        const challenge = yield* insert(input, (id) => codeHash(id, code))
        return { challengeId: challenge.id, code, expiresAt: challenge.expiresAt }
      })

    const createLink = (input: ChallengeInput) =>
      Effect.gen(function* () {
        const secret = yield* Ids.secureToken(32)
        const challenge = yield* insert(input, (id) => linkHash(id, secret))
        return {
          challengeId: challenge.id,
          token: `${challenge.id}.${secret}`,
          expiresAt: challenge.expiresAt,
        }
      })

    const check = (id: string, purpose: ChallengePurpose, hash: (id: string) => string | null) =>
      Effect.gen(function* () {
        const found = yield* store.getChallenge(id)
        if (Option.isNone(found)) return yield* invalidCode()
        const challenge = found.value
        if (challenge.consumedAt !== null || challenge.purpose !== purpose)
          return yield* invalidCode()
        const now = yield* Clock.currentTimeMillis
        if (challenge.expiresAt <= now) {
          return yield* unauthorized("code_expired", "The code has expired; ask for a new one")
        }
        const locked = () =>
          unauthorized("code_attempts", "Too many wrong codes; ask for a new one")
        if (challenge.attempts >= maxAttempts) return yield* locked()
        const expected = hash(id)
        if (expected === null) return yield* invalidCode()
        // Count first, then compare: racing guesses cannot get past the limit.
        const attempts = yield* store.addChallengeAttempt(id)
        if (attempts > maxAttempts) return yield* locked()
        if (!constantTimeEqual(expected, challenge.codeHash)) return yield* invalidCode()
        if (!(yield* store.consumeChallenge(id, now))) return yield* invalidCode()
        return { ...challenge, attempts, consumedAt: now }
      })

    const verify = (challengeId: string, code: string, purpose: ChallengePurpose) => {
      const digits = code.replace(/[\s-]/g, "")
      return check(challengeId, purpose, (id) =>
        /^\d{6}$/.test(digits) ? codeHash(id, digits) : null,
      )
    }

    const verifyLink = (token: string, purpose: ChallengePurpose) => {
      const dot = token.indexOf(".")
      if (dot <= 0 || token.length > 256) return invalidCode()
      const secret = token.slice(dot + 1)
      return check(token.slice(0, dot), purpose, (id) => linkHash(id, secret))
    }

    return Challenges.of({ create, verify, createLink, verifyLink })
  })

/**
 * The Challenges service as a Layer over a SessionStore.
 *
 * @since 0.1.0
 * @category layers
 * @example
 * const ChallengesLive = Challenges.layer({ maxAttempts: 5 }).pipe(Layer.provide(MemoryStore.layer))
 */
export const layer = (
  config: ChallengesConfig = {},
): Layer.Layer<Challenges, never, SessionStore> => Layer.effect(Challenges, make(config))
