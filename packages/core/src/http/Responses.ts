/**
 * What the HTTP API answers with: the services' results as JSON schemas (also
 * what the OpenAPI document describes).
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { AuditEntry } from "../domain/Audit.js"
import { Ban as BanRecord, BanKind } from "../domain/Ban.js"
import { CommenterOrigin, PublicCommenter } from "../domain/Commenter.js"
import { Notification } from "../domain/Notification.js"
import { Plan } from "../domain/Plan.js"
import { Site, Sort, Theme } from "../domain/Site.js"
import { Invoice, Subscription } from "../domain/Subscription.js"
import { Thread } from "../domain/Thread.js"
import { Usage } from "../domain/Usage.js"
import { VoteDirection } from "../domain/Vote.js"
import { CommenterId, CommentId } from "../Ids.js"
import { CommentView } from "../services/Views.js"

/** Domain schemas the API answers with as they are. @since 0.1.0 @category models */
export { AuditEntry, CommentView, Notification, PublicCommenter, Thread }

/** A ban, as moderators see it. @since 0.1.0 @category models */
export const Ban = BanRecord

/** A site as its owners see it: never the secret key or its hash. @since 0.1.0 @category models */
export const SiteView = Site.pipe(Schema.omit("secretKeyId", "secretKeyHash"))
/** @since 0.1.0 @category models */
export type SiteView = typeof SiteView.Type

/** A page of a thread, or of a comment's replies. @since 0.1.0 @category models */
export const Page = Schema.Struct({
  thread: Schema.NullOr(Thread),
  sort: Sort,
  comments: Schema.Array(CommentView),
  /** Replies loaded inline, in order under each parent. */
  replies: Schema.Array(CommentView),
  /** Continue with `?cursor=`; null at the end. */
  nextCursor: Schema.NullOr(Schema.String),
  /**
   * The site's theme setting, on pages of a thread: what widgets show when
   * the page sets no theme of its own.
   */
  theme: Schema.optional(Theme),
})

/** A list of comments (the moderation queue). @since 0.1.0 @category models */
export const Comments = Schema.Array(CommentView)

/**
 * A commenter's history: who they are (their role among it; null for an id
 * the site does not know), the ban in force (null when none; `until` null
 * while it lasts until lifted; `reason` only for moderators), and their
 * comments, newest first.
 *
 * @since 0.1.0
 * @category models
 */
export const CommenterHistory = Schema.Struct({
  commenter: Schema.NullOr(PublicCommenter),
  ban: Schema.NullOr(
    Schema.Struct({
      kind: BanKind,
      until: Schema.NullOr(Schema.Number),
      reason: Schema.NullOr(Schema.String),
    }),
  ),
  comments: Schema.Array(CommentView),
})

/**
 * A page of moderator search results, newest first.
 *
 * @since 0.1.0
 * @category models
 */
export const SearchResults = Schema.Struct({
  comments: Schema.Array(CommentView),
  /** Continue with `?cursor=`; null at the end. */
  nextCursor: Schema.NullOr(Schema.String),
})

/** A signed-in commenter's session. @since 0.1.0 @category models */
export const SignedIn = Schema.Struct({
  accessToken: Schema.String,
  /** Epoch ms. */
  accessTokenExpiresAt: Schema.Number,
  refreshToken: Schema.String,
  commenter: PublicCommenter,
})

/** What a commenter sees of themself. @since 0.1.0 @category models */
export const Me = Schema.Struct({
  ...PublicCommenter.fields,
  email: Schema.NullOr(Schema.String),
  emailVerified: Schema.Boolean,
  origin: CommenterOrigin,
  ban: Schema.NullOr(Schema.Struct({ kind: BanKind, expiresAt: Schema.NullOr(Schema.Number) })),
})

/** Registered: confirm with the emailed code and this challenge. @since 0.1.0 @category models */
export const Registered = Schema.Struct({
  challengeId: Schema.String,
  commenterId: CommenterId,
})

/** A verification code was sent (if the email is waiting for one). @since 0.1.0 @category models */
export const Challenge = Schema.Struct({ challengeId: Schema.String })

/** The outcome of a vote. @since 0.1.0 @category models */
export const VoteResult = Schema.Struct({
  commentId: CommentId,
  myVote: Schema.NullOr(VoteDirection),
  upvotes: Schema.Int,
  downvotes: Schema.Int,
  score: Schema.Int,
})

/** The outcome of a report. @since 0.1.0 @category models */
export const ReportResult = Schema.Struct({
  reports: Schema.Int,
  /** Whether the report sent the comment back to the moderation queue. */
  queued: Schema.Boolean,
})

/** Comment counts by the thread keys asked for. @since 0.1.0 @category models */
export const Counts = Schema.Record({ key: Schema.String, value: Schema.Int })

/** Rendered Markdown. @since 0.1.0 @category models */
export const Html = Schema.Struct({ html: Schema.String })

/** The signed-in commenter's notifications. @since 0.1.0 @category models */
export const Notifications = Schema.Struct({
  items: Schema.Array(Notification),
  unread: Schema.Int,
})

/** Whether there was a ban to lift. @since 0.1.0 @category models */
export const Unbanned = Schema.Struct({ removed: Schema.Boolean })

/** A new key; a secret key is shown this once. @since 0.1.0 @category models */
export const RotatedKey = Schema.Struct({
  which: Schema.Literal("public", "secret"),
  key: Schema.String,
})

/** One metric of a usage report. @since 0.1.0 @category models */
export const MetricReport = Schema.Struct({
  used: Schema.Number,
  limit: Schema.NullOr(Schema.Number),
  hardLimit: Schema.NullOr(Schema.Number),
  percent: Schema.NullOr(Schema.Number),
  inGrace: Schema.Boolean,
  blocked: Schema.Boolean,
})

/** A month of usage against the plan. @since 0.1.0 @category models */
export const UsageReport = Schema.Struct({
  siteId: Schema.String,
  month: Schema.String,
  plan: Plan,
  usage: Usage,
  metrics: Schema.Struct({
    comments: MetricReport,
    threadLoads: MetricReport,
    activeCommenters: MetricReport,
    apiCalls: MetricReport,
  }),
})

/** The analytics summary: comments per day, top threads, top commenters. @since 0.1.0 @category models */
export const Analytics = Schema.Struct({
  days: Schema.Array(Schema.Struct({ day: Schema.String, comments: Schema.Int, spam: Schema.Int })),
  totals: Schema.Struct({ comments: Schema.Int, spam: Schema.Int }),
  topThreads: Schema.Array(Thread),
  topCommenters: Schema.Array(PublicCommenter),
})

/** A page of the audit log, newest first. @since 0.1.0 @category models */
export const Audit = Schema.Array(AuditEntry)

/** Billing as the owner sees it. @since 0.1.0 @category models */
export const Billing = Schema.Struct({
  enabled: Schema.Boolean,
  plan: Plan,
  plans: Schema.Array(Plan),
  subscription: Schema.NullOr(Subscription),
  invoices: Schema.Array(Invoice),
})

/** `GET /health`. @since 0.1.0 @category models */
export const Health = Schema.Struct({ status: Schema.Literal("ok") })

/** `GET /ready`: every store answered. @since 0.1.0 @category models */
export const Ready = Schema.Struct({
  status: Schema.Literal("ready"),
  checks: Schema.Record({ key: Schema.String, value: Schema.Literal("ok") }),
})
