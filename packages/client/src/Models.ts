/**
 * The wire types of the Kommies HTTP API, as plain interfaces: what the server
 * sends and accepts, with no runtime or bundle link to `@kommies/core`. A type
 * test keeps them assignable to and from core's own types.
 *
 * @since 0.1.0
 */

/** How a thread is ordered. @since 0.1.0 @category models */
export type Sort = "new" | "old" | "top" | "hot" | "best"

/** A commenter's role on the site, most powerful first. @since 0.1.0 @category models */
export type Role = "owner" | "admin" | "moderator" | "user" | "anonymous"

/** @since 0.1.0 @category models */
export type CommentStatus = "pending" | "approved" | "rejected" | "spam" | "deleted"

/** @since 0.1.0 @category models */
export type VoteDirection = "up" | "down"

/** Why a comment is reported. @since 0.1.0 @category models */
export type ReportReason = "spam" | "abuse" | "off-topic" | "other"

/** What anybody may see of a commenter. @since 0.1.0 @category models */
export interface PublicCommenter {
  readonly id: string
  readonly displayName: string
  readonly avatarUrl: string | null
  readonly role: Role
  readonly karma: number
}

/**
 * A comment as the viewer sees it. `body` (the Markdown) comes only to its
 * author; a deleted comment (a tombstone holding replies) has no html and no
 * author.
 *
 * @since 0.1.0
 * @category models
 */
export interface CommentView {
  readonly id: string
  readonly threadId: string
  readonly parentId: string | null
  readonly depth: number
  readonly author: PublicCommenter | null
  readonly authorId: string | null
  /** Rendered and sanitized by the server. */
  readonly html: string
  readonly body?: string | undefined
  readonly status: CommentStatus
  /** Posted while shadow-banned: only the author and moderators see it. */
  readonly shadowed: boolean
  readonly upvotes: number
  readonly downvotes: number
  readonly score: number
  readonly replyCount: number
  readonly reportCount: number
  readonly myVote: VoteDirection | null
  /** Epoch ms. */
  readonly createdAt: number
  readonly editedAt: number | null
}

/** A thread: the comments of one page. @since 0.1.0 @category models */
export interface Thread {
  readonly id: string
  readonly siteId: string
  readonly key: string
  readonly url: string | null
  readonly title: string | null
  readonly locked: boolean
  /** Comments anybody can see. */
  readonly commentCount: number
  readonly createdAt: number
  readonly updatedAt: number
}

/**
 * A widget's colour scheme: `auto` follows the reader's system preference.
 *
 * @since 0.1.0
 * @category models
 */
export type Theme = "auto" | "light" | "dark"

/** A page of a thread (or of a comment's replies). @since 0.1.0 @category models */
export interface Page {
  /** Null until the first comment creates the thread. */
  readonly thread: Thread | null
  readonly sort: Sort
  readonly comments: ReadonlyArray<CommentView>
  /** The first replies of each comment of the page, in order under each parent. */
  readonly replies: ReadonlyArray<CommentView>
  readonly nextCursor: string | null
  /** The site's theme setting, on pages of a thread (servers before it send none). */
  readonly theme?: Theme | undefined
}

/** A signed-in commenter's session. @since 0.1.0 @category models */
export interface SignedIn {
  readonly accessToken: string
  /** Epoch ms. */
  readonly accessTokenExpiresAt: number
  readonly refreshToken: string
  readonly commenter: PublicCommenter
}

/** What a commenter sees of themself. @since 0.1.0 @category models */
export interface Me extends PublicCommenter {
  readonly email: string | null
  readonly emailVerified: boolean
  /** `guest`, `password`, `sso` or `oauth:<provider>`. */
  readonly origin: string
  readonly ban: { readonly kind: "normal" | "shadow"; readonly expiresAt: number | null } | null
}

/** The outcome of a vote. @since 0.1.0 @category models */
export interface VoteResult {
  readonly commentId: string
  readonly myVote: VoteDirection | null
  readonly upvotes: number
  readonly downvotes: number
  readonly score: number
}

/** The outcome of a report. @since 0.1.0 @category models */
export interface ReportResult {
  readonly reports: number
  /** Whether the report sent the comment back to the moderation queue. */
  readonly queued: boolean
}

/** A notification: a reply to you, or a mention. @since 0.1.0 @category models */
export interface Notification {
  readonly id: string
  readonly siteId: string
  readonly recipientId: string
  readonly kind: "reply" | "mention"
  readonly commentId: string
  readonly threadId: string
  readonly actorId: string
  readonly read: boolean
  readonly createdAt: number
}

/** The signed-in commenter's notifications. @since 0.1.0 @category models */
export interface Notifications {
  readonly items: ReadonlyArray<Notification>
  readonly unread: number
}

/** What `register` answers: confirm with the emailed code. @since 0.1.0 @category models */
export interface Registered {
  readonly challengeId: string
  readonly commenterId: string
}

/** A ban as moderators see it. @since 0.1.0 @category models */
export interface Ban {
  readonly siteId: string
  readonly commenterId: string
  readonly kind: "normal" | "shadow"
  readonly reason: string | null
  readonly createdBy: string
  readonly createdAt: number
  readonly expiresAt: number | null
}

/**
 * An error body (`application/problem+json`, RFC 9457). Switch on `code`.
 *
 * @since 0.1.0
 * @category models
 */
export interface Problem {
  readonly type: string
  readonly title: string
  readonly status: number
  readonly detail: string
  readonly code: string
  readonly metric?: string | undefined
  readonly limit?: number | undefined
  readonly used?: number | undefined
  /** Seconds, with `rate_limited` (429). */
  readonly retryAfter?: number | undefined
}

/** `POST /threads/{key}/comments`. @since 0.1.0 @category payloads */
export interface NewComment {
  readonly body: string
  readonly parentId?: string | null | undefined
  /** The form's hidden field: leave it empty. */
  readonly honeypot?: string | null | undefined
  /** Milliseconds the form was open before submitting (spam heuristic). */
  readonly elapsedMs?: number | null | undefined
  /** The page's canonical URL and title, stored with a new thread. */
  readonly url?: string | null | undefined
  readonly title?: string | null | undefined
}

/** Query of a thread page. @since 0.1.0 @category payloads */
export interface PageQuery {
  /** Default: the site's default sort (the answer says which). */
  readonly sort?: Sort | undefined
  readonly cursor?: string | null | undefined
  /** 1–100, server default 20. */
  readonly limit?: number | undefined
  /** Replies loaded inline under each top-level comment, 0–10, server default 3. */
  readonly replies?: number | undefined
}
