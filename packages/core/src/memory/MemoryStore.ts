/**
 * The memory store: every store port of Kommies over one shared in-process state.
 * A full implementation (it runs the conformance suite), for tests, examples and
 * single-process setups that need no persistence.
 *
 * @since 0.1.0
 */
import { Context, Effect, Layer } from "effect"
import { AccountStore } from "../ports/AccountStore.js"
import { BillingStore } from "../ports/BillingStore.js"
import { CommenterStore } from "../ports/CommenterStore.js"
import { CommentStore } from "../ports/CommentStore.js"
import { EventLog } from "../ports/EventLog.js"
import { ModerationStore } from "../ports/ModerationStore.js"
import { NotificationStore } from "../ports/NotificationStore.js"
import { SessionStore } from "../ports/SessionStore.js"
import { SiteStore } from "../ports/SiteStore.js"
import { TeamStore } from "../ports/TeamStore.js"
import { ThreadStore } from "../ports/ThreadStore.js"
import { UsageStore } from "../ports/UsageStore.js"
import { VoteStore } from "../ports/VoteStore.js"
import { WebhookStore } from "../ports/WebhookStore.js"
import type { Stores } from "../Stores.js"
import * as Accounts from "./Accounts.js"
import * as Billing from "./Billing.js"
import * as Commenters from "./Commenters.js"
import * as Comments from "./Comments.js"
import * as Events from "./Events.js"
import * as Moderation from "./Moderation.js"
import * as Notifications from "./Notifications.js"
import * as Sessions from "./Sessions.js"
import * as Sites from "./Sites.js"
import * as State from "./State.js"
import * as Team from "./Team.js"
import * as Threads from "./Threads.js"
import * as Usage from "./Usage.js"
import * as Votes from "./Votes.js"
import * as Webhooks from "./Webhooks.js"

/**
 * Every store port over one fresh, empty state, as a Context.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import { Effect } from "effect"
 * import { MemoryStore } from "@kommies/core/memory"
 *
 * const program = Effect.gen(function* () {
 *   const stores = yield* MemoryStore.make
 *   // hand `stores` to Effect.provide, or pick a tag with Context.get
 * })
 */
export const make: Effect.Effect<Context.Context<Stores>> = Effect.sync(() => {
  const state = State.make()
  return Context.empty().pipe(
    Context.add(SiteStore, Sites.make(state)),
    Context.add(AccountStore, Accounts.make(state)),
    Context.add(ThreadStore, Threads.make(state)),
    Context.add(CommentStore, Comments.make(state)),
    Context.add(VoteStore, Votes.make(state)),
    Context.add(CommenterStore, Commenters.make(state)),
    Context.add(SessionStore, Sessions.make(state)),
    Context.add(ModerationStore, Moderation.make(state)),
    Context.add(UsageStore, Usage.make(state)),
    Context.add(BillingStore, Billing.make(state)),
    Context.add(NotificationStore, Notifications.make(state)),
    Context.add(WebhookStore, Webhooks.make(state)),
    Context.add(TeamStore, Team.make(state)),
    Context.add(EventLog, Events.make(state)),
  )
})

/**
 * Provides every store port from one shared state. Each build of the layer
 * starts empty, so two `Effect.provide(MemoryStore.layer)` calls never share
 * data, while one layer graph shares it between every port.
 *
 * @since 0.1.0
 * @category layers
 * @example
 * import { Effect, Option } from "effect"
 * import { ThreadStore } from "@kommies/core"
 * import { MemoryStore } from "@kommies/core/memory"
 *
 * const program = Effect.gen(function* () {
 *   const threads = yield* ThreadStore.ThreadStore
 *   return yield* threads.getByKey(siteId, "/post/1")
 * }).pipe(Effect.provide(MemoryStore.layer))
 */
export const layer: Layer.Layer<Stores> = Layer.effectContext(make)
