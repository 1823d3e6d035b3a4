/**
 * A site: the tenant. Everything else belongs to exactly one site.
 *
 * @since 0.1.0
 */
import { Either, Schema } from "effect"
import { AccountId, SiteId } from "../Ids.js"

/** @since 0.1.0 @category models */
export const ModerationMode = Schema.Literal("none", "pre", "first")
/** @since 0.1.0 @category models */
export type ModerationMode = typeof ModerationMode.Type

/** @since 0.1.0 @category models */
export const Sort = Schema.Literal("new", "old", "top", "hot", "best")
/** @since 0.1.0 @category models */
export type Sort = typeof Sort.Type

/** Per-site rate limits, requests per minute. @since 0.1.0 @category models */
export const RateLimits = Schema.Struct({
  anonymousPerMinute: Schema.Int.pipe(Schema.positive()),
  signedInPerMinute: Schema.Int.pipe(Schema.positive()),
  postsPerMinute: Schema.Int.pipe(Schema.positive()),
})
/** @since 0.1.0 @category models */
export type RateLimits = typeof RateLimits.Type

/**
 * The widgets' colour scheme: `auto` follows the reader's system preference.
 * A page that sets a theme on the widget overrides it.
 *
 * @since 0.1.0
 * @category models
 */
export const Theme = Schema.Literal("auto", "light", "dark")
/** @since 0.1.0 @category models */
export type Theme = typeof Theme.Type

/**
 * The fields of {@link SiteSettings}, every one required (what a settings
 * patch picks from).
 *
 * @since 0.1.0
 * @category models
 */
export const SiteSettingsFields = {
  moderation: ModerationMode,
  guestComments: Schema.Boolean,
  /** Seconds after posting during which the author may edit; 0 = never. */
  editWindowSeconds: Schema.Int.pipe(Schema.nonNegative()),
  /** Deepest reply level; top-level comments have depth 0. */
  maxDepth: Schema.Int.pipe(Schema.between(0, 16)),
  defaultSort: Sort,
  /** Words (case-insensitive, whole word) that send a comment to the queue. */
  wordFilter: Schema.Array(Schema.String.pipe(Schema.maxLength(64))).pipe(Schema.maxItems(500)),
  /** More links than this sends a comment to the queue. */
  linkLimit: Schema.Int.pipe(Schema.nonNegative()),
  /** Reports that send an approved comment back to the queue. */
  reportThreshold: Schema.Int.pipe(Schema.positive()),
  /** Submitting faster than this after the form was shown counts as spam. */
  minSubmitMillis: Schema.Int.pipe(Schema.nonNegative()),
  maxBodyLength: Schema.Int.pipe(Schema.between(1, 100_000)),
  rateLimits: RateLimits,
  theme: Theme,
}

/**
 * A site's settings. Settings added after 0.1.0 (`theme`) decode with their
 * default when stored settings lack them.
 *
 * @since 0.1.0
 * @category models
 */
export const SiteSettings = Schema.Struct({
  ...SiteSettingsFields,
  theme: Schema.optionalWith(Theme, { default: () => "auto" }),
})
/** @since 0.1.0 @category models */
export type SiteSettings = typeof SiteSettings.Type

/** Settings a new site starts with. @since 0.1.0 @category constants */
export const defaultSettings: SiteSettings = {
  moderation: "none",
  guestComments: true,
  editWindowSeconds: 15 * 60,
  maxDepth: 5,
  defaultSort: "best",
  wordFilter: [],
  linkLimit: 3,
  reportThreshold: 3,
  minSubmitMillis: 2_000,
  maxBodyLength: 10_000,
  rateLimits: { anonymousPerMinute: 60, signedInPerMinute: 120, postsPerMinute: 6 },
  theme: "auto",
}

const decodeStored = Schema.decodeUnknownEither(SiteSettings)

/**
 * Settings as a store kept them, with the defaults of settings added since
 * they were written. Stores keep settings as JSON and call this on read, so
 * no migration is needed when a setting is added. Settings that no longer
 * decode keep what they hold over the defaults rather than failing the read.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import { Site } from "@kommies/core"
 *
 * const settings = Site.storedSettings(JSON.parse(row.settings))
 */
export const storedSettings = (stored: unknown): SiteSettings =>
  Either.getOrElse(decodeStored(stored), () => ({
    ...defaultSettings,
    ...(typeof stored === "object" && stored !== null ? (stored as Partial<SiteSettings>) : {}),
  }))

/** @since 0.1.0 @category models */
export const Site = Schema.Struct({
  id: SiteId,
  name: Schema.String,
  ownerAccountId: Schema.NullOr(AccountId),
  allowedOrigins: Schema.Array(Schema.String),
  /** `kp_…`: embeddable, identifies the site. */
  publicKey: Schema.String,
  /** Short id of the secret key (`ks_<keyId>.<secret>`), used to find the site. */
  secretKeyId: Schema.String,
  /** SHA-256 of the secret part, hex; the key itself is shown once. */
  secretKeyHash: Schema.String,
  settings: SiteSettings,
  planId: Schema.String,
  createdAt: Schema.Number,
  updatedAt: Schema.Number,
})
/** @since 0.1.0 @category models */
export type Site = typeof Site.Type
