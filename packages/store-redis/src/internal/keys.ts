/**
 * Every key the Redis store uses. Keys of one site carry the site id as a hash
 * tag (`<prefix>{<siteId>}:…`), so all of a site's keys live in one Redis
 * Cluster slot and every multi-key Lua script touches that slot only. Lua builds
 * the site keys it derives from a record (indexes of a comment's thread and
 * parent) from the same `base` string, with the suffixes listed here.
 *
 * Comment and thread ids in site keys (and in the members of their indexes)
 * are packed (encoding.ts `packId`: 22 characters for a UUID, same order).
 *
 * Sites and accounts live under one fixed tag, `{registry}`, so the unique
 * public key, secret key id and account email are claimed in one script.
 * Site teams live there too: a membership is found by site and by account,
 * and accepting an invitation writes both in one script.
 * Records found by a global id (sessions, challenges, payment events, outbox
 * emails, webhook deliveries) and the two due queues have no tag: every
 * operation on them is single-key.
 *
 * @since 0.1.0
 */

/** Rejects prefixes that would change which part of a key is its hash tag. @since 0.1.0 */
export const checkPrefix = (prefix: string): string => {
  if (prefix.includes("{") || prefix.includes("}")) {
    throw new Error(`Redis key prefix must not contain "{" or "}" (got ${JSON.stringify(prefix)})`)
  }
  return prefix
}

/** `<prefix>{<siteId>}:`, the start of every key of the site. @since 0.1.0 */
export const siteBase = (prefix: string, siteId: string): string => `${prefix}{${siteId}}:`

/** Suffixes under a site base (Lua uses the same ones). @since 0.1.0 */
export const site = {
  /** Hash of the site's comment rows by packed id. */
  comments: "c",
  /** Sorted set of one (thread, parent) group and visibility class, all scores 0. */
  group: (threadId: string, parentId: string | null) => `g:${threadId}:${parentId ?? "-"}:`,
  /** Comment ids by status (lex). */
  byStatus: (status: string) => `st:${status}`,
  /** Comment ids by author (lex). */
  byAuthor: (authorId: string) => `au:${authorId}`,
  /** Approved comments with open reports (lex). */
  reported: "rep",
  /** Comments whose body has the search word (lex); scripts/search.ts keeps it. */
  commentWord: (word: string) => `sw:${word}`,
  /** Hash comment → its search words, space-joined. */
  commentWords: "swc",
  /** Commenters whose display name has the search word (lex, plain ids). */
  nameWord: (word: string) => `sn:${word}`,
  /** Hash commenter → its name's search words, space-joined. */
  nameWords: "snc",
  /** Hash voter → `u`/`d` of one comment. */
  votes: (commentId: string) => `vo:${commentId}`,
  /** Thread row. */
  thread: (id: string) => `t:${id}`,
  /** Hash thread key → thread id. */
  threadKeys: "tk",
  /** Threads by visible comments (score), then created time and id (member). */
  threadTop: "tt",
  /** Commenter row. */
  commenter: (id: string) => `u:${id}`,
  /** Hash unique email → commenter id. */
  commenterEmails: "ue",
  /** Hash origin + external id → commenter id. */
  commenterExternal: "ux",
  /** Commenters by karma (score), ties by id. */
  karma: "uk",
  /** Set of staff commenter ids (role above user). */
  staff: "us",
  /** Hash reporter → report JSON of one comment. */
  reports: (commentId: string) => `r:${commentId}`,
  /** Hash commenter → ban JSON. */
  bans: "ban",
  /** Hash audit id → JSON, and its ids (lex). */
  audit: "log",
  auditIds: "logi",
  /** Hash of a month's counters, and the set of its active commenters. */
  usage: (month: string) => `m:${month}`,
  usageActive: (month: string) => `ma:${month}`,
  /** Hash of a UTC day's named counters (analytics). */
  daily: (day: string) => `d:${day}`,
  /** Subscription JSON. */
  subscription: "sub",
  /** Hash invoice id → JSON, and ids by created time (score). */
  invoices: "inv",
  invoiceIds: "invi",
  /** Hash notification id → row, its ids (lex) and the unread ids, per recipient. */
  inbox: (recipientId: string) => `n:${recipientId}`,
  inboxIds: (recipientId: string) => `ni:${recipientId}`,
  inboxUnread: (recipientId: string) => `nu:${recipientId}`,
  /** Hash endpoint id → JSON, and each endpoint's delivery ids by created time. */
  webhooks: "wh",
  deliveries: (endpointId: string) => `wd:${endpointId}`,
  /** The thread's event stream (entry id `0-<seq>`). */
  events: (threadId: string) => `ev:${threadId}`,
  /** A cached page of the thread at event sequence `seq`. */
  page: (threadId: string, seq: number, variant: string) => `pc:${threadId}:${seq}:${variant}`,
} as const

/** `<prefix>{registry}:` — sites, accounts and site teams. @since 0.1.0 */
export const registryBase = (prefix: string): string => `${prefix}{registry}:`

/** Suffixes under the registry base. @since 0.1.0 */
export const registry = {
  site: (id: string) => `s:${id}`,
  publicKey: (key: string) => `pk:${key}`,
  secretKeyId: (keyId: string) => `sk:${keyId}`,
  owner: (accountId: string) => `o:${accountId}`,
  account: (id: string) => `a:${id}`,
  accountEmail: (email: string) => `ae:${email}`,
  /** Hash account id → membership JSON of one site's team. */
  team: (siteId: string) => `tm:${siteId}`,
  /** Set of the site ids an account is a team member of. */
  teamOfAccount: (accountId: string) => `tma:${accountId}`,
  invitation: (id: string) => `ti:${id}`,
  /** Token hash → invitation id. */
  invitationToken: (hash: string) => `tih:${hash}`,
  /** Set of one site's invitation ids. */
  invitationsOfSite: (siteId: string) => `tis:${siteId}`,
} as const

/** Global single keys, without a hash tag. @since 0.1.0 */
export const global = {
  session: (prefix: string, id: string) => `${prefix}x:${id}`,
  sessionFamily: (prefix: string, familyId: string) => `${prefix}xf:${familyId}`,
  sessionSubject: (prefix: string, subject: string) => `${prefix}xs:${subject}`,
  challenge: (prefix: string, id: string) => `${prefix}ch:${id}`,
  paymentEvent: (prefix: string, eventId: string) => `${prefix}pe:${eventId}`,
  invoiceSite: (prefix: string, invoiceId: string) => `${prefix}ivs:${invoiceId}`,
  email: (prefix: string, id: string) => `${prefix}em:${id}`,
  emailQueue: (prefix: string) => `${prefix}emq`,
  delivery: (prefix: string, id: string) => `${prefix}wdr:${id}`,
  deliveryQueue: (prefix: string) => `${prefix}wdq`,
  /** A rate-limit window; the key is its own hash tag. */
  rateLimit: (prefix: string, key: string) => `${prefix}rl:{${key}}`,
} as const

/** Escapes glob characters for PSUBSCRIBE patterns. @since 0.1.0 */
export const globEscape = (s: string): string => s.replace(/[*?[\]\\]/g, (c) => `\\${c}`)

/** Pub/sub channels of the event bus: one per (site, thread). @since 0.1.0 */
export const channel = {
  thread: (prefix: string, siteId: string, threadId: string) => `${prefix}ev:${siteId}:${threadId}`,
  sitePattern: (prefix: string, siteId: string) => `${globEscape(`${prefix}ev:${siteId}:`)}*`,
} as const
