/**
 * Migration 3 (search) on a schema that already holds comments: the words of
 * existing bodies and display names are filled in (cut by core, accents
 * folded) and found through the new GIN indexes.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Migrator from "@effect/sql/Migrator"
import { SqlClient } from "@effect/sql/SqlClient"
import { Effect } from "effect"
import { PgDatabase, PgMigrations } from "../src/index.js"
import initial from "../src/migrations/0001_initial.js"
import team from "../src/migrations/0002_team.js"
import * as TestDatabase from "./support/TestDatabase.js"

const database = await TestDatabase.fresh("search_migration")

describe("0003_search on PostgreSQL", () => {
  if (!database.ok) {
    TestDatabase.reportMissing(database)
    return
  }
  const url = database.url

  it.scopedLive("run – should fill the words of existing comments and commenters", () =>
    Effect.gen(function* () {
      const sql = yield* PgDatabase.make({ url, schema: "scratch" })
      const schema = "from_v2"
      const table = `${schema}.${PgMigrations.table}`
      yield* sql.withTransaction(
        Effect.gen(function* () {
          yield* sql.unsafe(`CREATE SCHEMA ${schema}`)
          yield* sql.unsafe(`SET LOCAL search_path TO ${schema}`)
          yield* sql.unsafe(`CREATE TABLE ${table} (
            migration_id integer PRIMARY KEY,
            created_at timestamp with time zone NOT NULL DEFAULT now(),
            name text NOT NULL
          )`)
          yield* Migrator.make({})({
            loader: Migrator.fromRecord({ "0001_initial": initial, "0002_team": team }),
            table,
          })
          yield* sql.unsafe(`INSERT INTO sites (created_at, updated_at, id, name, allowed_origins,
              public_key, secret_key_id, secret_key_hash, settings, plan_id)
            VALUES (1, 1, 's1', 'Old', '[]', 'kp_old', 'kid', 'hash', '{}', 'free')`)
          yield* sql.unsafe(`INSERT INTO threads (created_at, updated_at, comment_count, locked,
              id, site_id, key) VALUES (1, 1, 2, false, 't1', 's1', '/old')`)
          yield* sql.unsafe(`INSERT INTO commenters (created_at, updated_at, karma,
              email_verified, trusted, id, site_id, display_name, origin, role)
            VALUES (1, 1, 0, false, false, 'u1', 's1', 'Zoë Älter', 'guest', 'user')`)
          for (const [id, body] of [
            ["c1", "Un CAFÉ, s'il vous plaît"],
            ["c2", "nothing to see"],
          ]) {
            yield* sql.unsafe(
              `INSERT INTO comments (created_at, updated_at, hot, best, upvotes, downvotes, score,
                reply_count, report_count, version, depth, shadowed, visible, id, site_id,
                thread_id, author_id, status, body, html)
              VALUES (1, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, false, true, $1, 's1', 't1', 'u1',
                'approved', $2, '')`,
              [id, body],
            )
          }
        }).pipe(Effect.provideService(SqlClient, sql)),
      )
      const applied = yield* Effect.provideService(PgMigrations.run(schema), SqlClient, sql)
      expect(applied.map(([id]) => id)).toContain(3)
      const found = (column: string, from: string, words: string) =>
        sql
          .unsafe<{ id: string }>(
            `SELECT id FROM ${schema}.${from} WHERE ${column} @@ plainto_tsquery('simple', $1) ORDER BY id`,
            [words],
          )
          .pipe(Effect.map((rows) => rows.map((row) => row.id)))
      expect(yield* found("search_words", "comments", "cafe")).toEqual(["c1"])
      expect(yield* found("search_words", "comments", "plait")).toEqual(["c1"])
      expect(yield* found("search_words", "comments", "see nothing")).toEqual(["c2"])
      expect(yield* found("search_name", "commenters", "zoe alter")).toEqual(["u1"])
      const [index] = yield* sql.unsafe<{ here: boolean }>(
        `SELECT to_regclass('${schema}.comments_search') IS NOT NULL AS here`,
      )
      expect(index?.here).toBe(true)
    }),
  )
})
