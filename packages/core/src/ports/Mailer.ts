/**
 * Port: sending email (verification codes, reply notifications).
 *
 * @since 0.1.0
 */
import { Context, Data, type Effect } from "effect"

/** @since 0.1.0 @category models */
export interface Email {
  readonly to: string
  readonly subject: string
  readonly text: string
  readonly html?: string
}

/** @since 0.1.0 @category errors */
export class MailerError extends Data.TaggedError("MailerError")<{
  readonly message: string
  readonly cause?: unknown
}> {}

/** @since 0.1.0 @category ports */
export interface MailerShape {
  readonly send: (email: Email) => Effect.Effect<void, MailerError>
}

/** @since 0.1.0 @category ports */
export class Mailer extends Context.Tag("@kommies/core/Mailer")<Mailer, MailerShape>() {}
