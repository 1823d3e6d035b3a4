/**
 * SiteStore and AccountStore on PostgreSQL: sites unique by id and both keys,
 * accounts unique by lower-cased email.
 */
import type { SqlClient } from "@effect/sql/SqlClient"
import type { Row } from "@effect/sql/SqlConnection"
import {
  type Account,
  type AccountStore,
  Errors,
  type Ids,
  Site,
  type SiteStore,
} from "@kommies/core"
import { Effect } from "effect"
import { attempt, onUniqueViolation } from "./errors.js"
import { json, num, oneOrNone, parsed, strOrNull } from "./sql.js"

const siteColumns = `id, name, owner_account_id, allowed_origins, public_key, secret_key_id,
  secret_key_hash, settings, plan_id, created_at, updated_at`

const toSite = (row: Row): Site.Site => ({
  id: row.id as Ids.SiteId,
  name: String(row.name),
  ownerAccountId: strOrNull(row.owner_account_id) as Ids.AccountId | null,
  allowedOrigins: parsed<Array<string>>(row.allowed_origins),
  publicKey: String(row.public_key),
  secretKeyId: String(row.secret_key_id),
  secretKeyHash: String(row.secret_key_hash),
  // Settings added since the row was written take their defaults.
  settings: Site.storedSettings(parsed<unknown>(row.settings)),
  planId: String(row.plan_id),
  createdAt: num(row.created_at),
  updatedAt: num(row.updated_at),
})

const siteExists = () => Errors.conflict("site_exists", "A site with this id or key already exists")

/** SiteStore over `sql`. */
export const sites = (sql: SqlClient): SiteStore.SiteStoreShape => ({
  insert: (site) =>
    sql`INSERT INTO sites (${sql.literal(siteColumns)}) VALUES (
      ${site.id}, ${site.name}, ${site.ownerAccountId}, ${json(site.allowedOrigins)}::jsonb,
      ${site.publicKey}, ${site.secretKeyId}, ${site.secretKeyHash}, ${json(site.settings)}::jsonb,
      ${site.planId}, ${site.createdAt}, ${site.updatedAt}
    ) ON CONFLICT DO NOTHING RETURNING id`.pipe(
      Effect.flatMap((rows) => (rows.length === 0 ? Effect.fail(siteExists()) : Effect.void)),
      attempt("SiteStore.insert"),
    ),

  get: (id) =>
    sql`SELECT ${sql.literal(siteColumns)} FROM sites WHERE id = ${id}`.pipe(
      Effect.map((rows) => oneOrNone(rows, toSite)),
      attempt("SiteStore.get"),
    ),

  getByPublicKey: (publicKey) =>
    sql`SELECT ${sql.literal(siteColumns)} FROM sites WHERE public_key = ${publicKey}`.pipe(
      Effect.map((rows) => oneOrNone(rows, toSite)),
      attempt("SiteStore.getByPublicKey"),
    ),

  getBySecretKeyId: (keyId) =>
    sql`SELECT ${sql.literal(siteColumns)} FROM sites WHERE secret_key_id = ${keyId}`.pipe(
      Effect.map((rows) => oneOrNone(rows, toSite)),
      attempt("SiteStore.getBySecretKeyId"),
    ),

  update: (site) =>
    sql`UPDATE sites SET
      name = ${site.name}, owner_account_id = ${site.ownerAccountId},
      allowed_origins = ${json(site.allowedOrigins)}::jsonb, public_key = ${site.publicKey},
      secret_key_id = ${site.secretKeyId}, secret_key_hash = ${site.secretKeyHash},
      settings = ${json(site.settings)}::jsonb, plan_id = ${site.planId},
      created_at = ${site.createdAt}, updated_at = ${site.updatedAt}
    WHERE id = ${site.id}`.pipe(
      Effect.asVoid,
      onUniqueViolation(siteExists),
      attempt("SiteStore.update"),
    ),

  listByOwner: (accountId) =>
    sql`SELECT ${sql.literal(siteColumns)} FROM sites
      WHERE owner_account_id = ${accountId} ORDER BY created_at, id`.pipe(
      Effect.map((rows) => rows.map(toSite)),
      attempt("SiteStore.listByOwner"),
    ),

  // One conditional UPDATE: the row lock makes concurrent claims queue, and
  // each re-checks `owner_account_id IS NULL` after the one before commits.
  // `listByOwner` reads the same column through `sites_owner`, which the same
  // statement updates.
  claimOwner: (siteId, accountId, at) =>
    sql`UPDATE sites SET owner_account_id = ${accountId}, updated_at = ${at}
      WHERE id = ${siteId} AND owner_account_id IS NULL RETURNING id`.pipe(
      Effect.map((rows) => rows.length === 1),
      attempt("SiteStore.claimOwner"),
    ),
})

const accountColumns = `id, email, name, password_hash, verified, created_at, updated_at`

const toAccount = (row: Row): Account.Account => ({
  id: row.id as Ids.AccountId,
  email: String(row.email),
  name: String(row.name),
  passwordHash: strOrNull(row.password_hash),
  verified: row.verified === true,
  createdAt: num(row.created_at),
  updatedAt: num(row.updated_at),
})

/** AccountStore over `sql`. */
export const accounts = (sql: SqlClient): AccountStore.AccountStoreShape => ({
  insert: (account) =>
    sql`INSERT INTO accounts (${sql.literal(accountColumns)}) VALUES (
      ${account.id}, ${account.email}, ${account.name}, ${account.passwordHash},
      ${account.verified}, ${account.createdAt}, ${account.updatedAt}
    )`.pipe(
      Effect.asVoid,
      onUniqueViolation((constraint) =>
        constraint === "accounts_email_key"
          ? Errors.conflict("account_exists", "An account with this email already exists")
          : new Errors.StoreError({
              reason: "Conflict",
              message: `account ${account.id} already exists`,
            }),
      ),
      attempt("AccountStore.insert"),
    ),

  get: (id) =>
    sql`SELECT ${sql.literal(accountColumns)} FROM accounts WHERE id = ${id}`.pipe(
      Effect.map((rows) => oneOrNone(rows, toAccount)),
      attempt("AccountStore.get"),
    ),

  getByEmail: (email) =>
    sql`SELECT ${sql.literal(accountColumns)} FROM accounts WHERE lower(email) = lower(${email})`.pipe(
      Effect.map((rows) => oneOrNone(rows, toAccount)),
      attempt("AccountStore.getByEmail"),
    ),

  update: (account) =>
    sql`UPDATE accounts SET email = ${account.email}, name = ${account.name},
      password_hash = ${account.passwordHash}, verified = ${account.verified},
      created_at = ${account.createdAt}, updated_at = ${account.updatedAt}
    WHERE id = ${account.id}`.pipe(
      Effect.asVoid,
      onUniqueViolation(
        () =>
          new Errors.StoreError({
            reason: "Conflict",
            message: `account ${account.id}: the email is taken`,
          }),
      ),
      attempt("AccountStore.update"),
    ),
})
