/**
 * CommenterStore on PostgreSQL: per-site commenters, unique by password email
 * (lower-cased) and by (origin, external id), through partial unique indexes.
 */
import type { SqlClient } from "@effect/sql/SqlClient"
import type { Row } from "@effect/sql/SqlConnection"
import type { Fragment } from "@effect/sql/Statement"
import { type Commenter, type CommenterStore, Errors, type Ids, type Role } from "@kommies/core"
import { Effect } from "effect"
import { attempt, onUniqueViolation } from "./errors.js"
import { bySiteId } from "./paging.js"
import { vectorOf } from "./search.js"
import { num, oneOrNone, pageSize, strOrNull, textArray, unique } from "./sql.js"

const commenterColumns = `id, site_id, display_name, avatar_url, email, email_verified, origin,
  external_id, password_hash, role, karma, trusted, created_at, updated_at`

const toCommenter = (row: Row): Commenter.Commenter => ({
  id: row.id as Ids.CommenterId,
  siteId: row.site_id as Ids.SiteId,
  displayName: String(row.display_name),
  avatarUrl: strOrNull(row.avatar_url),
  email: strOrNull(row.email),
  emailVerified: row.email_verified === true,
  origin: row.origin as Commenter.CommenterOrigin,
  externalId: strOrNull(row.external_id),
  passwordHash: strOrNull(row.password_hash),
  role: row.role as Role.Role,
  karma: num(row.karma),
  trusted: row.trusted === true,
  createdAt: num(row.created_at),
  updatedAt: num(row.updated_at),
})

const patchSets = (sql: SqlClient, patch: CommenterStore.CommenterPatch): Array<Fragment> => {
  const sets: Array<Fragment> = [sql`updated_at = ${patch.updatedAt}`]
  if (patch.displayName !== undefined) {
    sets.push(
      sql`display_name = ${patch.displayName}`,
      sql`search_name = ${vectorOf(sql, patch.displayName)}`,
    )
  }
  if (patch.avatarUrl !== undefined) sets.push(sql`avatar_url = ${patch.avatarUrl}`)
  if (patch.email !== undefined) sets.push(sql`email = ${patch.email}`)
  if (patch.emailVerified !== undefined) sets.push(sql`email_verified = ${patch.emailVerified}`)
  if (patch.passwordHash !== undefined) sets.push(sql`password_hash = ${patch.passwordHash}`)
  if (patch.role !== undefined) sets.push(sql`role = ${patch.role}`)
  if (patch.trusted !== undefined) sets.push(sql`trusted = ${patch.trusted}`)
  return sets
}

/** CommenterStore over `sql`. */
export const make = (sql: SqlClient): CommenterStore.CommenterStoreShape => {
  const columns = sql.literal(commenterColumns)
  const many = (rows: ReadonlyArray<Row>) => rows.map(toCommenter)
  return {
    insert: (c) =>
      sql`INSERT INTO commenters (${columns}, search_name) VALUES (
        ${c.id}, ${c.siteId}, ${c.displayName}, ${c.avatarUrl}, ${c.email}, ${c.emailVerified},
        ${c.origin}, ${c.externalId}, ${c.passwordHash}, ${c.role}, ${c.karma}, ${c.trusted},
        ${c.createdAt}, ${c.updatedAt}, ${vectorOf(sql, c.displayName)}
      )`.pipe(
        Effect.asVoid,
        onUniqueViolation((constraint) =>
          constraint === "commenters_pkey"
            ? new Errors.StoreError({
                reason: "Conflict",
                message: `commenter ${c.id} already exists`,
              })
            : Errors.conflict(
                "commenter_exists",
                `A commenter of this site already has this ${constraint === "commenters_email_key" ? "email" : "external id"}`,
              ),
        ),
        attempt("CommenterStore.insert"),
      ),

    get: (siteId, id) =>
      sql`SELECT ${columns} FROM commenters WHERE id = ${id} AND site_id = ${siteId}`.pipe(
        Effect.map((rows) => oneOrNone(rows, toCommenter)),
        attempt("CommenterStore.get"),
      ),

    getMany: (siteId, ids) =>
      ids.length === 0
        ? Effect.succeed([])
        : sql`SELECT ${columns} FROM commenters
            WHERE id = ANY(${textArray(unique(ids))}::text[]) AND site_id = ${siteId}`.pipe(
            Effect.map(many),
            attempt("CommenterStore.getMany"),
          ),

    getByEmail: (siteId, email) =>
      sql`SELECT ${columns} FROM commenters
        WHERE site_id = ${siteId} AND lower(email) = lower(${email})
          AND origin = 'password' AND email IS NOT NULL`.pipe(
        Effect.map((rows) => oneOrNone(rows, toCommenter)),
        attempt("CommenterStore.getByEmail"),
      ),

    getByExternalId: (siteId, origin, externalId) =>
      sql`SELECT ${columns} FROM commenters
        WHERE site_id = ${siteId} AND origin = ${origin} AND external_id = ${externalId}`.pipe(
        Effect.map((rows) => oneOrNone(rows, toCommenter)),
        attempt("CommenterStore.getByExternalId"),
      ),

    update: (siteId, id, patch) =>
      sql`UPDATE commenters SET ${sql.csv(patchSets(sql, patch))}
        WHERE id = ${id} AND site_id = ${siteId} RETURNING ${columns}`.pipe(
        Effect.map((rows) => oneOrNone(rows, toCommenter)),
        onUniqueViolation(
          () =>
            new Errors.StoreError({
              reason: "Conflict",
              message: `commenter ${id}: another commenter of the site already has this email`,
            }),
        ),
        attempt("CommenterStore.update"),
      ),

    listTop: (siteId, limit) =>
      pageSize(limit) === 0
        ? Effect.succeed([])
        : sql`SELECT ${columns} FROM commenters WHERE site_id = ${siteId}
            ORDER BY karma DESC, id DESC LIMIT ${pageSize(limit)}`.pipe(
            Effect.map(many),
            attempt("CommenterStore.listTop"),
          ),

    listStaff: (siteId) =>
      sql`SELECT ${columns} FROM commenters
        WHERE site_id = ${siteId} AND role IN ('owner', 'admin', 'moderator')
        ORDER BY CASE role WHEN 'owner' THEN 0 WHEN 'admin' THEN 1 ELSE 2 END, id`.pipe(
        Effect.map(many),
        attempt("CommenterStore.listStaff"),
      ),

    listBySite: (siteId, cursor, limit) =>
      bySiteId(
        sql,
        "CommenterStore.listBySite",
        "commenters",
        columns,
        toCommenter,
        siteId,
        cursor,
        limit,
      ),
  }
}
