/**
 * Small helpers every query module shares: parameters both drivers (node-postgres
 * and PGlite) read the same way, and decoders for the values they return.
 */
import type { Row } from "@effect/sql/SqlConnection"
import { Option } from "effect"

/**
 * A PostgreSQL text-array literal (`{"a","b"}`), passed as one parameter and
 * cast with `::text[]`: node-postgres and PGlite agree on strings, not on arrays.
 */
export const textArray = (values: ReadonlyArray<string>): string =>
  `{${values.map((v) => `"${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`).join(",")}}`

/** JSON text for a `jsonb` parameter (cast with `::jsonb`). */
export const json = (value: unknown): string => JSON.stringify(value)

/** A bigint or integer column: node-postgres returns int8 as a string, PGlite as a number. */
export const num = (value: unknown): number => (typeof value === "number" ? value : Number(value))

/** A nullable bigint or integer column. */
export const numOrNull = (value: unknown): number | null =>
  value === null || value === undefined ? null : num(value)

/** A nullable text column. */
export const strOrNull = (value: unknown): string | null =>
  value === null || value === undefined ? null : String(value)

/** A `jsonb` column: both drivers parse it; a string means it came back as text. */
export const parsed = <A>(value: unknown): A =>
  (typeof value === "string" ? JSON.parse(value) : value) as A

/**
 * The page size a store uses: a whole number, never negative (NaN counts as 0),
 * and small enough for a `LIMIT` parameter.
 */
export const pageSize = (limit: number): number =>
  limit > 0 ? Math.min(Math.floor(limit), 1_000_000_000) : 0

/** Distinct values, in first-seen order. */
export const unique = <A>(values: ReadonlyArray<A>): Array<A> => Array.from(new Set(values))

/** The first row, if any. */
export const first = (rows: ReadonlyArray<Row>): Row | undefined => rows[0]

/** The first row decoded, or None. */
export const oneOrNone = <A>(
  rows: ReadonlyArray<Row>,
  decode: (row: Row) => A,
): Option.Option<A> => (rows[0] === undefined ? Option.none() : Option.some(decode(rows[0])))
