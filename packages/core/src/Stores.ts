/**
 * Every store port at once: what a store package's `layer` provides.
 *
 * @since 0.1.0
 */
import type { AccountStore } from "./ports/AccountStore.js"
import type { BillingStore } from "./ports/BillingStore.js"
import type { CommenterStore } from "./ports/CommenterStore.js"
import type { CommentStore } from "./ports/CommentStore.js"
import type { EventLog } from "./ports/EventLog.js"
import type { ModerationStore } from "./ports/ModerationStore.js"
import type { NotificationStore } from "./ports/NotificationStore.js"
import type { SessionStore } from "./ports/SessionStore.js"
import type { SiteStore } from "./ports/SiteStore.js"
import type { TeamStore } from "./ports/TeamStore.js"
import type { ThreadStore } from "./ports/ThreadStore.js"
import type { UsageStore } from "./ports/UsageStore.js"
import type { VoteStore } from "./ports/VoteStore.js"
import type { WebhookStore } from "./ports/WebhookStore.js"

/** The union of every store tag. @since 0.1.0 @category models */
export type Stores =
  | SiteStore
  | AccountStore
  | ThreadStore
  | CommentStore
  | VoteStore
  | CommenterStore
  | SessionStore
  | ModerationStore
  | UsageStore
  | BillingStore
  | NotificationStore
  | WebhookStore
  | TeamStore
  | EventLog
