/**
 * SessionStore cases: refresh-token sessions and one-time challenges.
 */
import { expect } from "@effect/vitest"
import { Effect, Option } from "effect"
import type { Session } from "../../domain/Session.js"
import type { SessionId } from "../../Ids.js"
import { SessionStore } from "../../ports/SessionStore.js"
import * as Fixtures from "../fixtures.js"
import { given, type Group, must } from "./case.js"
import * as Seed from "./seed.js"

const stored = (overrides: Partial<Session> = {}) =>
  Effect.gen(function* () {
    const session = yield* Fixtures.session(overrides)
    yield* (yield* SessionStore).insert(session)
    return session
  })

const storedChallenge = Effect.gen(function* () {
  const challenge = yield* Fixtures.challenge()
  yield* (yield* SessionStore).insertChallenge(challenge)
  return challenge
})

const now = (id: SessionId) => Effect.flatMap(SessionStore, (store) => Seed.must(store.get(id)))

/** SessionStore: sessions, rotation, revocation, challenges. */
export const sessions: Group = {
  name: "SessionStore",
  cases: [
    must(
      "SessionStore.insert – should store a session that get returns as written",
      Effect.gen(function* () {
        const store = yield* SessionStore
        const site = yield* Seed.site()
        const session = yield* stored({ siteId: site.id })
        expect(yield* store.get(session.id)).toEqual(Option.some(session))
        const dashboard = yield* stored({ subject: `account:${yield* Fixtures.id()}` })
        expect(yield* store.get(dashboard.id)).toEqual(Option.some(dashboard))
        expect(yield* store.get(yield* Fixtures.id<SessionId>())).toEqual(Option.none())
      }),
    ),
    must(
      "SessionStore.markRotated – should mark a live session rotated once and refuse the second time",
      Effect.gen(function* () {
        const store = yield* SessionStore
        const session = yield* stored()
        const at = session.createdAt + 1_000
        expect(yield* store.markRotated(session.id, at)).toBe(true)
        expect(yield* now(session.id)).toEqual({ ...session, rotatedAt: at })
        expect(yield* store.markRotated(session.id, at + 1)).toBe(false)
        expect((yield* now(session.id)).rotatedAt).toBe(at)
        expect(yield* store.markRotated(yield* Fixtures.id<SessionId>(), at)).toBe(false)
      }),
    ),
    must(
      "SessionStore.markRotated – should refuse a revoked session",
      Effect.gen(function* () {
        const store = yield* SessionStore
        const session = yield* stored()
        yield* store.revoke(session.id, session.createdAt + 1)
        expect(yield* store.markRotated(session.id, session.createdAt + 2)).toBe(false)
        expect((yield* now(session.id)).rotatedAt).toBeNull()
      }),
    ),
    given(
      "races",
      "SessionStore.markRotated – should let exactly one of 20 concurrent rotations win",
      Effect.gen(function* () {
        const store = yield* SessionStore
        const session = yield* stored()
        const results = yield* Effect.all(
          Array.from({ length: 20 }, (_, i) =>
            store.markRotated(session.id, session.createdAt + i + 1),
          ),
          { concurrency: "unbounded" },
        )
        expect(results.filter((won) => won).length).toBe(1)
        const winner = results.indexOf(true)
        expect((yield* now(session.id)).rotatedAt).toBe(session.createdAt + winner + 1)
      }),
    ),
    must(
      "SessionStore.revoke – should set revokedAt on that session only",
      Effect.gen(function* () {
        const store = yield* SessionStore
        const session = yield* stored()
        const sibling = yield* stored({ familyId: session.familyId, subject: session.subject })
        yield* store.revoke(session.id, session.createdAt + 5)
        expect(yield* now(session.id)).toEqual({ ...session, revokedAt: session.createdAt + 5 })
        expect(yield* now(sibling.id)).toEqual(sibling)
      }),
    ),
    must(
      "SessionStore.revokeFamily – should revoke every session of the family and no other",
      Effect.gen(function* () {
        const store = yield* SessionStore
        const first = yield* stored()
        const family = [first, yield* stored({ familyId: first.familyId, subject: first.subject })]
        const sameSubject = yield* stored({ subject: first.subject })
        const stranger = yield* stored()
        const at = first.createdAt + 60_000
        yield* store.revokeFamily(first.familyId, at)
        for (const s of family) expect((yield* now(s.id)).revokedAt).toBe(at)
        expect(yield* now(sameSubject.id)).toEqual(sameSubject)
        expect(yield* now(stranger.id)).toEqual(stranger)
      }),
    ),
    must(
      "SessionStore.revokeSubject – should revoke every session of the subject and no other",
      Effect.gen(function* () {
        const store = yield* SessionStore
        const site = yield* Seed.site()
        const first = yield* stored({ siteId: site.id })
        const mine = [
          first,
          yield* stored({ subject: first.subject }),
          yield* stored({ subject: first.subject }),
        ]
        const stranger = yield* stored({ siteId: site.id })
        const at = first.createdAt + 60_000
        yield* store.revokeSubject(first.subject, at)
        for (const s of mine) expect((yield* now(s.id)).revokedAt).toBe(at)
        expect(yield* now(stranger.id)).toEqual(stranger)
      }),
    ),
    must(
      "SessionStore.insertChallenge – should store a challenge that getChallenge returns as written",
      Effect.gen(function* () {
        const store = yield* SessionStore
        const site = yield* Seed.site()
        const challenge = yield* Fixtures.challenge({ siteId: site.id, purpose: "magic-link" })
        yield* store.insertChallenge(challenge)
        expect(yield* store.getChallenge(challenge.id)).toEqual(Option.some(challenge))
        expect(yield* store.getChallenge(yield* Fixtures.token)).toEqual(Option.none())
      }),
    ),
    must(
      "SessionStore.addChallengeAttempt – should add one attempt per call and return the new count",
      Effect.gen(function* () {
        const store = yield* SessionStore
        const challenge = yield* storedChallenge
        const other = yield* storedChallenge
        expect(yield* store.addChallengeAttempt(challenge.id)).toBe(1)
        expect(yield* store.addChallengeAttempt(challenge.id)).toBe(2)
        expect(yield* store.addChallengeAttempt(challenge.id)).toBe(3)
        expect((yield* Seed.must(store.getChallenge(challenge.id))).attempts).toBe(3)
        expect((yield* Seed.must(store.getChallenge(other.id))).attempts).toBe(0)
      }),
    ),
    given(
      "races",
      "SessionStore.addChallengeAttempt – should count 20 concurrent attempts exactly",
      Effect.gen(function* () {
        const store = yield* SessionStore
        const challenge = yield* storedChallenge
        const counts = yield* Effect.all(
          Array.from({ length: 20 }, () => store.addChallengeAttempt(challenge.id)),
          { concurrency: "unbounded" },
        )
        expect([...counts].sort((a, b) => a - b)).toEqual(
          Array.from({ length: 20 }, (_, i) => i + 1),
        )
        expect((yield* Seed.must(store.getChallenge(challenge.id))).attempts).toBe(20)
      }),
    ),
    must(
      "SessionStore.consumeChallenge – should consume a challenge once and refuse the second time",
      Effect.gen(function* () {
        const store = yield* SessionStore
        const challenge = yield* storedChallenge
        const at = challenge.createdAt + 30_000
        expect(yield* store.consumeChallenge(challenge.id, at)).toBe(true)
        expect(yield* store.consumeChallenge(challenge.id, at + 1)).toBe(false)
        expect(yield* store.getChallenge(challenge.id)).toEqual(
          Option.some({ ...challenge, consumedAt: at }),
        )
      }),
    ),
    given(
      "races",
      "SessionStore.consumeChallenge – should let exactly one of 20 concurrent consumers win",
      Effect.gen(function* () {
        const store = yield* SessionStore
        const challenge = yield* storedChallenge
        const results = yield* Effect.all(
          Array.from({ length: 20 }, (_, i) =>
            store.consumeChallenge(challenge.id, challenge.createdAt + i + 1),
          ),
          { concurrency: "unbounded" },
        )
        expect(results.filter((won) => won).length).toBe(1)
        const consumedAt = (yield* Seed.must(store.getChallenge(challenge.id))).consumedAt
        expect(consumedAt).toBe(challenge.createdAt + results.indexOf(true) + 1)
      }),
    ),
  ],
}
