/**
 * Sites: creating them, their keys, settings and allowed origins.
 *
 * Public keys (`kp_…`) identify a site in pages. Secret keys
 * (`ks_<keyId>.<secret>`) act as the owner from servers; only a SHA-256 of the
 * secret part is stored, and it is compared in constant time.
 *
 * @since 0.1.0
 */
import { Clock, Effect, Option, Schema } from "effect"
import { type Site, SiteSettings, defaultSettings } from "../domain/Site.js"
import {
  type Conflict,
  type Forbidden,
  InvalidInput,
  NotFound,
  type StoreError,
  Unauthorized,
} from "../Errors.js"
import type { AccountId, SiteId } from "../Ids.js"
import { secureToken, uuidv7 } from "../Ids.js"
import { constantTimeEqual, sha256Hex } from "../internal/crypto.js"
import { SiteStore } from "../ports/SiteStore.js"
import type { Actor } from "./Actor.js"
import { label, system as systemActor } from "./Actor.js"
import * as Audit from "./Audit.js"
import type { ModerationStore } from "../ports/ModerationStore.js"
import { authorize } from "./Permissions.js"

/** What `create` needs. @since 0.1.0 @category models */
export interface CreateSite {
  readonly name: string
  readonly ownerAccountId?: AccountId | null
  readonly allowedOrigins?: ReadonlyArray<string>
  readonly settings?: Partial<SiteSettings>
  readonly planId?: string
}

/** A new site and its secret key, which is shown this once. @since 0.1.0 @category models */
export interface CreatedSite {
  readonly site: Site
  readonly secretKey: string
}

const decodeSettings = Schema.decodeUnknown(SiteSettings)

const validSettings = (settings: unknown) =>
  decodeSettings(settings, { onExcessProperty: "error" }).pipe(
    Effect.mapError(
      (error) => new InvalidInput({ code: "settings_invalid", message: error.message }),
    ),
  )

/**
 * Normalizes an allowed origin (`https://example.com`, no path); `*` allows any.
 *
 * @since 0.1.0
 * @category rules
 */
export const normalizeOrigin = (origin: string): Effect.Effect<string, InvalidInput> => {
  const trimmed = origin.trim()
  if (trimmed === "*") return Effect.succeed("*")
  try {
    const url = new URL(trimmed)
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error("scheme")
    if (url.pathname !== "/" || url.search !== "" || url.hash !== "" || url.username !== "")
      throw new Error("path")
    return Effect.succeed(url.origin)
  } catch {
    return Effect.fail(
      new InvalidInput({
        code: "origin_invalid",
        message: `Not an origin: ${trimmed.slice(0, 100)}`,
      }),
    )
  }
}

const newKeys = Effect.gen(function* () {
  const publicKey = `kp_${yield* secureToken(18)}`
  const keyId = (yield* secureToken(9)).replace(/[-_]/g, "x")
  const secret = yield* secureToken(32)
  return { publicKey, keyId, secret, secretKey: `ks_${keyId}.${secret}` }
})

/**
 * Creates a site with fresh keys and default settings (overridable).
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * const { site, secretKey } = yield* Sites.create({ name: "Blog", allowedOrigins: ["https://blog.example"] })
 */
export const create = (
  input: CreateSite,
): Effect.Effect<CreatedSite, InvalidInput | Conflict | StoreError, SiteStore> =>
  Effect.gen(function* () {
    const name = input.name.trim()
    if (name.length === 0 || name.length > 200)
      return yield* new InvalidInput({
        code: "name_invalid",
        message: "A site name has 1 to 200 characters",
      })
    const settings = yield* validSettings({ ...defaultSettings, ...input.settings })
    const allowedOrigins = yield* Effect.forEach(input.allowedOrigins ?? [], normalizeOrigin)
    const keys = yield* newKeys
    const now = yield* Clock.currentTimeMillis
    const site: Site = {
      id: (yield* uuidv7) as SiteId,
      name,
      ownerAccountId: input.ownerAccountId ?? null,
      allowedOrigins: [...new Set(allowedOrigins)],
      publicKey: keys.publicKey,
      secretKeyId: keys.keyId,
      secretKeyHash: sha256Hex(keys.secret),
      settings,
      planId: input.planId ?? "free",
      createdAt: now,
      updatedAt: now,
    }
    yield* (yield* SiteStore).insert(site)
    return { site, secretKey: keys.secretKey }
  })

