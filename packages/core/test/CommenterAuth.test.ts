import { describe, expect, it } from "@effect/vitest"
import { Effect, TestClock } from "effect"
import { SignJWT } from "jose"
import * as MemoryMailer from "../src/memory/MemoryMailer.js"
import * as Actor from "../src/services/Actor.js"
import * as CommenterAuth from "../src/services/CommenterAuth.js"
import * as Comments from "../src/services/Comments.js"
import * as Moderation from "../src/services/Moderation.js"
import { commenter, site, TestKommies } from "./support/kommies.js"

const withKommies = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.provide(effect, TestKommies()) as Effect.Effect<A, E, never>

const codeIn = (text: string) => /\b(\d{6})\b/.exec(text)?.[1] ?? ""

describe("CommenterAuth", () => {
  it.effect("register – should email a code, sign in after it, and keep the password", () =>
    withKommies(
      Effect.gen(function* () {
        const { site: s } = yield* site()
        const { challengeId } = yield* CommenterAuth.register(s.id, {
          email: "Ann@Example.com",
          displayName: "Ann",
          password: "correct horse battery",
        })
        const mail = yield* (yield* MemoryMailer.MemoryMailer).sentTo("ann@example.com")
        expect(mail.length).toBe(1)
        const early = yield* Effect.flip(
          CommenterAuth.login(s.id, "ann@example.com", "correct horse battery"),
        )
        expect(early.code).toBe("email_unverified")
        expect(
          (yield* Effect.flip(CommenterAuth.verifyEmail(s.id, challengeId, "000000"))).code,
        ).toMatch(/code_/)
        const session = yield* CommenterAuth.verifyEmail(s.id, challengeId, codeIn(mail[0]!.text))
        expect(session.commenter.displayName).toBe("Ann")
        const actor = yield* CommenterAuth.actorFromToken(s.id, session.accessToken)
        expect(actor).toMatchObject({
          _tag: "commenter",
          commenterId: session.commenter.id,
          role: "user",
        })
        const me = yield* CommenterAuth.me(actor)
        expect(me).toMatchObject({
          email: "ann@example.com",
          emailVerified: true,
          origin: "password",
          ban: null,
        })
        const again = yield* CommenterAuth.login(s.id, "ANN@example.com", "correct horse battery")
        expect(again.commenter.id).toBe(session.commenter.id)
        expect(
          (yield* Effect.flip(CommenterAuth.login(s.id, "ann@example.com", "wrong password"))).code,
        ).toBe("credentials_invalid")
        expect(
          (yield* Effect.flip(CommenterAuth.login(s.id, "nobody@example.com", "whatever1"))).code,
        ).toBe("credentials_invalid")
        const taken = yield* Effect.flip(
          CommenterAuth.register(s.id, {
            email: "ann@example.com",
            displayName: "Eve",
            password: "12345678",
          }),
        )
        expect(taken.code).toBe("email_taken")
      }),
    ),
  )

  it.effect("refresh – should rotate, and a reused token should end the family", () =>
    withKommies(
      Effect.gen(function* () {
        const { site: s } = yield* site()
        const first = yield* CommenterAuth.guest(s.id, { displayName: "Gus" })
        const second = yield* CommenterAuth.refresh(s.id, first.refreshToken)
        expect(second.refreshToken).not.toBe(first.refreshToken)
        expect((yield* Effect.flip(CommenterAuth.refresh(s.id, first.refreshToken))).code).toBe(
          "refresh_reused",
        )
        expect((yield* Effect.flip(CommenterAuth.refresh(s.id, second.refreshToken))).code).toBe(
          "refresh_revoked",
        )
        const { site: other } = yield* site()
        const third = yield* CommenterAuth.guest(s.id, { displayName: "Gus" })
        expect((yield* Effect.flip(CommenterAuth.refresh(other.id, third.refreshToken))).code).toBe(
          "refresh_invalid",
        )
        yield* CommenterAuth.logout(third.refreshToken)
        expect((yield* Effect.flip(CommenterAuth.refresh(s.id, third.refreshToken)))._tag).toBe(
          "Unauthorized",
        )
      }),
    ),
  )

  it.effect("access tokens – should expire and not work on another site", () =>
    withKommies(
      Effect.gen(function* () {
        const { site: s } = yield* site()
        const { site: other } = yield* site()
        const session = yield* CommenterAuth.guest(s.id, { displayName: "Gus" })
        expect(
          (yield* Effect.flip(CommenterAuth.actorFromToken(other.id, session.accessToken))).code,
        ).toBe("token_audience")
        yield* TestClock.adjust("16 minutes")
        expect(
          (yield* Effect.flip(CommenterAuth.actorFromToken(s.id, session.accessToken))).code,
        ).toBe("token_expired")
      }),
    ),
  )

  it.effect("guest – should need the site to allow guests", () =>
    withKommies(
      Effect.gen(function* () {
        const { site: s } = yield* site({ guestComments: false })
        expect((yield* Effect.flip(CommenterAuth.guest(s.id, { displayName: "G" }))).code).toBe(
          "guests_disabled",
        )
      }),
    ),
  )

  it.effect("sso – should turn a host-signed token into the same commenter every time", () =>
    withKommies(
      Effect.gen(function* () {
        const { site: s } = yield* site()
        const secret = "host-app-shared-secret-0123456789abcdef"
        const now = yield* TestClock.currentTimeMillis
        const sign = (name: string) =>
          Effect.promise(() =>
            new SignJWT({ name, email: "h@host.example", email_verified: true })
              .setProtectedHeader({ alg: "HS256" })
              .setSubject("host-user-7")
              .setIssuedAt(Math.floor(now / 1000))
              .setExpirationTime(Math.floor(now / 1000) + 300)
              .sign(new TextEncoder().encode(secret)),
          )
        const a = yield* CommenterAuth.sso(s.id, yield* sign("Hana"), { secret })
        const b = yield* CommenterAuth.sso(s.id, yield* sign("Hana K."), { secret })
        expect(b.commenter.id).toBe(a.commenter.id)
        expect(b.commenter.displayName).toBe("Hana K.")
        const forged = yield* Effect.flip(
          CommenterAuth.sso(s.id, yield* sign("X"), { secret: `${secret}-other` }),
        )
        expect(forged._tag).toBe("Unauthorized")
        const viaIdentify = yield* CommenterAuth.identify(s.id, {
          id: "host-user-7",
          name: "Hana K.",
        })
        expect(viaIdentify).toMatchObject({ commenterId: a.commenter.id })
      }),
    ),
  )

  it.effect("ban – should stop sign-in and refresh for a normal ban", () =>
    withKommies(
      Effect.gen(function* () {
        const { site: s } = yield* site()
        const mod = yield* commenter(s.id, "Mod", "moderator")
        const session = yield* CommenterAuth.guest(s.id, { displayName: "Troll" })
        const troll = yield* CommenterAuth.actorFromToken(s.id, session.accessToken)
        yield* Comments.create(troll, { threadKey: "p", body: "hi" })
        yield* Moderation.ban(mod, session.commenter.id)
        expect((yield* Effect.flip(CommenterAuth.refresh(s.id, session.refreshToken)))._tag).toBe(
          "Unauthorized",
        )
        expect((yield* CommenterAuth.me(troll)).ban?.kind).toBe("normal")
        expect((yield* Effect.flip(CommenterAuth.me(Actor.anonymous(s.id)))).code).toBe(
          "sign_in_required",
        )
      }),
    ),
  )
})
