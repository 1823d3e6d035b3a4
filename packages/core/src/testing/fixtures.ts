/**
 * Builders of valid domain records for store tests. Every call makes fresh ids,
 * keys, emails and thread keys, so records built by different cases, runs and
 * processes never collide, even in one shared database that is never emptied.
 *
 * Builders only build: nothing is written. Pass `overrides` to set any field.
 *
 * @since 0.1.0
 */
import { Clock, Effect } from "effect"
import type { Account } from "../domain/Account.js"
import type { AuditEntry } from "../domain/Audit.js"
import type { Ban } from "../domain/Ban.js"
import type { Comment } from "../domain/Comment.js"
import type { Commenter } from "../domain/Commenter.js"
import type { DomainEvent, NewEvent } from "../domain/Event.js"
import type { Notification, OutboxEmail } from "../domain/Notification.js"
import type { Report } from "../domain/Report.js"
import type { Challenge, Session } from "../domain/Session.js"
import { defaultSettings, type Site } from "../domain/Site.js"
import type { Invoice, Subscription } from "../domain/Subscription.js"
import type { Thread } from "../domain/Thread.js"
import type { WebhookDelivery, WebhookEndpoint } from "../domain/Webhook.js"
import * as Ids from "../Ids.js"

/**
 * A fresh UUIDv7 with the brand the caller asks for.
 *
 * @since 0.1.0
 * @category ids
 * @example
 * const siteId = yield* Fixtures.id<SiteId>()
 */
export const id = <A extends string>(): Effect.Effect<A> => Ids.uuidv7 as Effect.Effect<A>

/**
 * The millisecond a UUIDv7 was made at. Builders use it as `createdAt`, so time
 * order and id order never disagree.
 *
 * @since 0.1.0
 * @category ids
 */
export const timeOf = (uuid: string): number =>
  Number.parseInt(uuid.slice(0, 8) + uuid.slice(9, 13), 16)

/**
 * A fresh lower-case token from the platform's secure generator: for keys, thread
 * keys and emails that must not repeat across runs.
 *
 * @since 0.1.0
 * @category ids
 */
export const token: Effect.Effect<string> = Effect.map(Ids.secureToken(15), (t) =>
  t.toLowerCase().replace(/[-_]/g, "x"),
)

/** A fresh lower-cased email address at a reserved test domain. @since 0.1.0 @category ids */
export const email: Effect.Effect<string> = Effect.map(token, (t) => `${t}@kommies.test`)

/** 64 fresh hex characters, shaped like the SHA-256 hashes stores keep. @since 0.1.0 @category ids */
export const hexHash: Effect.Effect<string> = Effect.sync(() => {
  const bytes = new Uint8Array(32)
  globalThis.crypto.getRandomValues(bytes)
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")
})

/** A fresh site id. @since 0.1.0 @category ids */
export const siteId: Effect.Effect<Ids.SiteId> = id<Ids.SiteId>()

/** A site with default settings and fresh id and keys. @since 0.1.0 @category builders */
export const site = (overrides: Partial<Site> = {}): Effect.Effect<Site> =>
  Effect.gen(function* () {
    const siteId = yield* id<Ids.SiteId>()
    return {
      id: siteId,
      name: `Site ${siteId}`,
      ownerAccountId: null,
      allowedOrigins: ["https://example.test"],
      publicKey: `kp_${yield* token}`,
      secretKeyId: yield* token,
      secretKeyHash: yield* hexHash,
      settings: defaultSettings,
      planId: "unlimited",
      createdAt: timeOf(siteId),
      updatedAt: timeOf(siteId),
      ...overrides,
    }
  })

/** A verified dashboard account with a fresh email. @since 0.1.0 @category builders */
export const account = (overrides: Partial<Account> = {}): Effect.Effect<Account> =>
  Effect.gen(function* () {
    const accountId = yield* id<Ids.AccountId>()
    return {
      id: accountId,
      email: yield* email,
      name: "Ada",
      passwordHash: null,
      verified: true,
      createdAt: timeOf(accountId),
      updatedAt: timeOf(accountId),
      ...overrides,
    }
  })

/** An unlocked thread with no comments and a fresh key. @since 0.1.0 @category builders */
export const thread = (
  siteId: Ids.SiteId,
  overrides: Partial<Thread> = {},
): Effect.Effect<Thread> =>
  Effect.gen(function* () {
    const threadId = yield* id<Ids.ThreadId>()
    const key = `/posts/${yield* token}`
    return {
      id: threadId,
      siteId,
      key,
      url: `https://example.test${key}`,
      title: "A post",
      locked: false,
      commentCount: 0,
      createdAt: timeOf(threadId),
      updatedAt: timeOf(threadId),
      ...overrides,
    }
  })

