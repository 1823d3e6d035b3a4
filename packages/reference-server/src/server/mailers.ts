/**
 * The two Mailers of the server: SMTP through nodemailer when `SMTP_URL` is
 * set, otherwise one that writes each email to the log (codes included) so a
 * local server is usable without a mail server.
 *
 * @since 0.1.0
 */
import { Mailer } from "@kommies/core"
import { Effect, Layer, Redacted } from "effect"
import { createTransport } from "nodemailer"

/** Where the console mailer writes: a pino-style logger. */
export interface MailLog {
  readonly info: (fields: Record<string, unknown>, message: string) => void
  readonly warn: (fields: Record<string, unknown>, message: string) => void
}

/**
 * A Mailer that sends nothing: every email becomes one structured log line
 * (`mail: { to, subject, text }`), and the first one comes with a warning.
 *
 * @since 0.1.0
 * @category layers
 */
export const consoleMailer = (log: MailLog): Layer.Layer<Mailer.Mailer> => {
  let warned = false
  return Layer.succeed(Mailer.Mailer, {
    send: (email) =>
      Effect.sync(() => {
        if (!warned) {
          warned = true
          log.warn({}, "SMTP_URL is not set: emails are written to this log, not sent")
        }
        log.info(
          { mail: { to: email.to, subject: email.subject, text: email.text } },
          "email not sent (no SMTP_URL)",
        )
      }),
  })
}

/**
 * A Mailer over SMTP (`smtp://` or `smtps://` URL, nodemailer's pooled
 * transport), closed with the layer.
 *
 * @since 0.1.0
 * @category layers
 */
export const smtpMailer = (url: Redacted.Redacted, from: string): Layer.Layer<Mailer.Mailer> =>
  Layer.scoped(
    Mailer.Mailer,
    Effect.map(
      Effect.acquireRelease(
        Effect.sync(() => createTransport(`${Redacted.value(url)}${poolQuery(url)}`)),
        (transport) => Effect.sync(() => transport.close()),
      ),
      (transport) => ({
        send: (email) =>
          Effect.tryPromise({
            try: () =>
              transport.sendMail({
                from,
                to: email.to,
                subject: email.subject,
                text: email.text,
                ...(email.html === undefined ? {} : { html: email.html }),
              }),
            catch: (cause) =>
              new Mailer.MailerError({
                message: `SMTP: ${cause instanceof Error ? cause.message : String(cause)}`,
                cause,
              }),
          }).pipe(Effect.asVoid),
      }),
    ),
  )

/** Keeps connections open between emails (an outbox sends in bursts). */
const poolQuery = (url: Redacted.Redacted) =>
  Redacted.value(url).includes("pool=")
    ? ""
    : Redacted.value(url).includes("?")
      ? "&pool=true"
      : "?pool=true"
