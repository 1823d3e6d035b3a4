/**
 * The schema of the Kommies stores, versioned with `@effect/sql`'s Migrator.
 *
 * `run` is safe to call on every start, twice, and from several processes at
 * once: it takes a transaction-scoped advisory lock, creates the schema and the
 * migrations table if needed, refuses a database whose schema is newer than
 * this code, and applies the missing migrations in the same transaction.
 *
 * @since 0.1.0
 */
import * as Migrator from "@effect/sql/Migrator"
import { SqlClient } from "@effect/sql/SqlClient"
import { Errors } from "@kommies/core"
import { Effect } from "effect"
import { attempt } from "./internal/errors.js"
import { num } from "./internal/sql.js"
import initial from "./migrations/0001_initial.js"
import team from "./migrations/0002_team.js"
import search from "./migrations/0003_search.js"

/**
 * Every migration, by `<id>_<name>`. Released migrations are never edited; a
 * change is a new entry.
 *
 * @since 0.1.0
 * @category migrations
 */
export const migrations: Readonly<Record<string, Effect.Effect<void, unknown, SqlClient>>> = {
  "0001_initial": initial,
  "0002_team": team,
  "0003_search": search,
}

/**
 * The schema version this code writes and reads: the highest migration id.
 *
 * @since 0.1.0
 * @category migrations
 */
export const latest: number = Math.max(
  ...Object.keys(migrations).map((key) => Number.parseInt(key, 10)),
)

/**
 * The table the Migrator records applied migrations in (inside the schema).
 *
 * @since 0.1.0
 * @category migrations
 */
export const table = "kommies_migrations"

/**
 * Whether `name` can be a schema name here: lower-case letters, digits and
 * underscores, not starting with a digit, at most 63 characters.
 *
 * @since 0.1.0
 * @category migrations
 */
export const isSchemaName = (name: string): boolean => /^[a-z_][a-z0-9_]{0,62}$/.test(name)

/**
 * Succeeds when {@link isSchemaName} holds; otherwise a StoreError that says
 * which names work. Checked before anything connects.
 *
 * @since 0.1.0
 * @category migrations
 */
export const checkSchemaName = (schema: string): Effect.Effect<void, Errors.StoreError> =>
  isSchemaName(schema)
    ? Effect.void
    : Effect.fail(
        new Errors.StoreError({
          reason: "Unknown",
          message: `PostgreSQL: "${schema}" is not a usable schema name (use lower-case letters, digits and _)`,
        }),
      )

/** First half of the advisory lock key: "kmmi". */
const lockClass = 0x6b6d6d69

const newerSchema = (found: number) =>
  new Errors.StoreError({
    reason: "Conflict",
    message:
      `PostgreSQL: the database schema is at version ${found}, newer than this ` +
      `@kommies/store-postgres (version ${latest}). Upgrade the package, or point it at another database or schema.`,
  })

/**
 * Brings `schema` up to {@link latest}; returns the migrations it applied (none
 * when the schema was current). Fails with StoreError `Conflict` when the
 * schema is newer than this code, and `Unavailable` when the database is not.
 *
 * @since 0.1.0
 * @category migrations
 * @example
 * import { SqlClient } from "@effect/sql/SqlClient"
 * import { Effect } from "effect"
 * import { PgDatabase, PgMigrations } from "@kommies/store-postgres"
 *
 * // PgDatabase layers already run this on start; by hand (a CLI `migrate`):
 * const applied = Effect.flatMap(PgDatabase.PgDatabase, (sql) =>
 *   Effect.provideService(PgMigrations.run("kommies"), SqlClient, sql),
 * )
 */
export const run = (
  schema: string,
): Effect.Effect<
  ReadonlyArray<readonly [id: number, name: string]>,
  Errors.StoreError,
  SqlClient
> =>
  Effect.gen(function* () {
    yield* checkSchemaName(schema)
    const sql = yield* SqlClient
    const qualified = `${schema}.${table}`
    const migrate = Effect.gen(function* () {
      yield* sql`SELECT pg_advisory_xact_lock(${lockClass}, hashtext(${schema}))`
      const exists = yield* sql`SELECT 1 FROM pg_namespace WHERE nspname = ${schema}`
      if (exists.length === 0) yield* sql.unsafe(`CREATE SCHEMA ${schema}`)
      yield* sql.unsafe(`SET LOCAL search_path TO ${schema}`)
      yield* sql.unsafe(`CREATE TABLE IF NOT EXISTS ${qualified} (
        migration_id integer PRIMARY KEY,
        created_at timestamp with time zone NOT NULL DEFAULT now(),
        name text NOT NULL
      )`)
      const [row] = yield* sql`SELECT max(migration_id) AS version FROM ${sql(qualified)}`
      const found = row?.version === null || row?.version === undefined ? 0 : num(row.version)
      if (found > latest) return yield* newerSchema(found)
      return yield* Migrator.make({})({
        loader: Migrator.fromRecord(migrations),
        table: qualified,
      })
    })
    return yield* sql.withTransaction(migrate).pipe(
      Effect.catchTag("MigrationError", (error) =>
        Effect.fail(
          new Errors.StoreError({
            reason: "Unknown",
            message: `PostgreSQL: migrating schema "${schema}" failed: ${error.message}`,
            cause: error,
          }),
        ),
      ),
      Effect.catchAllDefect((defect) =>
        Effect.fail(
          new Errors.StoreError({
            reason: "Unknown",
            message: `PostgreSQL: migrating schema "${schema}" failed: ${describe(defect)}`,
            cause: defect,
          }),
        ),
      ),
      attempt(`migrating schema "${schema}"`),
    )
  })

const describe = (defect: unknown): string => {
  if (typeof defect === "object" && defect !== null && "message" in defect) {
    const cause = "cause" in defect ? defect.cause : undefined
    const inner =
      typeof cause === "object" && cause !== null && "message" in cause ? `: ${cause.message}` : ""
    return `${String(defect.message)}${inner}`
  }
  return String(defect)
}
