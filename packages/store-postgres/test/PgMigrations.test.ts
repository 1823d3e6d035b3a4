/**
 * Migrations: run on start, safe to run twice and from several processes at
 * once, refused when the schema is newer than the code; and clear errors when
 * the database cannot be reached.
 */
import { describe, expect, it } from "@effect/vitest"
import { SqlClient } from "@effect/sql/SqlClient"
import { Effect, Exit } from "effect"
import * as Migrator from "@effect/sql/Migrator"
import { PgDatabase, PgMigrations } from "../src/index.js"
import initial from "../src/migrations/0001_initial.js"
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

/** Every migration id this code has, in order: what a fresh schema records. */
const everyMigration = Object.keys(PgMigrations.migrations)
  .map((key) => Number.parseInt(key, 10))
  .sort((a, b) => a - b)

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
      expect(yield* appliedIn(sql, "twice")).toEqual(everyMigration)
      const again = yield* Effect.provideService(PgMigrations.run("twice"), SqlClient, sql)
      expect(again).toEqual([])
      yield* open({ url, schema: "twice" })
      expect(yield* appliedIn(sql, "twice")).toEqual(everyMigration)
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
      expect(yield* appliedIn(clients[0]!, "racing")).toEqual(everyMigration)
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

  it.scopedLive("run – should upgrade a schema at version 1 and keep its data", () =>
    Effect.gen(function* () {
      const sql = yield* open({ url, schema: "scratch" })
      const schema = "from_v1"
      // The schema as the first release left it: migration 1 only.
      yield* sql.withTransaction(
        Effect.gen(function* () {
          yield* sql.unsafe(`CREATE SCHEMA ${schema}`)
          yield* sql.unsafe(`SET LOCAL search_path TO ${schema}`)
          yield* sql.unsafe(`CREATE TABLE ${schema}.${PgMigrations.table} (
            migration_id integer PRIMARY KEY,
            created_at timestamp with time zone NOT NULL DEFAULT now(),
            name text NOT NULL
          )`)
          yield* Migrator.make({})({
            loader: Migrator.fromRecord({ "0001_initial": initial }),
            table: `${schema}.${PgMigrations.table}`,
          })
          yield* sql`INSERT INTO ${sql(`${schema}.accounts`)}
            (id, email, name, password_hash, verified, created_at, updated_at)
            VALUES ('a1', 'kept@example.com', 'Kept', NULL, true, 1, 1)`
        }).pipe(Effect.provideService(SqlClient, sql)),
      )
      expect(yield* appliedIn(sql, schema)).toEqual([1])
      const applied = yield* Effect.provideService(PgMigrations.run(schema), SqlClient, sql)
      expect(applied.map(([id]) => id)).toEqual(everyMigration.filter((id) => id > 1))
      expect(yield* appliedIn(sql, schema)).toEqual(everyMigration)
      const kept = yield* sql`SELECT email FROM ${sql(`${schema}.accounts`)}`
      expect(kept.map((row) => row.email)).toEqual(["kept@example.com"])
      const [team] = yield* sql`SELECT to_regclass(${`${schema}.team_members`}) IS NOT NULL AS here`
      expect(team?.here).toBe(true)
    }),
  )
})

describe("PgMigrations on PGlite", () => {
  it.scopedLive("run – should migrate on start and do nothing the second time", () =>
    Effect.gen(function* () {
      const sql = yield* PgDatabase.makeEmbedded()
      expect(yield* appliedIn(sql, PgDatabase.defaultSchema)).toEqual(everyMigration)
      const again = yield* Effect.provideService(
        PgMigrations.run(PgDatabase.defaultSchema),
        SqlClient,
        sql,
      )
      expect(again).toEqual([])
    }),
  )
})