/** A signed-in (password) commenter with a fresh email and role `user`. @since 0.1.0 @category builders */
export const commenter = (
  siteId: Ids.SiteId,
  overrides: Partial<Commenter> = {},
): Effect.Effect<Commenter> =>
  Effect.gen(function* () {
    const commenterId = yield* id<Ids.CommenterId>()
    return {
      id: commenterId,
      siteId,
      displayName: "Grace",
      avatarUrl: null,
      email: yield* email,
      emailVerified: true,
      origin: "password" as const,
      externalId: null,
      passwordHash: yield* hexHash,
      role: "user" as const,
      karma: 0,
      trusted: true,
      createdAt: timeOf(commenterId),
      updatedAt: timeOf(commenterId),
      ...overrides,
    }
  })

/**
 * An approved, visible top-level comment. `score` follows the `upvotes` and
 * `downvotes` overrides unless given itself.
 *
 * @since 0.1.0
 * @category builders
 */
export const comment = (
  thread: Pick<Thread, "siteId" | "id">,
  authorId: Ids.CommenterId,
  overrides: Partial<Comment> = {},
): Effect.Effect<Comment> =>
  Effect.gen(function* () {
    const commentId = yield* id<Ids.CommentId>()
    const upvotes = overrides.upvotes ?? 0
    const downvotes = overrides.downvotes ?? 0
    return {
      id: commentId,
      siteId: thread.siteId,
      threadId: thread.id,
      parentId: null,
      depth: 0,
      authorId,
      body: "Hello *world*",
      html: "<p>Hello <em>world</em></p>",
      status: "approved" as const,
      shadowed: false,
      visible: true,
      upvotes,
      downvotes,
      score: upvotes - downvotes,
      hot: 0,
      best: 0,
      replyCount: 0,
      reportCount: 0,
      version: 1,
      createdAt: timeOf(commentId),
      editedAt: null,
      updatedAt: timeOf(commentId),
      ...overrides,
    }
  })

/** An approved, visible reply to `parent`, one level deeper. @since 0.1.0 @category builders */
export const reply = (
  parent: Comment,
  authorId: Ids.CommenterId,
  overrides: Partial<Comment> = {},
): Effect.Effect<Comment> =>
  comment({ siteId: parent.siteId, id: parent.threadId }, authorId, {
    parentId: parent.id,
    depth: parent.depth + 1,
    ...overrides,
  })

/**
 * A live refresh-token session of a fresh commenter subject, in a fresh family,
 * expiring in 30 days.
 *
 * @since 0.1.0
 * @category builders
 */
export const session = (overrides: Partial<Session> = {}): Effect.Effect<Session> =>
  Effect.gen(function* () {
    const sessionId = yield* id<Ids.SessionId>()
    const now = timeOf(sessionId)
    return {
      id: sessionId,
      familyId: yield* token,
      siteId: null,
      subject: `commenter:${yield* Ids.uuidv7}` as const,
      tokenHash: yield* hexHash,
      createdAt: now,
      expiresAt: now + 30 * 24 * 3600_000,
      rotatedAt: null,
      revokedAt: null,
      ...overrides,
    }
  })

/** An unused email-verification challenge to a fresh address, valid 15 minutes. @since 0.1.0 @category builders */
export const challenge = (overrides: Partial<Challenge> = {}): Effect.Effect<Challenge> =>
  Effect.gen(function* () {
    const challengeId = yield* Ids.uuidv7
    const now = timeOf(challengeId)
    return {
      id: challengeId,
      siteId: null,
      email: yield* email,
      purpose: "verify-email" as const,
      codeHash: yield* hexHash,
      attempts: 0,
      createdAt: now,
      expiresAt: now + 15 * 60_000,
      consumedAt: null,
      ...overrides,
    }
  })

/** A `spam` report of `comment` by `reporterId`. @since 0.1.0 @category builders */
export const report = (
  comment: Pick<Comment, "siteId" | "id">,
  reporterId: Ids.CommenterId,
  overrides: Partial<Report> = {},
): Effect.Effect<Report> =>
  Effect.gen(function* () {
    const reportId = yield* id<Ids.ReportId>()
    return {
      id: reportId,
      siteId: comment.siteId,
      commentId: comment.id,
      reporterId,
      reason: "spam" as const,
      note: null,
      createdAt: timeOf(reportId),
      ...overrides,
    }
  })

/** A normal ban without expiry. @since 0.1.0 @category builders */
export const ban = (
  siteId: Ids.SiteId,
  commenterId: Ids.CommenterId,
  overrides: Partial<Ban> = {},
): Effect.Effect<Ban> =>
  Effect.map(Clock.currentTimeMillis, (now) => ({
    siteId,
    commenterId,
    kind: "normal" as const,
    reason: "Testing",
    expiresAt: null,
    createdBy: "system",
    createdAt: now,
    ...overrides,
  }))

/** An audit entry of the system approving a comment. @since 0.1.0 @category builders */
export const auditEntry = (
  siteId: Ids.SiteId,
  overrides: Partial<AuditEntry> = {},
): Effect.Effect<AuditEntry> =>
  Effect.gen(function* () {
    const auditId = yield* id<Ids.AuditId>()
    return {
      id: auditId,
      siteId,
      actor: "system",
      action: "comment.approve",
      target: `comment:${yield* Ids.uuidv7}`,
      details: { note: "conformance" },
      createdAt: timeOf(auditId),
      ...overrides,
    }
  })

