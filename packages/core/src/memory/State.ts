/**
 * The shared state of the memory store: global tables, and one partition per site
 * so that every site-scoped lookup is isolated by construction.
 *
 * @since 0.1.0
 */
import type { Account } from "../domain/Account.js"
import type { AuditEntry } from "../domain/Audit.js"
import type { Ban } from "../domain/Ban.js"
import type { Comment, CommentStatus } from "../domain/Comment.js"
import type { Commenter } from "../domain/Commenter.js"
import type { DomainEvent } from "../domain/Event.js"
import type { Invitation, InvitationId, Membership } from "../domain/Membership.js"
import type { Notification, OutboxEmail } from "../domain/Notification.js"
import type { Report } from "../domain/Report.js"
import type { Challenge, Session } from "../domain/Session.js"
import type { Site } from "../domain/Site.js"
import type { Invoice, Subscription } from "../domain/Subscription.js"
import type { Thread } from "../domain/Thread.js"
import type { Month, Usage } from "../domain/Usage.js"
import type { VoteDirection } from "../domain/Vote.js"
import type { WebhookDelivery, WebhookEndpoint } from "../domain/Webhook.js"
import { StoreError } from "../Errors.js"
import type {
  AccountId,
  AuditId,
  CommenterId,
  CommentId,
  NotificationId,
  SessionId,
  SiteId,
  ThreadId,
  WebhookId,
} from "../Ids.js"
import type { RankIndex } from "./RankIndex.js"
import { SortedIds } from "./SortedIds.js"

/** One commenter's vote on one comment. @since 0.1.0 @category models */
export interface VoteRecord {
  readonly direction: VoteDirection
  readonly at: number
}

/** One recipient's notifications, newest found by id. @since 0.1.0 @category models */
export interface Inbox {
  readonly byId: Map<NotificationId, Notification>
  readonly ids: SortedIds<NotificationId>
  unread: number
}

/** A month of usage and who was active in it. @since 0.1.0 @category models */
export interface UsageMonth {
  usage: Usage
  readonly active: Set<CommenterId>
}

/**
 * The direct replies of one parent in one thread (or its top level), in the order
 * of every sort: ids ascending (`new`, `old`) and one rank index per ranked sort.
 *
 * @since 0.1.0
 * @category models
 */
export interface Children {
  readonly ids: SortedIds<CommentId>
  readonly top: RankIndex<CommentId>
  readonly hot: RankIndex<CommentId>
  readonly best: RankIndex<CommentId>
}

/**
 * Everything that belongs to one site, with the indexes its queries use.
 *
 * @since 0.1.0
 * @category models
 */
export interface SiteData {
  readonly threads: Map<ThreadId, Thread>
  readonly threadByKey: Map<string, ThreadId>
  readonly comments: Map<CommentId, Comment>
  /** Per thread, per parent (`""` for the top level): the replies in every sort order. */
  readonly children: Map<ThreadId, Map<string, Children>>
  readonly commentIds: SortedIds<CommentId>
  readonly byAuthor: Map<CommenterId, SortedIds<CommentId>>
  readonly byStatus: Map<CommentStatus, SortedIds<CommentId>>
  /** Approved comments with open reports. */
  readonly reported: SortedIds<CommentId>
  readonly votes: Map<CommentId, Map<CommenterId, VoteRecord>>
  readonly commenters: Map<CommenterId, Commenter>
  /** Lower-cased email of password commenters. */
  readonly commenterByEmail: Map<string, CommenterId>
  /** `origin \u0000 externalId`. */
  readonly commenterByExternalId: Map<string, CommenterId>
  readonly reports: Map<CommentId, Array<Report>>
  readonly bans: Map<CommenterId, Ban>
  readonly audit: Map<AuditId, AuditEntry>
  readonly auditIds: SortedIds<AuditId>
  readonly usage: Map<Month, UsageMonth>
  /** Daily counters by UTC day (`YYYY-MM-DD`), then by counter name. */
  readonly daily: Map<string, Map<string, number>>
  readonly inboxes: Map<CommenterId, Inbox>
  readonly webhooks: Map<WebhookId, WebhookEndpoint>
  readonly deliveriesByEndpoint: Map<WebhookId, Set<string>>
  readonly events: Map<ThreadId, Array<DomainEvent>>
  subscription: Subscription | undefined
  readonly invoices: Map<string, Invoice>
}

/**
 * The whole memory store. One value per built layer.
 *
 * @since 0.1.0
 * @category models
 */
