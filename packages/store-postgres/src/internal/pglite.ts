/**
 * A `PgClient` of `@effect/sql-pg` over PGlite's own API, so the embedded mode
 * runs the very same statements as a real server.
 *
 * PGlite is one session. A lock makes that safe for many fibers: a plain
 * statement holds it for its own round trip, a transaction for
 * its whole scope (so no statement of another fiber lands inside it), and
 * LISTEN/UNLISTEN take it too. NOTIFY is a statement like any other, so
 * notifications published inside a transaction arrive when it commits, as on a
 * server.
 */
import type * as Reactivity from "@effect/experimental/Reactivity"
import type { PGlite } from "@electric-sql/pglite"
import * as Client from "@effect/sql/SqlClient"
import type { Connection } from "@effect/sql/SqlConnection"
import { SqlError } from "@effect/sql/SqlError"
import * as Statement from "@effect/sql/Statement"
import * as PgClient from "@effect/sql-pg/PgClient"
import { Effect, Queue, Stream } from "effect"

type Rows = ReadonlyArray<Record<string, unknown>>
type Transform = (<A extends object>(rows: ReadonlyArray<A>) => ReadonlyArray<A>) | undefined

const failed = (cause: unknown) => new SqlError({ cause, message: "Failed to execute statement" })

/**
 * A PgClient over an open PGlite instance. The caller owns the instance (and
 * closes it); the client only adds the lock and the Effect interface.
 */
export const make = (db: PGlite): Effect.Effect<PgClient.PgClient, never, Reactivity.Reactivity> =>
  Effect.gen(function* () {
    // A FIFO lock: one token in a queue. Unlike a semaphore, a release wakes
    // only the next waiter, so a thousand queued statements stay linear.
    const token = yield* Queue.bounded<void>(1)
    yield* Queue.offer(token, undefined)
    const acquire = Effect.acquireRelease(Queue.take(token), () => Queue.offer(token, undefined))
    const exclusive = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
      Effect.scoped(Effect.zipRight(acquire, effect))

    const query = (sql: string, params: ReadonlyArray<unknown>, rowMode?: "array") =>
      Effect.tryPromise({
        try: () =>
          db.query<Record<string, unknown>>(
            sql,
            params as Array<unknown>,
            rowMode === undefined ? {} : { rowMode },
          ),
        catch: failed,
      })

    /** `locked`: the caller holds the permit (a transaction); otherwise each call takes it. */
    const connection = (locked: boolean): Connection => {
      const guard = <A>(effect: Effect.Effect<A, SqlError>) => (locked ? effect : exclusive(effect))
      const rows = (sql: string, params: ReadonlyArray<unknown>, transform: Transform) =>
        guard(
          Effect.map(query(sql, params), (result): Rows => {
            const out = result.rows as Rows
            return transform ? transform(out) : out
          }),
        )
      return {
        execute: rows,
        executeUnprepared: rows,
        executeRaw: (sql, params) => guard(query(sql, params)),
        executeValues: (sql, params) =>
          guard(
            Effect.map(
              query(sql, params, "array"),
              (result) => result.rows as unknown as ReadonlyArray<ReadonlyArray<unknown>>,
            ),
          ),
        executeStream: (sql, params, transform) =>
          Stream.fromIterableEffect(rows(sql, params, transform)),
      }
    }

    const free = connection(false)
    const held = connection(true)
    const compiler = PgClient.makeCompiler()
    const client = yield* Client.make({
      acquirer: Effect.succeed(free),
      transactionAcquirer: Effect.as(acquire, held),
      compiler,
      spanAttributes: [["db.system.name", "postgresql"]],
    })

    const listen = (channel: string): Stream.Stream<string, SqlError> =>
      Stream.asyncPush<string, SqlError>((emit) =>
        Effect.acquireRelease(
          exclusive(
            Effect.tryPromise({
              try: () =>
                db.listen(channel, (payload) => {
                  if (payload) emit.single(payload)
                }),
              catch: (cause) => new SqlError({ cause, message: "Failed to listen" }),
            }),
          ),
          (unlisten) => exclusive(Effect.tryPromise(() => unlisten())).pipe(Effect.ignore),
        ),
      )

    const notify = (channel: string, payload: string): Effect.Effect<void, SqlError> =>
      Effect.asVoid(client`SELECT pg_notify(${channel}, ${payload})`)

    const pgJson = Statement.custom<Statement.Custom<"PgJson", unknown>>("PgJson")

    return Object.assign(client, {
      [PgClient.TypeId]: PgClient.TypeId,
      config: {},
      json: (value: unknown) => pgJson(value, undefined, undefined),
      listen,
      notify,
    }) as PgClient.PgClient
  })
