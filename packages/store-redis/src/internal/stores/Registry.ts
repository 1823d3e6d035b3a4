/**
 * SiteStore and AccountStore on Redis. Sites and accounts live under the
 * `{registry}` hash tag, so a site's id, public key and secret key id (and an
 * account's email) are claimed in the same script as the record.
 *
 * @since 0.1.0
 */
import {
  type Account as AccountModule,
  type AccountStore,
  Errors,
  Site as SiteModule,
  type SiteStore,
} from "@kommies/core"
import { Effect, Option } from "effect"
import { registry, registryBase } from "../keys.js"
import { decode, encode, parseRecord } from "../rows.js"
import { accountFields, siteFields } from "../recordRows.js"
import { compareIds, decoding, pairs, run, script } from "../run.js"
import type { RedisConnectionShape } from "../../RedisConnection.js"

type Site = SiteModule.Site
type Account = AccountModule.Account

const siteRow = (s: Site) =>
  encode([s.publicKey, s.secretKeyId, s.ownerAccountId, JSON.stringify(s)])
const siteOf = (row: string, what: string): Site => {
  const site = parseRecord<Site>(decode(row, siteFields, what)[3] as string, what)
  // Settings added since the record was written take their defaults.
  return { ...site, settings: SiteModule.storedSettings(site.settings) }
}
const accountRow = (a: Account) => encode([a.email.toLowerCase(), JSON.stringify(a)])
const accountOf = (row: string, what: string): Account =>
  parseRecord<Account>(decode(row, accountFields, what)[1] as string, what)

const siteExists = () => Errors.conflict("site_exists", "A site with this id or key already exists")

/**
 * The Redis SiteStore over a connection.
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeSites = (conn: RedisConnectionShape): SiteStore.SiteStoreShape => {
  const base = registryBase(conn.prefix)
  const write = (name: "kmSiteInsert" | "kmSiteUpdate", what: string, s: Site) =>
    script(conn, what, name, [
      base + registry.site(s.id),
      base,
      s.id,
      s.publicKey,
      s.secretKeyId,
      s.ownerAccountId ?? "",
      siteRow(s),
    ])
  const byPointer = (what: string, pointer: string, check: (s: Site) => boolean) =>
    script(conn, what, "kmRowByPointer", [base + pointer, base, "s:"]).pipe(
      Effect.flatMap((row) =>
        decoding(conn, what, () => {
          if (typeof row !== "string") return Option.none<Site>()
          const s = siteOf(row, what)
          return check(s) ? Option.some(s) : Option.none<Site>()
        }),
      ),
    )
  // The record is JSON the script cannot rewrite faithfully (cjson turns `[]`
  // into `{}`), so the row is built here and the script sets it only over the
  // row it was built from; a write in between sends the claim round again.
  const claimOwner = (
    siteId: Site["id"],
    accountId: NonNullable<Site["ownerAccountId"]>,
    at: number,
  ): Effect.Effect<boolean, Errors.StoreError> =>
    run(conn, "SiteStore.claimOwner", (c) => c.get(base + registry.site(siteId))).pipe(
      Effect.flatMap((row) => {
        if (row === null) return Effect.succeed(false)
        return decoding(conn, "SiteStore.claimOwner", () => siteOf(row, `site ${siteId}`)).pipe(
          Effect.flatMap((site) =>
            site.ownerAccountId !== null
              ? Effect.succeed(false)
              : script(conn, "SiteStore.claimOwner", "kmSiteClaimOwner", [
                  base + registry.site(siteId),
                  base,
                  siteId,
                  accountId,
                  row,
                  siteRow({ ...site, ownerAccountId: accountId, updatedAt: at }),
                ]).pipe(
                  Effect.flatMap((reply) =>
                    reply === "changed"
                      ? claimOwner(siteId, accountId, at)
                      : Effect.succeed(reply === "OK"),
                  ),
                ),
          ),
        )
      }),
    )
  return {
    insert: (s) =>
      write("kmSiteInsert", "SiteStore.insert", s).pipe(
        Effect.flatMap((reply) => (reply === "OK" ? Effect.void : Effect.fail(siteExists()))),
      ),

    get: (id) =>
      run(conn, "SiteStore.get", (c) => c.get(base + registry.site(id))).pipe(
        Effect.flatMap((row) =>
          decoding(conn, "SiteStore.get", () =>
            row === null ? Option.none() : Option.some(siteOf(row, `site ${id}`)),
          ),
        ),
      ),

    getByPublicKey: (publicKey) =>
      byPointer(
        "SiteStore.getByPublicKey",
        registry.publicKey(publicKey),
        (s) => s.publicKey === publicKey,
      ),

    getBySecretKeyId: (keyId) =>
      byPointer(
        "SiteStore.getBySecretKeyId",
        registry.secretKeyId(keyId),
        (s) => s.secretKeyId === keyId,
      ),

    update: (s) =>
      write("kmSiteUpdate", "SiteStore.update", s).pipe(
        Effect.flatMap((reply) => (reply === "taken" ? Effect.fail(siteExists()) : Effect.void)),
      ),

    listByOwner: (accountId) =>
      script(conn, "SiteStore.listByOwner", "kmRowsOfSet", [
        base + registry.owner(accountId),
        base,
        "s:",
      ]).pipe(
        Effect.flatMap((reply) =>
          decoding(conn, "SiteStore.listByOwner", () =>
            pairs(reply)
              .map(([id, row]) => siteOf(row, `site ${id}`))
              .sort((a, b) => a.createdAt - b.createdAt || compareIds(a.id, b.id)),
          ),
        ),
      ),

    claimOwner: (siteId, accountId, at) => claimOwner(siteId, accountId, at),
  }
}

/**
 * The Redis AccountStore over a connection.
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeAccounts = (conn: RedisConnectionShape): AccountStore.AccountStoreShape => {
  const base = registryBase(conn.prefix)
  const one = (what: string) => (row: unknown) =>
    decoding(conn, what, () =>
      typeof row === "string" ? Option.some(accountOf(row, what)) : Option.none<Account>(),
    )
  return {
    insert: (account) =>
      script(conn, "AccountStore.insert", "kmAccountInsert", [
        base + registry.account(account.id),
        base,
        account.id,
        account.email.toLowerCase(),
        accountRow(account),
      ]).pipe(
        Effect.flatMap((reply) =>
          reply === "OK"
            ? Effect.void
            : Effect.fail(
                Errors.conflict("account_exists", "An account with this email already exists"),
              ),
        ),
      ),

    get: (id) =>
      run(conn, "AccountStore.get", (c) => c.get(base + registry.account(id))).pipe(
        Effect.flatMap(one("AccountStore.get")),
      ),

    getByEmail: (email) =>
      script(conn, "AccountStore.getByEmail", "kmRowByPointer", [
        base + registry.accountEmail(email.toLowerCase()),
        base,
        "a:",
      ]).pipe(Effect.flatMap(one("AccountStore.getByEmail"))),

    update: (account) =>
      script(conn, "AccountStore.update", "kmAccountUpdate", [
        base + registry.account(account.id),
        base,
        account.id,
        account.email.toLowerCase(),
        accountRow(account),
      ]).pipe(Effect.asVoid),
  }
}
