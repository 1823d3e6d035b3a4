/**
 * Connecting: a URL, Effect Config, the PG* variables; the schema the tables
 * land in; and a clear StoreError when the server cannot be reached.
 */
import { describe, expect, it } from "@effect/vitest"
import { type Ids, ThreadStore } from "@kommies/core"
import { ConfigProvider, Effect, Exit, Layer } from "effect"
import { PgDatabase, PgStore } from "../src/index.js"
import * as TestDatabase from "./support/TestDatabase.js"

const failureOf = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.flatMap(Effect.exit(effect), (exit) =>
    Exit.isFailure(exit) && exit.cause._tag === "Fail"
      ? Effect.succeed(exit.cause.error)
      : Effect.dieMessage(
          `expected a failure, got ${Exit.isSuccess(exit) ? "success" : "a defect"}`,
        ),
  )

/** Sets environment variables for the effect, then puts the old values back. */
const withEnv = <A, E, R>(vars: Record<string, string>, effect: Effect.Effect<A, E, R>) =>
  Effect.acquireUseRelease(
    Effect.sync(() => {
      const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]))
      Object.assign(process.env, vars)
      return saved
    }),
    () => effect,
    (saved) =>
      Effect.sync(() => {
        for (const [k, v] of Object.entries(saved)) {
          if (v === undefined) delete process.env[k]
          else process.env[k] = v
        }
      }),
  )

const database = await TestDatabase.fresh("connect")

describe("PgDatabase on PostgreSQL", () => {
  if (!database.ok) {
    TestDatabase.reportMissing(database)
    return
  }
  const url = new URL(database.url)

  it.scopedLive("make – should put every table in the schema, away from public", () =>
    Effect.gen(function* () {
      const sql = yield* PgDatabase.make({ url: database.url, schema: "kommies_app" })
      const [row] =
        yield* sql`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'kommies_app'`
      const [stray] =
        yield* sql`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`
      expect(row?.n).toBeGreaterThan(20)
      expect(stray?.n).toBe(0)
      const [path] = yield* sql`SELECT current_schemas(false)::text AS path`
      expect(path?.path).toBe("{kommies_app}")
    }),
  )

  it.scopedLive(
    "layerConfig – should read DATABASE_URL and DATABASE_POOL_SIZE through Effect Config",
    () =>
      Effect.gen(function* () {
        const provider = ConfigProvider.fromMap(
          new Map([
            ["DATABASE_URL", database.url],
            ["DATABASE_POOL_SIZE", "3"],
          ]),
        )
        const context = yield* Layer.build(
          PgStore.layerConfig(PgDatabase.config).pipe(
            Layer.provide(Layer.setConfigProvider(provider)),
          ),
        )
        const threads = yield* Effect.provide(ThreadStore.ThreadStore, context)
        expect(yield* threads.listTop("no-such-site" as Ids.SiteId, 10)).toEqual([])
      }),
  )

  it.scopedLive("make – should connect with the PG* variables when there is no URL", () =>
    withEnv(
      {
        PGHOST: url.hostname,
        PGPORT: url.port || "5432",
        PGUSER: decodeURIComponent(url.username),
        PGPASSWORD: decodeURIComponent(url.password),
        PGDATABASE: url.pathname.slice(1),
      },
      Effect.gen(function* () {
        const sql = yield* PgDatabase.make({})
        const [row] = yield* sql`SELECT current_database() AS name`
        expect(row?.name).toBe(url.pathname.slice(1))
      }),
    ),
  )
})

describe("PgDatabase errors", () => {
  it.scopedLive(
    "make – should fail with StoreError Unavailable naming the server, not the password",
    () =>
      Effect.gen(function* () {
        const error = yield* failureOf(
          PgDatabase.make({
            url: "postgres://kommies:s3cret@127.0.0.1:1/nowhere",
            connectTimeout: "2 seconds",
          }),
        )
        expect(error._tag).toBe("StoreError")
        expect(error.reason).toBe("Unavailable")
        expect(error.message).toContain(
          "cannot reach the database at 127.0.0.1:1/nowhere as kommies",
        )
        expect(error.message).not.toContain("s3cret")
      }),
  )

  it.scopedLive("layer – should fail to build with the same error", () =>
    Effect.gen(function* () {
      const error = yield* failureOf(
        Layer.build(PgStore.layer({ url: "postgres://127.0.0.1:1/x", connectTimeout: "1 second" })),
      )
      expect(error.reason).toBe("Unavailable")
      expect(error.message).toMatch(/^PostgreSQL: cannot reach the database at 127\.0\.0\.1:1\/x: /)
    }),
  )

  it.scopedLive("embedded – should refuse a schema name it cannot use", () =>
    Effect.gen(function* () {
      const error = yield* failureOf(Layer.build(PgStore.embedded({ schema: "Bad Name" })))
      expect(error.message).toMatch(/not a usable schema name/)
    }),
  )
})