export interface State {
  readonly sites: Map<SiteId, Site>
  readonly siteByPublicKey: Map<string, SiteId>
  readonly siteBySecretKeyId: Map<string, SiteId>
  readonly sitesByOwner: Map<AccountId, Set<SiteId>>
  readonly accounts: Map<AccountId, Account>
  readonly accountByEmail: Map<string, AccountId>
  readonly sessions: Map<SessionId, Session>
  readonly sessionsByFamily: Map<string, Set<SessionId>>
  readonly sessionsBySubject: Map<string, Set<SessionId>>
  readonly challenges: Map<string, Challenge>
  readonly paymentEvents: Map<string, number>
  /** Which site each invoice id is filed under. */
  readonly invoiceSite: Map<string, SiteId>
  readonly outbox: Map<string, OutboxEmail>
  readonly unsentEmails: Set<string>
  readonly deliveries: Map<string, WebhookDelivery>
  readonly pendingDeliveries: Set<string>
  /** Team members per site, by account. */
  readonly members: Map<SiteId, Map<AccountId, Membership>>
  /** The sites each account is a member of. */
  readonly membershipsByAccount: Map<AccountId, Set<SiteId>>
  readonly invitations: Map<InvitationId, Invitation>
  readonly invitationByTokenHash: Map<string, InvitationId>
  readonly invitationsBySite: Map<SiteId, Set<InvitationId>>
  readonly partitions: Map<SiteId, SiteData>
}

/** Fresh, empty state. @since 0.1.0 @category constructors */
export const make = (): State => ({
  sites: new Map(),
  siteByPublicKey: new Map(),
  siteBySecretKeyId: new Map(),
  sitesByOwner: new Map(),
  accounts: new Map(),
  accountByEmail: new Map(),
  sessions: new Map(),
  sessionsByFamily: new Map(),
  sessionsBySubject: new Map(),
  challenges: new Map(),
  paymentEvents: new Map(),
  invoiceSite: new Map(),
  outbox: new Map(),
  unsentEmails: new Set(),
  deliveries: new Map(),
  pendingDeliveries: new Set(),
  members: new Map(),
  membershipsByAccount: new Map(),
  invitations: new Map(),
  invitationByTokenHash: new Map(),
  invitationsBySite: new Map(),
  partitions: new Map(),
})

const makeSiteData = (): SiteData => ({
  threads: new Map(),
  threadByKey: new Map(),
  comments: new Map(),
  children: new Map(),
  commentIds: new SortedIds(),
  byAuthor: new Map(),
  byStatus: new Map(),
  reported: new SortedIds(),
  votes: new Map(),
  commenters: new Map(),
  commenterByEmail: new Map(),
  commenterByExternalId: new Map(),
  reports: new Map(),
  bans: new Map(),
  audit: new Map(),
  auditIds: new SortedIds(),
  usage: new Map(),
  daily: new Map(),
  inboxes: new Map(),
  webhooks: new Map(),
  deliveriesByEndpoint: new Map(),
  events: new Map(),
  subscription: undefined,
  invoices: new Map(),
})

/** The site's partition, created on first write. @since 0.1.0 @category getters */
export const site = (state: State, siteId: SiteId): SiteData => {
  let data = state.partitions.get(siteId)
  if (data === undefined) {
    data = makeSiteData()
    state.partitions.set(siteId, data)
  }
  return data
}

/** The site's partition if anything was ever written to it; reads never create one. @since 0.1.0 @category getters */
export const peek = (state: State, siteId: SiteId): SiteData | undefined =>
  state.partitions.get(siteId)

/** The value under `key`, created with `make` when missing. @since 0.1.0 @category utils */
export const getOrCreate = <K, V>(map: Map<K, V>, key: K, make: () => V): V => {
  let value = map.get(key)
  if (value === undefined) {
    value = make()
    map.set(key, value)
  }
  return value
}

/** Adds `value` to the set under `key`. @since 0.1.0 @category utils */
export const addToIndex = <K, V>(index: Map<K, Set<V>>, key: K, value: V): void => {
  getOrCreate(index, key, () => new Set<V>()).add(value)
}

/** Removes `value` from the set under `key`, dropping empty sets. @since 0.1.0 @category utils */
export const removeFromIndex = <K, V>(index: Map<K, Set<V>>, key: K, value: V): void => {
  const set = index.get(key)
  if (set === undefined) return
  set.delete(value)
  if (set.size === 0) index.delete(key)
}

const isPlainObject = (value: object): boolean => {
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

/**
 * A deep copy of plain objects and arrays, frozen: what the store keeps and hands
 * out, so neither the caller's later changes nor a reader's mutation reach the
 * stored record. Other values (class instances, dates) are kept as they are.
 *
 * @since 0.1.0
 * @category utils
 */
export const snapshot = <A>(value: A): A => {
  if (typeof value !== "object" || value === null) return value
  if (Array.isArray(value)) return Object.freeze(value.map(snapshot)) as A
  if (!isPlainObject(value)) return value
  const copy: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value)) copy[k] = snapshot(v)
  return Object.freeze(copy) as A
}

/** `current` with `changes` applied, frozen (for records whose fields are already frozen). @since 0.1.0 @category utils */
export const patched = <A extends object>(current: A, changes: Partial<A>): A =>
  Object.freeze({ ...current, ...changes })

/** A unique constraint the store did not expect (duplicate id): StoreError `Conflict`. @since 0.1.0 @category errors */
export const duplicate = (what: string, id: string): StoreError =>
  new StoreError({ reason: "Conflict", message: `${what} ${id} already exists` })

/** Ids without repeats, in first-seen order. @since 0.1.0 @category utils */
export const unique = <A>(values: ReadonlyArray<A>): Array<A> => Array.from(new Set(values))

/** Ascending string order (code units), as ids sort. @since 0.1.0 @category utils */
export const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)
