/**
 * Translation: message catalogs (one module per locale under
 * `@kommies/client/locales/*`, so a bundle carries only the ones it imports),
 * a tiny `t(key, vars)` with plurals from `Intl.PluralRules`, text direction,
 * and times from `Intl.RelativeTimeFormat`.
 *
 * @since 0.1.0
 */

/**
 * A message that depends on `count`: one form per plural category of the
 * locale (`Intl.PluralRules`); `other` is required and the fallback.
 *
 * @since 0.1.0
 * @category models
 */
export interface PluralMessage {
  readonly zero?: string
  readonly one?: string
  readonly two?: string
  readonly few?: string
  readonly many?: string
  readonly other: string
}

/** @since 0.1.0 @category models */
export type Message = string | PluralMessage

/**
 * Every message the widgets use. `{name}` placeholders are filled from
 * `vars`; plural messages choose their form by `vars.count`.
 *
 * @since 0.1.0
 * @category models
 */
export type MessageKey =
  | "thread.count"
  | "thread.empty"
  | "thread.locked"
  | "thread.loadMore"
  | "thread.newComments"
  | "thread.error"
  | "thread.retry"
  | "thread.reconnecting"
  | "live.reading"
  | "live.typing"
  | "live.typingMany"
  | "sort.label"
  | "sort.new"
  | "sort.old"
  | "sort.top"
  | "sort.hot"
  | "sort.best"
  | "comment.label"
  | "comment.reply"
  | "comment.edit"
  | "comment.delete"
  | "comment.deleteConfirm"
  | "comment.report"
  | "comment.permalink"
  | "comment.edited"
  | "comment.deleted"
  | "comment.pending"
  | "comment.shadowed"
  | "comment.rejected"
  | "comment.spam"
  | "comment.upvote"
  | "comment.downvote"
  | "comment.score"
  | "comment.moreReplies"
  | "comment.hideReplies"
  | "role.owner"
  | "role.admin"
  | "role.moderator"
  | "composer.label"
  | "composer.placeholder"
  | "composer.replyTo"
  | "composer.write"
  | "composer.preview"
  | "composer.emptyPreview"
  | "composer.submit"
  | "composer.save"
  | "composer.cancel"
  | "composer.sending"
  | "composer.markdown"
  | "auth.signIn"
  | "auth.signOut"
  | "auth.signInToComment"
  | "auth.signedInAs"
  | "auth.guest"
  | "auth.withEmail"
  | "auth.register"
  | "auth.name"
  | "auth.email"
  | "auth.emailOptional"
  | "auth.password"
  | "auth.code"
  | "auth.codeSent"
  | "auth.verify"
  | "auth.resend"
  | "report.title"
  | "report.spam"
  | "report.abuse"
  | "report.offTopic"
  | "report.other"
  | "report.note"
  | "report.submit"
  | "report.thanks"
  | "mod.approve"
  | "mod.reject"
  | "mod.spam"
  | "mod.ban"
  | "mod.shadowBan"
  | "mod.lock"
  | "mod.unlock"
  | "mod.reports"
  | "error.generic"
  | "error.network"
  | "error.rateLimited"
  | "error.signInRequired"
  | "error.siteKeyInvalid"

/** A locale's messages: every key. @since 0.1.0 @category models */
export type Messages = { readonly [K in MessageKey]: Message }

/** A locale and its messages, as `@kommies/client/locales/*` export them. @since 0.1.0 @category models */
export interface Catalog {
  /** BCP 47: `en`, `de`, `ar`… */
  readonly locale: string
  readonly messages: Messages
}

/** Values for placeholders; `count` also picks the plural form. @since 0.1.0 @category models */
export type MessageVars = Readonly<Record<string, string | number>>

/** @since 0.1.0 @category models */
export type Translate = (key: MessageKey, vars?: MessageVars) => string

/**
 * A `t(key, vars)` for a catalog. Numbers are formatted for the locale; a
 * missing key gives the key itself.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import { catalog } from "@kommies/client/locales/de"
 *
 * const t = createTranslator(catalog)
 * t("thread.count", { count: 2 }) // "2 Kommentare"
 */
export const createTranslator = ({ locale, messages }: Catalog): Translate => {
  const plurals = new Intl.PluralRules(locale)
  const numbers = new Intl.NumberFormat(locale)
  return (key, vars = {}) => {
    const message: Message | undefined = messages[key]
    if (message === undefined) return key
    const count = vars.count
    const text =
      typeof message === "string"
        ? message
        : (message[typeof count === "number" ? plurals.select(count) : "other"] ?? message.other)
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = vars[name]
      return value === undefined ? whole : typeof value === "number" ? numbers.format(value) : value
    })
  }
}

const rtl = /^(ar|arc|ckb|dv|fa|he|iw|ku|ps|sd|ug|ur|yi)\b/i

/**
 * The writing direction of a locale: `rtl` for Arabic, Hebrew, Persian, Urdu…
 * Put it on the widget's root as `dir`.
 *
 * @since 0.1.0
 * @category getters
 * @example
 * dirOf("ar-EG") // "rtl"
 */
export const dirOf = (locale: string): "ltr" | "rtl" => (rtl.test(locale) ? "rtl" : "ltr")

const units: ReadonlyArray<readonly [Intl.RelativeTimeFormatUnit, number]> = [
  ["year", 31_536_000],
  ["month", 2_592_000],
  ["week", 604_800],
  ["day", 86_400],
  ["hour", 3_600],
  ["minute", 60],
]

/**
 * How long ago (or how soon) `date` is, in the locale's words: "now",
 * "5 minutes ago", "yesterday", "vor 2 Stunden".
 *
 * @since 0.1.0
 * @category formatting
 * @example
 * timeAgo(comment.createdAt, Date.now(), "fr") // "il y a 3 heures"
 */
export const timeAgo = (
  date: number | Date,
  now: number | Date = Date.now(),
  locale = "en",
): string => {
  const seconds = (+date - +now) / 1000
  const format = new Intl.RelativeTimeFormat(locale, { numeric: "auto" })
  for (const [unit, size] of units)
    if (Math.abs(seconds) >= size) return format.format(Math.trunc(seconds / size), unit)
  return format.format(0, "second")
}
