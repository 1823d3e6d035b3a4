/**
 * Every case group of the store conformance suite, in the order they run.
 */
import type { Group } from "./case.js"
import { billing } from "./billing.js"
import { commenters } from "./commenters.js"
import { commentLists } from "./commentLists.js"
import { commentPages } from "./commentPages.js"
import { comments } from "./comments.js"
import { eventBus, eventLog } from "./events.js"
import { isolation } from "./isolation.js"
import { moderation } from "./moderation.js"
import { notifications } from "./notifications.js"
import { portability } from "./portability.js"
import { search } from "./search.js"
import { services } from "./services.js"
import { sessions } from "./sessions.js"
import { accounts, sites } from "./sites.js"
import { team } from "./team.js"
import { threads } from "./threads.js"
import { usage } from "./usage.js"
import { votes } from "./votes.js"
import { webhooks } from "./webhooks.js"

/** Port groups first, then tenant isolation across them, then service-level cases. */
export const groups: ReadonlyArray<Group> = [
  sites,
  accounts,
  threads,
  comments,
  commentLists,
  commentPages,
  search,
  votes,
  commenters,
  sessions,
  moderation,
  usage,
  billing,
  notifications,
  webhooks,
  team,
  eventLog,
  eventBus,
  isolation,
  services,
  portability,
]