/** The site, or NotFound `site_not_found`. @since 0.1.0 @category getters */
export const get = (id: SiteId): Effect.Effect<Site, NotFound | StoreError, SiteStore> =>
  Effect.flatMap(SiteStore, (store) => store.get(id)).pipe(
    Effect.flatMap(
      Option.match({
        onNone: () =>
          Effect.fail(new NotFound({ code: "site_not_found", message: "No such site" })),
        onSome: Effect.succeed,
      }),
    ),
  )

/**
 * The actor's own site, for those the permissions table lets read it
 * (`site.read`: owners and admins).
 *
 * @since 0.1.0
 * @category getters
 */
export const read = (
  actor: Actor,
): Effect.Effect<Site, Forbidden | Unauthorized | NotFound | StoreError, SiteStore> =>
  Effect.flatMap(authorize(actor, "site.read"), () => get(actor.siteId))

/** What a public key looks like; anything else is no site's. @since 0.1.0 @category auth */
export const publicKeyPattern = /^kp_[A-Za-z0-9_-]{10,64}$/

/** The site a public key belongs to, or Unauthorized `key_invalid`. @since 0.1.0 @category auth */
export const byPublicKey = (
  publicKey: string,
): Effect.Effect<Site, Unauthorized | StoreError, SiteStore> =>
  Effect.gen(function* () {
    // Made only when needed: building an error captures a stack, which costs.
    const invalid = () => new Unauthorized({ code: "key_invalid", message: "Unknown site key" })
    if (!publicKeyPattern.test(publicKey)) return yield* invalid()
    const site = yield* (yield* SiteStore).getByPublicKey(publicKey)
    return yield* Option.match(site, {
      onNone: () => Effect.fail(invalid()),
      onSome: Effect.succeed,
    })
  })

/**
 * The site a secret key belongs to, or Unauthorized `key_invalid`; the secret
 * part is compared in constant time.
 *
 * @since 0.1.0
 * @category auth
 */
export const bySecretKey = (
  secretKey: string,
): Effect.Effect<Site, Unauthorized | StoreError, SiteStore> =>
  Effect.gen(function* () {
    const invalid = new Unauthorized({ code: "key_invalid", message: "Invalid secret key" })
    const match = /^ks_([A-Za-z0-9]{6,32})\.([A-Za-z0-9_-]{20,128})$/.exec(secretKey)
    if (match === null) return yield* invalid
    const site = yield* (yield* SiteStore).getBySecretKeyId(match[1] ?? "")
    if (Option.isNone(site)) return yield* invalid
    if (!constantTimeEqual(sha256Hex(match[2] ?? ""), site.value.secretKeyHash))
      return yield* invalid
    return site.value
  })

/**
 * Replaces a key: the old one stops working at once. Returns the new key
 * (for `secret`, shown this once).
 *
 * @since 0.1.0
 * @category keys
 */
export const rotateKey = (
  actor: Actor,
  which: "public" | "secret",
): Effect.Effect<
  string,
  Forbidden | Unauthorized | NotFound | Conflict | StoreError,
  SiteStore | ModerationStore
> =>
  Effect.gen(function* () {
    yield* authorize(actor, "site.keys")
    const site = yield* get(actor.siteId)
    const keys = yield* newKeys
    const now = yield* Clock.currentTimeMillis
    const next: Site =
      which === "public"
        ? { ...site, publicKey: keys.publicKey, updatedAt: now }
        : {
            ...site,
            secretKeyId: keys.keyId,
            secretKeyHash: sha256Hex(keys.secret),
            updatedAt: now,
          }
    yield* (yield* SiteStore).update(next)
    yield* Audit.record(actor, `site.rotate_${which}_key`, `site:${site.id}`, {})
    return which === "public" ? keys.publicKey : keys.secretKey
  })

