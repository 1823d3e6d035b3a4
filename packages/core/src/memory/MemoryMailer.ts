/**
 * Mailer in memory: keeps every email instead of sending it, so tests and local
 * setups can read what would have gone out.
 *
 * @since 0.1.0
 */
import { Context, Effect, Layer } from "effect"
import { type Email, Mailer, MailerError, type MailerShape } from "../ports/Mailer.js"

/**
 * What a test can ask of the memory mailer.
 *
 * @since 0.1.0
 * @category models
 */
export interface MemoryMailerShape {
  /** Every email sent so far, oldest first. */
  readonly sent: Effect.Effect<ReadonlyArray<Email>>
  /** The emails sent to an address (compared case-insensitively), oldest first. */
  readonly sentTo: (to: string) => Effect.Effect<ReadonlyArray<Email>>
  /** Forgets the emails sent so far. */
  readonly clear: Effect.Effect<void>
  /** While a message is set, `send` fails with MailerError carrying it; null sends again. */
  readonly failWith: (message: string | null) => Effect.Effect<void>
}

/**
 * The memory mailer's outbox, for tests to read what was sent.
 *
 * @since 0.1.0
 * @category tags
 */
export class MemoryMailer extends Context.Tag("@kommies/core/MemoryMailer")<
  MemoryMailer,
  MemoryMailerShape
>() {}

/**
 * A Mailer that records emails, and the MemoryMailer that reads them, over one
 * fresh outbox.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<{
  readonly mailer: MailerShape
  readonly outbox: MemoryMailerShape
}> = Effect.sync(() => {
  let sent: Array<Email> = []
  let failure: string | null = null
  const mailer: MailerShape = {
    send: (email) =>
      Effect.suspend(() => {
        if (failure !== null) return Effect.fail(new MailerError({ message: failure }))
        sent.push(Object.freeze({ ...email }))
        return Effect.void
      }),
  }
  const outbox: MemoryMailerShape = {
    sent: Effect.sync(() => [...sent]),
    sentTo: (to) => Effect.sync(() => sent.filter((e) => e.to.toLowerCase() === to.toLowerCase())),
    clear: Effect.sync(() => {
      sent = []
    }),
    failWith: (message) =>
      Effect.sync(() => {
        failure = message
      }),
  }
  return { mailer, outbox }
})

/**
 * Provides Mailer (recording, never sending) and MemoryMailer (reading the
 * records) from one fresh outbox.
 *
 * @since 0.1.0
 * @category layers
 * @example
 * import { Effect } from "effect"
 * import { Mailer } from "@kommies/core"
 * import { MemoryMailer } from "@kommies/core/memory"
 *
 * const program = Effect.gen(function* () {
 *   const mailer = yield* Mailer.Mailer
 *   yield* mailer.send({ to: "ada@example.com", subject: "Hi", text: "Hello" })
 *   const outbox = yield* MemoryMailer.MemoryMailer
 *   return yield* outbox.sent // [{ to: "ada@example.com", … }]
 * }).pipe(Effect.provide(MemoryMailer.layer))
 */
export const layer: Layer.Layer<Mailer | MemoryMailer> = Layer.effectContext(
  Effect.map(make, ({ mailer, outbox }) =>
    Context.make(Mailer, mailer).pipe(Context.add(MemoryMailer, outbox)),
  ),
)
