import { describe, expect, it } from "@effect/vitest"
import { Effect, Either, Layer, Option, TestClock } from "effect"
import type { SessionId, SiteId } from "../src/Ids.js"
import { sha256Hex } from "../src/internal/crypto.js"
import { MemoryStore } from "../src/memory.js"
import { SessionStore } from "../src/ports/SessionStore.js"
import * as Sessions from "../src/services/Sessions.js"

const site = "site-1" as SiteId
const ada = "commenter:ada" as const
const bob = "commenter:bob" as const

// A fresh memory store per test.
const withSessions = <A, E>(
  effect: Effect.Effect<A, E, Sessions.Sessions | SessionStore>,
  config: Sessions.SessionsConfig = {},
) => effect.pipe(Effect.provide(Sessions.layer(config).pipe(Layer.provideMerge(MemoryStore.layer))))

const codeOf = <A, E extends { readonly _tag: string }>(effect: Effect.Effect<A, E>) =>
  Effect.map(Effect.flip(effect), (e) => ("code" in e ? String(e.code) : e._tag))

const idOf = (token: string) => token.split(".")[0] as SessionId

describe("Sessions", () => {
  it.effect("issue – should store only the SHA-256 of the token's secret", () =>
    withSessions(
      Effect.gen(function* () {
        const sessions = yield* Sessions.Sessions
        const store = yield* SessionStore
        const token = yield* sessions.issue(ada, site)
        const [id, secret] = token.split(".")
        expect(secret?.length).toBeGreaterThanOrEqual(43)
        const stored = Option.getOrThrow(yield* store.get(id as SessionId))
        expect(stored.tokenHash).toBe(sha256Hex(secret ?? ""))
        expect(JSON.stringify(stored)).not.toContain(secret)
        expect(stored).toMatchObject({
          subject: ada,
          siteId: site,
          rotatedAt: null,
          revokedAt: null,
        })
      }),
    ),
  )

  it.effect("rotate – should issue a new token in the same family and retire the old one", () =>
    withSessions(
      Effect.gen(function* () {
        const sessions = yield* Sessions.Sessions
        const store = yield* SessionStore
        const first = yield* sessions.issue(ada, site)
        const { token: second, session } = yield* sessions.rotate(first)
        expect(second).not.toBe(first)
        const old = Option.getOrThrow(yield* store.get(idOf(first)))
        expect(session.familyId).toBe(old.familyId)
        expect(session).toMatchObject({ subject: ada, siteId: site, rotatedAt: null })
        expect(old.rotatedAt).not.toBeNull()
        const { token: third } = yield* sessions.rotate(second)
        expect(third).not.toBe(second)
      }),
    ),
  )

  it.effect("rotate – should fail refresh_invalid for a wrong secret or a malformed token", () =>
    withSessions(
      Effect.gen(function* () {
        const sessions = yield* Sessions.Sessions
        const token = yield* sessions.issue(ada, site)
        expect(yield* codeOf(sessions.rotate(`${idOf(token)}.wrong-secret`))).toBe(
          "refresh_invalid",
        )
        expect(yield* codeOf(sessions.rotate("garbage"))).toBe("refresh_invalid")
        expect(yield* codeOf(sessions.rotate(`${idOf(token)}.`))).toBe("refresh_invalid")
        expect(yield* codeOf(sessions.rotate("unknown.secret"))).toBe("refresh_invalid")
        // A wrong secret neither rotates nor revokes the real session.
        yield* sessions.rotate(token)
      }),
    ),
  )

  it.effect("rotate – reuse of a rotated token should revoke the whole family", () =>
    withSessions(
      Effect.gen(function* () {
        const sessions = yield* Sessions.Sessions
        const first = yield* sessions.issue(ada, site)
        const otherDevice = yield* sessions.issue(ada, site)
        const { token: second } = yield* sessions.rotate(first)
        const { token: third } = yield* sessions.rotate(second)
        const reused = yield* Effect.flip(sessions.rotate(first))
        expect(reused).toMatchObject({ _tag: "Unauthorized", code: "refresh_reused" })
        // The newest token of the family is dead too…
        expect(yield* codeOf(sessions.rotate(third))).toBe("refresh_revoked")
        // …but another family of the same subject is not touched.
        yield* sessions.rotate(otherDevice)
      }),
    ),
  )

  it.effect("rotate – of two concurrent rotations of one token exactly one should win", () =>
    withSessions(
      Effect.gen(function* () {
        const sessions = yield* Sessions.Sessions
        const token = yield* sessions.issue(ada, site)
        const results = yield* Effect.all([sessions.rotate(token), sessions.rotate(token)], {
          concurrency: "unbounded",
          mode: "either",
        })
        expect(results.filter(Either.isRight)).toHaveLength(1)
        expect(results.filter(Either.isLeft)).toHaveLength(1)
      }),
    ),
  )

  it.effect("rotate – a rotation that loses the store's race should not revoke the winner", () => {
    // Both rotations read the session before either marks it: only the store's atomic
    // markRotated decides, and the loser gets refresh_conflict.
    const Interleaved = Layer.effect(
      SessionStore,
      Effect.map(SessionStore, (store) =>
        SessionStore.of({
          ...store,
          get: (id) => Effect.zipLeft(store.get(id), Effect.yieldNow()),
        }),
      ),
    ).pipe(Layer.provide(MemoryStore.layer))
    return Effect.gen(function* () {
      const sessions = yield* Sessions.Sessions
      const token = yield* sessions.issue(ada, site)
      const results = yield* Effect.all([sessions.rotate(token), sessions.rotate(token)], {
        concurrency: "unbounded",
        mode: "either",
      })
      const winners = results.filter(Either.isRight)
      const losers = results.filter(Either.isLeft)
      expect(winners).toHaveLength(1)
      expect(losers.map((l) => l.left)).toMatchObject([{ code: "refresh_conflict" }])
      const winner = winners[0]?.right.token ?? ""
      yield* sessions.rotate(winner)
    }).pipe(Effect.provide(Sessions.layer().pipe(Layer.provideMerge(Interleaved))))
  })

  it.effect("rotate – should fail refresh_expired after the TTL", () =>
    withSessions(
      Effect.gen(function* () {
        const sessions = yield* Sessions.Sessions
        const first = yield* sessions.issue(ada, site)
        yield* TestClock.adjust("6 days")
        // Each rotation starts a fresh TTL.
        const { token: second } = yield* sessions.rotate(first)
        yield* TestClock.adjust("6 days")
        const { token: third } = yield* sessions.rotate(second)
        yield* TestClock.adjust("7 days")
        expect(yield* codeOf(sessions.rotate(third))).toBe("refresh_expired")
      }),
      { ttl: "7 days" },
    ),
  )

  it.effect("rotate – should give sessions the default 30-day TTL", () =>
    withSessions(
      Effect.gen(function* () {
        const sessions = yield* Sessions.Sessions
        const { session } = yield* sessions.rotate(yield* sessions.issue(ada, null))
        expect(session.expiresAt - session.createdAt).toBe(30 * 24 * 3600_000)
        expect(session.siteId).toBeNull()
      }),
    ),
  )

  it.effect("revoke – should sign out the token's family and ignore unknown tokens", () =>
    withSessions(
      Effect.gen(function* () {
        const sessions = yield* Sessions.Sessions
        const first = yield* sessions.issue(ada, site)
        const { token: second } = yield* sessions.rotate(first)
        yield* sessions.revoke(second)
        expect(yield* codeOf(sessions.rotate(second))).toBe("refresh_revoked")
        yield* sessions.revoke("unknown.token")
        yield* sessions.revoke("garbage")
      }),
    ),
  )

  it.effect("revokeAll – should sign a subject out everywhere and nobody else", () =>
    withSessions(
      Effect.gen(function* () {
        const sessions = yield* Sessions.Sessions
        const laptop = yield* sessions.issue(ada, site)
        const phone = yield* sessions.issue(ada, site)
        const bobs = yield* sessions.issue(bob, site)
        yield* sessions.revokeAll(ada)
        expect(yield* codeOf(sessions.rotate(laptop))).toBe("refresh_revoked")
        expect(yield* codeOf(sessions.rotate(phone))).toBe("refresh_revoked")
        yield* sessions.rotate(bobs)
      }),
    ),
  )
})
