import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { MemoryMailer } from "../src/memory.js"
import { Mailer } from "../src/ports/Mailer.js"

describe("MemoryMailer", () => {
  it.effect("send – records every email for the outbox to read, oldest first", () =>
    Effect.gen(function* () {
      const mailer = yield* Mailer
      const outbox = yield* MemoryMailer.MemoryMailer
      yield* mailer.send({ to: "ada@example.test", subject: "Code", text: "123456" })
      yield* mailer.send({
        to: "bob@example.test",
        subject: "Reply",
        text: "Hi",
        html: "<p>Hi</p>",
      })
      yield* mailer.send({ to: "Ada@Example.test", subject: "Again", text: "654321" })
      expect((yield* outbox.sent).map((e) => e.subject)).toEqual(["Code", "Reply", "Again"])
      expect((yield* outbox.sentTo("ADA@example.test")).map((e) => e.text)).toEqual([
        "123456",
        "654321",
      ])
      yield* outbox.clear
      expect(yield* outbox.sent).toEqual([])
    }).pipe(Effect.provide(MemoryMailer.layer)),
  )

  it.effect("failWith – makes send fail with MailerError until cleared", () =>
    Effect.gen(function* () {
      const mailer = yield* Mailer
      const outbox = yield* MemoryMailer.MemoryMailer
      yield* outbox.failWith("smtp down")
      const error = yield* Effect.flip(mailer.send({ to: "a@x.test", subject: "s", text: "t" }))
      expect(error).toMatchObject({ _tag: "MailerError", message: "smtp down" })
      expect(yield* outbox.sent).toEqual([])
      yield* outbox.failWith(null)
      yield* mailer.send({ to: "a@x.test", subject: "s", text: "t" })
      expect(yield* outbox.sent).toHaveLength(1)
    }).pipe(Effect.provide(MemoryMailer.layer)),
  )

  it.effect(
    "send – keeps a copy: later changes to the caller's object do not reach the outbox",
    () =>
      Effect.gen(function* () {
        const mailer = yield* Mailer
        const outbox = yield* MemoryMailer.MemoryMailer
        const email = { to: "a@x.test", subject: "s", text: "t" }
        yield* mailer.send(email)
        email.subject = "changed"
        expect((yield* outbox.sent)[0]?.subject).toBe("s")
      }).pipe(Effect.provide(MemoryMailer.layer)),
  )
})
