import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import * as MemoryMailer from "../src/memory/MemoryMailer.js"
import * as Accounts from "../src/services/Accounts.js"
import * as Sites from "../src/services/Sites.js"
import { TestKommies } from "./support/kommies.js"

const withKommies = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.provide(effect, TestKommies()) as Effect.Effect<A, E, never>

const lastCode = (to: string) =>
  Effect.map(
    Effect.flatMap(MemoryMailer.MemoryMailer, (m) => m.sentTo(to)),
    (mail) => /\b(\d{6})\b/.exec(mail[mail.length - 1]?.text ?? "")?.[1] ?? "",
  )

describe("Accounts", () => {
  it.effect(
    "resendVerification – should mail a new code, retire the old one, and tell nothing",
    () =>
      withKommies(
        Effect.gen(function* () {
          const { challengeId } = yield* Accounts.signUp({
            email: "grace@example.com",
            name: "Grace",
            password: "compilers",
          })
          const first = yield* lastCode("grace@example.com")
          const again = yield* Accounts.resendVerification(challengeId)
          expect(again.challengeId).not.toBe(challengeId)
          const mail = yield* Effect.flatMap(MemoryMailer.MemoryMailer, (m) =>
            m.sentTo("grace@example.com"),
          )
          expect(mail).toHaveLength(2)
          const second = yield* lastCode("grace@example.com")
          // The first challenge no longer signs in, even with its right code.
          expect((yield* Effect.flip(Accounts.verify(challengeId, first))).code).toBe(
            "code_invalid",
          )
          const signedIn = yield* Accounts.verify(again.challengeId, second)
          expect(signedIn.account.verified).toBe(true)
          // Confirmed, or unknown: the same kind of answer, and no mail.
          const done = yield* Accounts.resendVerification(again.challengeId)
          const unknown = yield* Accounts.resendVerification("no-such-challenge")
          expect(done.challengeId).toMatch(/^[A-Za-z0-9_-]{16,}$/)
          expect(unknown.challengeId).toMatch(/^[A-Za-z0-9_-]{16,}$/)
          expect(
            yield* Effect.flatMap(MemoryMailer.MemoryMailer, (m) => m.sentTo("grace@example.com")),
          ).toHaveLength(2)
        }),
      ),
  )

  it.effect("signUp – should confirm by code, sign in, and own its sites only", () =>
    withKommies(
      Effect.gen(function* () {
        const { challengeId } = yield* Accounts.signUp({
          email: "Ada@Example.com",
          name: "Ada",
          password: "analytical",
        })
        expect((yield* Effect.flip(Accounts.login("ada@example.com", "analytical"))).code).toBe(
          "email_unverified",
        )
        const signedIn = yield* Accounts.verify(challengeId, yield* lastCode("ada@example.com"))
        expect(signedIn.account).toMatchObject({ email: "ada@example.com", verified: true })
        expect(JSON.stringify(signedIn)).not.toContain("scrypt")
        const me = yield* Accounts.fromToken(signedIn.accessToken)
        expect(me.id).toBe(signedIn.account.id)
        const { site } = yield* Sites.create({ name: "Ada's blog", ownerAccountId: me.id })
        const { site: other } = yield* Sites.create({ name: "Someone else's" })
        expect((yield* Accounts.sites(me.id)).map((s) => s.id)).toEqual([site.id])
        expect(yield* Accounts.actorOn(me.id, site.id)).toMatchObject({
          _tag: "account",
          role: "owner",
        })
        expect((yield* Effect.flip(Accounts.actorOn(me.id, other.id))).code).toBe("site_not_found")
        const again = yield* Effect.flip(
          Accounts.signUp({ email: "ada@example.com", name: "Eve", password: "12345678" }),
        )
        expect(again.code).toBe("email_taken")
        expect((yield* Effect.flip(Accounts.login("ada@example.com", "wrong-password"))).code).toBe(
          "credentials_invalid",
        )
      }),
    ),
  )

  it.effect("refresh and reset – should rotate sessions and end them all on a password reset", () =>
    withKommies(
      Effect.gen(function* () {
        const { challengeId } = yield* Accounts.signUp({
          email: "bo@example.com",
          name: "Bo",
          password: "first-password",
        })
        const first = yield* Accounts.verify(challengeId, yield* lastCode("bo@example.com"))
        const rotated = yield* Accounts.refresh(first.refreshToken)
        expect(rotated.refreshToken).not.toBe(first.refreshToken)
        const reset = yield* Accounts.requestReset("bo@example.com")
        const unknown = yield* Accounts.requestReset("nobody@example.com")
        expect(typeof unknown.challengeId).toBe("string")
        const after = yield* Accounts.resetPassword(
          reset.challengeId,
          yield* lastCode("bo@example.com"),
          "second-password",
        )
        expect((yield* Effect.flip(Accounts.refresh(rotated.refreshToken)))._tag).toBe(
          "Unauthorized",
        )
        yield* Accounts.login("bo@example.com", "second-password")
        yield* Accounts.logout(after.refreshToken)
        expect((yield* Effect.flip(Accounts.refresh(after.refreshToken)))._tag).toBe("Unauthorized")
      }),
    ),
  )
})
