/**
 * Migrations: run on start, safe to run twice and from several processes at
 * once, refused when the schema is newer than the code; and clear errors when
 * the database cannot be reached.
 */
import { describe, expect, it } from "@effect/vitest"
import { SqlClient } from "@effect/sql/SqlClient"
import { Effect, Exit } from "effect"
import { PgDatabase, PgMigrations } from "../src/index.js"
import * as TestDatabase from "./support/TestDatabase.js"

/** Opens a PgDatabase on its own pool (another process, as far as PostgreSQL knows). */
const open = (config: PgDatabase.ServerConfig) => PgDatabase.make(config)

const appliedIn = (sql: SqlClient, schema: string) =>
  sql`SELECT migration_id FROM ${sql(`${schema}.${PgMigrations.table}`)} ORDER BY migration_id`.pipe(
    Effect.map((rows) => rows.map((row) => Number(row.migration_id))),
  )

const failureOf = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.flatMap(Effect.exit(effect), (exit) =>
    Exit.isFailure(exit) && exit.cause._tag === "Fail"
      ? Effect.succeed(exit.cause.error)
      : Effect.dieMessage(
          `expected a failure, got ${Exit.isSuccess(exit) ? "success" : "a defect"}`,
        ),
  )

const database = await TestDatabase.fresh("migrations")

describe("PgMigrations on PostgreSQL", () => {
  if (!database.ok) {
    TestDatabase.reportMissing(database)
    return
  }
  const url = database.url

  it.scopedLive("run – should migrate on start and do nothing the second time", () =>
    Effect.gen(function* () {
      const sql = yield* open({ url, schema: "twice" })
      expect(yield* appliedIn(sql, "twice")).toEqual([PgMigrations.latest])
      const again = yield* Effect.provideService(PgMigrations.run("twice"), SqlClient, sql)
      expect(again).toEqual([])
      yield* open({ url, schema: "twice" })
      expect(yield* appliedIn(sql, "twice")).toEqual([PgMigrations.latest])
      const [table] = yield* sql`SELECT to_regclass('twice.comments') IS NOT NULL AS here`
      expect(table?.here).toBe(true)
    }),
  )

  it.scopedLive("run – should let five processes start at once on an empty database", () =>
    Effect.gen(function* () {
      const clients = yield* Effect.all(
        Array.from({ length: 5 }, () => open({ url, schema: "racing", poolSize: 2 })),
        { concurrency: "unbounded" },
      )
      expect(clients.length).toBe(5)
      expect(yield* appliedIn(clients[0]!, "racing")).toEqual([PgMigrations.latest])
    }),
  )

  it.scopedLive("make – should refuse a schema newer than the code with StoreError Conflict", () =>
    Effect.gen(function* () {
      const sql = yield* open({ url, schema: "future" })
      yield* sql`INSERT INTO ${sql(`future.${PgMigrations.table}`)} (migration_id, name)
        VALUES (${PgMigrations.latest + 1}, 'from_the_future')`
      const error = yield* failureOf(open({ url, schema: "future" }))
      expect(error._tag).toBe("StoreError")
      expect(error.reason).toBe("Conflict")
      expect(error.message).toMatch(
        /schema is at version \d+, newer than this @kommies\/store-postgres/,
      )
    }),
  )

  it.scopedLive("make – should refuse a schema name it cannot quote safely", () =>
    Effect.gen(function* () {
      const error = yield* failureOf(open({ url, schema: "Robert'); DROP TABLE x;--" }))
      expect(error.message).toMatch(/not a usable schema name/)
    }),
  )
})

describe("PgMigrations on PGlite", () => {
  it.scopedLive("run – should migrate on start and do nothing the second time", () =>
    Effect.gen(function* () {
      const sql = yield* PgDatabase.makeEmbedded()
      expect(yield* appliedIn(sql, PgDatabase.defaultSchema)).toEqual([PgMigrations.latest])
      const again = yield* Effect.provideService(
        PgMigrations.run(PgDatabase.defaultSchema),
        SqlClient,
        sql,
      )
      expect(again).toEqual([])
    }),
  )
})