/**
 * An unread reply notification. The comment, thread and actor are fresh ids
 * unless given: pass real ones where the store checks references.
 *
 * @since 0.1.0
 * @category builders
 */
export const notification = (
  siteId: Ids.SiteId,
  recipientId: Ids.CommenterId,
  overrides: Partial<Notification> = {},
): Effect.Effect<Notification> =>
  Effect.gen(function* () {
    const notificationId = yield* id<Ids.NotificationId>()
    return {
      id: notificationId,
      siteId,
      recipientId,
      kind: "reply" as const,
      commentId: yield* id<Ids.CommentId>(),
      threadId: yield* id<Ids.ThreadId>(),
      actorId: yield* id<Ids.CommenterId>(),
      read: false,
      createdAt: timeOf(notificationId),
      ...overrides,
    }
  })

/** An unsent email to a fresh address, due now. @since 0.1.0 @category builders */
export const outboxEmail = (overrides: Partial<OutboxEmail> = {}): Effect.Effect<OutboxEmail> =>
  Effect.gen(function* () {
    const emailId = yield* Ids.uuidv7
    return {
      id: emailId,
      to: yield* email,
      subject: "New reply",
      text: "Somebody replied to you.",
      attempts: 0,
      nextAttemptAt: timeOf(emailId),
      sentAt: null,
      createdAt: timeOf(emailId),
      ...overrides,
    }
  })

/** An active endpoint for every event type, with a fresh secret. @since 0.1.0 @category builders */
export const webhookEndpoint = (
  siteId: Ids.SiteId,
  overrides: Partial<WebhookEndpoint> = {},
): Effect.Effect<WebhookEndpoint> =>
  Effect.gen(function* () {
    const webhookId = yield* id<Ids.WebhookId>()
    return {
      id: webhookId,
      siteId,
      url: `https://hooks.example.test/${yield* token}`,
      secret: `whsec_${yield* token}`,
      events: ["*"],
      active: true,
      createdAt: timeOf(webhookId),
      ...overrides,
    }
  })

/** A pending first delivery of a `comment.created` event, due now. @since 0.1.0 @category builders */
export const webhookDelivery = (
  endpoint: Pick<WebhookEndpoint, "siteId" | "id">,
  overrides: Partial<WebhookDelivery> = {},
): Effect.Effect<WebhookDelivery> =>
  Effect.gen(function* () {
    const deliveryId = yield* Ids.uuidv7
    return {
      id: deliveryId,
      siteId: endpoint.siteId,
      endpointId: endpoint.id,
      eventId: yield* Ids.uuidv7,
      eventType: "comment.created",
      payload: JSON.stringify({ type: "comment.created" }),
      status: "pending" as const,
      attempts: 0,
      nextAttemptAt: timeOf(deliveryId),
      lastError: null,
      createdAt: timeOf(deliveryId),
      ...overrides,
    }
  })

/** A paid invoice of 9 USD with a fresh provider id. @since 0.1.0 @category builders */
export const invoice = (
  siteId: Ids.SiteId,
  overrides: Partial<Invoice> = {},
): Effect.Effect<Invoice> =>
  Effect.gen(function* () {
    const now = yield* Clock.currentTimeMillis
    return {
      id: `in_${yield* token}`,
      siteId,
      amountCents: 900,
      currency: "usd",
      status: "paid" as const,
      hostedUrl: null,
      periodStart: now,
      periodEnd: now + 30 * 24 * 3600_000,
      createdAt: now,
      ...overrides,
    }
  })

/** An active subscription with fresh provider ids. @since 0.1.0 @category builders */
export const subscription = (
  siteId: Ids.SiteId,
  overrides: Partial<Subscription> = {},
): Effect.Effect<Subscription> =>
  Effect.gen(function* () {
    const now = yield* Clock.currentTimeMillis
    return {
      siteId,
      planId: "pro",
      status: "active" as const,
      customerId: `cus_${yield* token}`,
      subscriptionId: `sub_${yield* token}`,
      currentPeriodEnd: now + 30 * 24 * 3600_000,
      cancelAtPeriodEnd: false,
      lastEventAt: now,
      updatedAt: now,
      ...overrides,
    }
  })

/** A `comment.created` event before the log numbers it. @since 0.1.0 @category builders */
export const newEvent = (
  siteId: Ids.SiteId,
  threadId: Ids.ThreadId,
  overrides: Partial<NewEvent> = {},
): Effect.Effect<NewEvent> =>
  Effect.gen(function* () {
    const eventId = yield* Ids.uuidv7
    return {
      id: eventId,
      siteId,
      threadId,
      type: "comment.created" as const,
      data: { id: eventId },
      createdAt: timeOf(eventId),
      ...overrides,
    }
  })

/** A numbered event, as the EventBus carries it; `seq` is 1 unless given. @since 0.1.0 @category builders */
export const event = (
  siteId: Ids.SiteId,
  threadId: Ids.ThreadId,
  overrides: Partial<DomainEvent> = {},
): Effect.Effect<DomainEvent> =>
  Effect.map(newEvent(siteId, threadId), (e) => ({ ...e, seq: 1, ...overrides }))
