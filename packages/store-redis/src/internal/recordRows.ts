/**
 * Rows of the records whose single fields Lua rewrites besides comments,
 * threads and commenters (rows.ts): sessions, challenges, notifications,
 * outbox emails; and the site and account rows of the registry.
 *
 * @since 0.1.0
 */
import type { Notification as NotificationModule, Session as SessionModule } from "@kommies/core"
import { decode, encode } from "./rows.js"

type Notification = NotificationModule.Notification
type OutboxEmail = NotificationModule.OutboxEmail
type Session = SessionModule.Session
type Challenge = SessionModule.Challenge

/** Session fields in row order. @since 0.1.0 */
export const sessionFields = [
  "familyId",
  "siteId",
  "subject",
  "tokenHash",
  "createdAt",
  "expiresAt",
  "rotatedAt",
  "revokedAt",
] as const

/** @since 0.1.0 */
export const encodeSession = (s: Session): string =>
  encode([
    s.familyId,
    s.siteId,
    s.subject,
    s.tokenHash,
    s.createdAt,
    s.expiresAt,
    s.rotatedAt,
    s.revokedAt,
  ])

/** @since 0.1.0 */
export const decodeSession = (id: string, row: string): Session => {
  const v = decode(row, sessionFields, `session ${id}`)
  return {
    id,
    familyId: v[0],
    siteId: v[1],
    subject: v[2],
    tokenHash: v[3],
    createdAt: v[4],
    expiresAt: v[5],
    rotatedAt: v[6],
    revokedAt: v[7],
  } as Session
}

/** Challenge fields in row order. @since 0.1.0 */
export const challengeFields = [
  "siteId",
  "email",
  "purpose",
  "codeHash",
  "attempts",
  "createdAt",
  "expiresAt",
  "consumedAt",
] as const

/** @since 0.1.0 */
export const encodeChallenge = (c: Challenge): string =>
  encode([
    c.siteId,
    c.email,
    c.purpose,
    c.codeHash,
    c.attempts,
    c.createdAt,
    c.expiresAt,
    c.consumedAt,
  ])

/** @since 0.1.0 */
export const decodeChallenge = (id: string, row: string): Challenge => {
  const v = decode(row, challengeFields, `challenge ${id}`)
  return {
    id,
    siteId: v[0],
    email: v[1],
    purpose: v[2],
    codeHash: v[3],
    attempts: v[4],
    createdAt: v[5],
    expiresAt: v[6],
    consumedAt: v[7],
  } as Challenge
}

/** Notification fields in row order (site and recipient are in the key). @since 0.1.0 */
export const notificationFields = [
  "kind",
  "commentId",
  "threadId",
  "actorId",
  "read",
  "createdAt",
] as const

/** @since 0.1.0 */
export const encodeNotification = (n: Notification): string =>
  encode([n.kind, n.commentId, n.threadId, n.actorId, n.read, n.createdAt])

/** @since 0.1.0 */
export const decodeNotification = (
  siteId: string,
  recipientId: string,
  id: string,
  row: string,
): Notification => {
  const v = decode(row, notificationFields, `notification ${id}`)
  return {
    id,
    siteId,
    recipientId,
    kind: v[0],
    commentId: v[1],
    threadId: v[2],
    actorId: v[3],
    read: v[4],
    createdAt: v[5],
  } as Notification
}

/** Outbox email fields in row order. @since 0.1.0 */
export const emailFields = [
  "to",
  "subject",
  "text",
  "attempts",
  "nextAttemptAt",
  "sentAt",
  "createdAt",
] as const

/** @since 0.1.0 */
export const encodeEmail = (e: OutboxEmail): string =>
  encode([e.to, e.subject, e.text, e.attempts, e.nextAttemptAt, e.sentAt, e.createdAt])

/** @since 0.1.0 */
export const decodeEmail = (id: string, row: string): OutboxEmail => {
  const v = decode(row, emailFields, `email ${id}`)
  return {
    id,
    to: v[0],
    subject: v[1],
    text: v[2],
    attempts: v[3],
    nextAttemptAt: v[4],
    sentAt: v[5],
    createdAt: v[6],
  } as OutboxEmail
}

/** Site rows: the unique keys first (Lua maintains their indexes), then the record. @since 0.1.0 */
export const siteFields = ["publicKey", "secretKeyId", "ownerAccountId", "record"] as const

/** Account rows: the unique email key, then the record. @since 0.1.0 */
export const accountFields = ["emailKey", "record"] as const
