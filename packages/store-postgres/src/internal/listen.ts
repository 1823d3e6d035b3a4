/**
 * `LISTEN` on a connection of its own, for `PgDatabase` on a server. Unlike a
 * shared listening client, the stream fails when its connection is lost (an
 * error, the server ending it), so the EventBus can notice and listen again.
 */
import { SqlError } from "@effect/sql/SqlError"
import { Effect, Stream } from "effect"
import Pg from "pg"

/** A stream of the payloads of `channel`, on a fresh connection made from `config`. */
export const listen =
  (config: Pg.ClientConfig) =>
  (channel: string): Stream.Stream<string, SqlError> =>
    Stream.asyncPush<string, SqlError>((emit) =>
      Effect.acquireRelease(
        Effect.tryPromise({
          try: async () => {
            const client = new Pg.Client({
              ...config,
              application_name: `${config.application_name ?? "kommies"}-listen`,
              keepAlive: true,
            })
            const lost = (cause: unknown) =>
              emit.fail(new SqlError({ cause, message: `LISTEN ${channel}: connection lost` }))
            client.on("notification", (message) => {
              if (message.channel === channel && message.payload !== undefined) {
                emit.single(message.payload)
              }
            })
            client.on("error", lost)
            client.on("end", () => lost(new Error("the server closed the connection")))
            try {
              await client.connect()
              await client.query(`LISTEN ${Pg.escapeIdentifier(channel)}`)
            } catch (error) {
              client.removeAllListeners()
              client.on("error", () => {})
              await client.end().catch(() => {})
              throw error
            }
            return client
          },
          catch: (cause) => new SqlError({ cause, message: `LISTEN ${channel} failed` }),
        }),
        (client) =>
          Effect.tryPromise(() => {
            client.removeAllListeners()
            client.on("error", () => {})
            return client.end()
          }).pipe(Effect.timeoutOption("1 second"), Effect.ignore),
      ),
    )