/** Changes settings; the result must still satisfy the schema. @since 0.1.0 @category settings */
export const updateSettings = (
  actor: Actor,
  patch: Partial<SiteSettings>,
): Effect.Effect<
  Site,
  InvalidInput | Forbidden | Unauthorized | NotFound | Conflict | StoreError,
  SiteStore | ModerationStore
> =>
  Effect.gen(function* () {
    yield* authorize(actor, "site.settings")
    const site = yield* get(actor.siteId)
    const settings = yield* validSettings({ ...site.settings, ...patch })
    const next: Site = { ...site, settings, updatedAt: yield* Clock.currentTimeMillis }
    yield* (yield* SiteStore).update(next)
    yield* Audit.record(actor, "site.settings", `site:${site.id}`, { changed: Object.keys(patch) })
    return next
  })

/** Changes the name and allowed origins. @since 0.1.0 @category settings */
export const updateDetails = (
  actor: Actor,
  patch: { readonly name?: string; readonly allowedOrigins?: ReadonlyArray<string> },
): Effect.Effect<
  Site,
  InvalidInput | Forbidden | Unauthorized | NotFound | Conflict | StoreError,
  SiteStore | ModerationStore
> =>
  Effect.gen(function* () {
    yield* authorize(actor, "site.settings")
    const site = yield* get(actor.siteId)
    const name = patch.name?.trim() ?? site.name
    if (name.length === 0 || name.length > 200)
      return yield* new InvalidInput({
        code: "name_invalid",
        message: "A site name has 1 to 200 characters",
      })
    const origins =
      patch.allowedOrigins === undefined
        ? site.allowedOrigins
        : [...new Set(yield* Effect.forEach(patch.allowedOrigins, normalizeOrigin))]
    const next: Site = {
      ...site,
      name,
      allowedOrigins: origins,
      updatedAt: yield* Clock.currentTimeMillis,
    }
    yield* (yield* SiteStore).update(next)
    yield* Audit.record(actor, "site.details", `site:${site.id}`, { name, allowedOrigins: origins })
    return next
  })

/**
 * Makes the account the owner of a site that has none yet, for setups where
 * the first account owns the site (a self-hosted server's one site, claimed
 * by the first account that confirms its email). System-level: no actor is
 * asked, so only call it where that rule is the caller's own.
 *
 * The claim is one atomic step in the store, so of any number of concurrent
 * claims, in one process or many, exactly one wins. Answers whether this call
 * won; false for a missing site and for one that has an owner, whoever it is.
 * A win is written to the site's audit log as `site.claim_owner`.
 *
 * @since 0.1.0
 * @category ownership
 * @example
 * const won = yield* Sites.claimOwner(siteId, account.id)
 */
export const claimOwner = (
  siteId: SiteId,
  accountId: AccountId,
): Effect.Effect<boolean, StoreError, SiteStore | ModerationStore> =>
  Effect.gen(function* () {
    const at = yield* Clock.currentTimeMillis
    const won = yield* (yield* SiteStore).claimOwner(siteId, accountId, at)
    if (won)
      yield* Audit.record(systemActor(siteId), "site.claim_owner", `site:${siteId}`, { accountId })
    return won
  })

/**
 * Whether a browser origin may call the API for this site (CORS).
 *
 * @since 0.1.0
 * @category rules
 */
export const allowsOrigin = (site: Site, origin: string): boolean =>
  site.allowedOrigins.includes("*") || site.allowedOrigins.includes(origin)

/** The label the audit log uses for an actor, re-exported for callers. @since 0.1.0 @category getters */
export const actorLabel = label
