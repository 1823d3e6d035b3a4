/**
 * Kommies in one call: every service over the stores you choose, as a Layer
 * for Effect users and as plain promises for everybody else.
 *
 * @since 0.1.0
 */
import { Cause, Effect, Exit, Layer, ManagedRuntime } from "effect"
import type { Role } from "./domain/Role.js"
import * as Plan from "./domain/Plan.js"
import type { CommenterId, SiteId } from "./Ids.js"
import * as MemoryEventBus from "./memory/MemoryEventBus.js"
import * as MemoryMailer from "./memory/MemoryMailer.js"
import * as MemoryRateLimiter from "./memory/MemoryRateLimiter.js"
import * as MemoryStore from "./memory/MemoryStore.js"
import type { EventBus } from "./ports/EventBus.js"
import type { Mailer } from "./ports/Mailer.js"
import * as PaymentProvider from "./ports/PaymentProvider.js"
import type { RateLimiter } from "./ports/RateLimiter.js"
import * as SpamChecker from "./ports/SpamChecker.js"
import * as Accounts from "./services/Accounts.js"
import * as Actor from "./services/Actor.js"
import * as Analytics from "./services/Analytics.js"
import * as Audit from "./services/Audit.js"
import * as Billing from "./services/Billing.js"
import * as Challenges from "./services/Challenges.js"
import * as CommenterAuth from "./services/CommenterAuth.js"
import * as Commenters from "./services/Commenters.js"
import * as Comments from "./services/Comments.js"
import * as Listing from "./services/Listing.js"
import * as Metering from "./services/Metering.js"
import * as Moderation from "./services/Moderation.js"
import * as Notifications from "./services/Notifications.js"
import * as Passwords from "./services/Passwords.js"
import * as Portability from "./services/Portability.js"
import * as Sessions from "./services/Sessions.js"
import * as SiteBilling from "./services/SiteBilling.js"
import * as Sites from "./services/Sites.js"
import * as Team from "./services/Team.js"
import * as Threads from "./services/Threads.js"
import * as Tokens from "./services/Tokens.js"
import * as Votes from "./services/Votes.js"
import * as Webhooks from "./services/Webhooks.js"
import * as WebhookSender from "./ports/WebhookSender.js"
import type { Stores } from "./Stores.js"

/** Every service a Kommies Layer provides. @since 0.1.0 @category models */
export type Services =
  | Stores
  | EventBus
  | RateLimiter
  | Mailer
  | SpamChecker.SpamChecker
  | PaymentProvider.PaymentProvider
  | Billing.Billing
  | Metering.Metering
  | Tokens.Tokens
  | Passwords.Passwords
  | Sessions.Sessions
  | Challenges.Challenges
  | Webhooks.Webhooks
  | WebhookSender.WebhookSender

/**
 * Options of `layer` and `make`. Everything has a default that works in a
 * test or on a laptop: memory stores, no billing, unlimited plans.
 *
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /** Every store port plus the EventBus. Default: memory. */
  readonly stores?: Layer.Layer<Stores | EventBus, unknown>
  /** `selfHosted` (default): no limits. `saas`: plans and billing apply. */
  readonly mode?: "selfHosted" | "saas"
  /** Plans offered in `saas` mode. Default: one unlimited plan. */
  readonly plans?: ReadonlyArray<Plan.Plan>
  /** The plan of sites without a subscription. Default: the first plan. */
  readonly defaultPlanId?: string
  /** Token keys. Required outside tests: a 32-byte `secret` at least. */
  readonly tokens?: Tokens.TokensConfig
  readonly passwords?: Passwords.PasswordsConfig
  readonly sessions?: Sessions.SessionsConfig
  readonly challenges?: Challenges.ChallengesConfig
  /** Default: an in-memory mailer (emails are kept, not sent). */
  readonly mailer?: Layer.Layer<Mailer, unknown>
  /** Default: memory (per process). */
  readonly rateLimiter?: Layer.Layer<RateLimiter, unknown>
  /** Default: no outside opinion. */
  readonly spamChecker?: Layer.Layer<SpamChecker.SpamChecker, unknown>
  /** Default: none (billing off). */
  readonly paymentProvider?: Layer.Layer<PaymentProvider.PaymentProvider, unknown>
  /** Default: secrets encrypted under a key derived from `tokens.secret`. */
  readonly webhooks?: Webhooks.WebhooksConfig
  /** Default: the platform's fetch. */
  readonly webhookSender?: Layer.Layer<WebhookSender.WebhookSender, unknown>
}

const randomSecret = () => {
  const bytes = new Uint8Array(32)
  globalThis.crypto.getRandomValues(bytes)
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")
}

/**
 * Every Kommies service as one Layer.
 *
 * @since 0.1.0
 * @category layers
 * @example
 * const KommiesLive = Kommies.layer({ tokens: { secret: process.env.KOMMIES_SECRET! } })
 * program.pipe(Effect.provide(KommiesLive))
 */
export const layer = (options: Options = {}): Layer.Layer<Services, unknown> => {
  const mode = options.mode ?? "selfHosted"
  const plans = options.plans && options.plans.length > 0 ? options.plans : [Plan.unlimited]
  const defaultPlanId = options.defaultPlanId ?? plans[0]!.id
  const stores = options.stores ?? Layer.merge(MemoryStore.layer, MemoryEventBus.layer)
  const mailer = options.mailer ?? MemoryMailer.layer
  const base = Layer.mergeAll(
    stores,
    mailer,
    options.rateLimiter ?? MemoryRateLimiter.layer,
    options.spamChecker ?? SpamChecker.layerNone,
    options.paymentProvider ?? PaymentProvider.layerNone,
    options.webhookSender ?? WebhookSender.layerFetch(),
  )
  const tokens = options.tokens ?? { secret: randomSecret() }
  const tokenSecret = typeof tokens.secret === "string" ? tokens.secret : null
  const billing = Billing.layer({ plans, defaultPlanId })
  const metering = Metering.layer({ mode, plans, defaultPlanId }).pipe(Layer.provide(billing))
  const services = Layer.mergeAll(
    billing,
    metering,
    Tokens.layer(tokens),
    Webhooks.layer(options.webhooks ?? { encryptionKey: tokenSecret ?? randomSecret() }),
    Passwords.layer(options.passwords),
    Sessions.layer(options.sessions),
    Challenges.layer(options.challenges),
  )
  return Layer.provideMerge(services, base)
}

const actorFor = (siteId: SiteId, commenterId: CommenterId, role: Role) =>
  Actor.commenter(siteId, commenterId, role)

/**
 * Builds the Promise facade: the services as async functions, for code that
 * does not use Effect. A failed call rejects with the service's typed error
 * (`_tag`, `code`, `message`). Call `dispose()` on shutdown.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * const kommies = Kommies.make()
 * const { site } = await kommies.sites.create({ name: "Blog" })
 * const alice = await kommies.commenters.guest(site.id, { displayName: "Alice" })
 * const asAlice = await kommies.actors.commenter(site.id, alice.id)
 * await kommies.comments.create(asAlice, { threadKey: "/post/1", body: "First!" })
 */
export const make = (options: Options = {}) => {
  const runtime = ManagedRuntime.make(layer(options))
  // Rejects with the typed error itself (it has `_tag` and `code`), not a
  // FiberFailure wrapper, so callers can switch on it without Effect.
  const run = <A, E>(effect: Effect.Effect<A, E, Services>): Promise<A> =>
    runtime
      .runPromiseExit(effect)
      .then((exit) =>
        Exit.isSuccess(exit) ? exit.value : Promise.reject(Cause.squash(exit.cause)),
      )
  type Fn = (...args: never) => Effect.Effect<unknown, unknown, Services>
  const wrap =
    <F extends Fn>(fn: F) =>
    (...args: Parameters<F>): Promise<Effect.Effect.Success<ReturnType<F>>> =>
      run(
        (
          fn as unknown as (
            ...a: Parameters<F>
          ) => Effect.Effect<Effect.Effect.Success<ReturnType<F>>, unknown, Services>
        )(...args),
      )

  return {
    /** The runtime behind the facade, for running your own Effects against the same services. */
    runtime,
    /** Runs an Effect that needs Kommies services. */
    run,
    /** Ways to say who is acting. */
    actors: {
      anonymous: Actor.anonymous,
      secretKey: Actor.secretKey,
      system: Actor.system,
      /** A commenter acting with the role they hold on the site. */
      commenter: (siteId: SiteId, commenterId: CommenterId) =>
        run(Effect.map(Commenters.get(siteId, commenterId), (c) => actorFor(siteId, c.id, c.role))),
    },
    /** Dashboard accounts: the people who own sites. */
    accounts: {
      signUp: wrap(Accounts.signUp),
      verify: wrap(Accounts.verify),
      resendVerification: wrap(Accounts.resendVerification),
      login: wrap(Accounts.login),
      refresh: wrap(Accounts.refresh),
      logout: wrap(Accounts.logout),
      requestReset: wrap(Accounts.requestReset),
      resetPassword: wrap(Accounts.resetPassword),
      fromToken: wrap(Accounts.fromToken),
      sites: wrap(Accounts.sites),
      /** Every site the account owns or is on the team of, with its role there. */
      memberships: wrap(Accounts.memberships),
      actorOn: wrap(Accounts.actorOn),
    },
    /** A site's team: invitations by email, roles, removal. */
    team: {
      list: wrap(Team.list),
      invite: wrap(Team.invite),
      revokeInvitation: wrap(Team.revokeInvitation),
      accept: wrap(Team.accept),
      setRole: wrap(Team.setRole),
      remove: wrap(Team.remove),
    },
    sites: {
      create: wrap(Sites.create),
      get: wrap(Sites.get),
      byPublicKey: wrap(Sites.byPublicKey),
      bySecretKey: wrap(Sites.bySecretKey),
      rotateKey: wrap(Sites.rotateKey),
      updateSettings: wrap(Sites.updateSettings),
      updateDetails: wrap(Sites.updateDetails),
      /** Makes an account the owner of a site that has none: true when this call won. */
      claimOwner: wrap(Sites.claimOwner),
    },
    /** Commenter sign-in: every way ends in an access token and a rotating refresh token. */
    auth: {
      guest: wrap(CommenterAuth.guest),
      register: wrap(CommenterAuth.register),
      resendCode: wrap(CommenterAuth.resendCode),
      verifyEmail: wrap(CommenterAuth.verifyEmail),
      login: wrap(CommenterAuth.login),
      sso: wrap(CommenterAuth.sso),
      identify: wrap(CommenterAuth.identify),
      refresh: wrap(CommenterAuth.refresh),
      logout: wrap(CommenterAuth.logout),
      actorFromToken: wrap(CommenterAuth.actorFromToken),
      me: wrap(CommenterAuth.me),
    },
    commenters: {
      guest: wrap(Commenters.guest),
      fromExternal: wrap(Commenters.fromExternal),
      get: wrap(Commenters.get),
      setRole: wrap(Commenters.setRole),
    },
    threads: {
      counts: wrap(Threads.counts),
      setLocked: wrap(Threads.setLocked),
    },
    comments: {
      create: wrap(Comments.create),
      edit: wrap(Comments.edit),
      remove: wrap(Comments.remove),
      get: wrap(Comments.get),
      list: wrap(Listing.thread),
      replies: wrap(Listing.replies),
    },
    votes: {
      vote: wrap(Votes.vote),
    },
    moderation: {
      queue: wrap(Moderation.queue),
      /** Search the site's comments by words of the body or the author's name. */
      search: wrap(Moderation.search),
      approve: wrap(Moderation.approve),
      reject: wrap(Moderation.reject),
      markSpam: wrap(Moderation.markSpam),
      report: wrap(Moderation.report),
      ban: wrap(Moderation.ban),
      unban: wrap(Moderation.unban),
      bans: wrap(Moderation.bans),
      history: wrap(Moderation.history),
      audit: wrap(Audit.list),
    },
    /** Site export and import as one versioned JSON document (owners). */
    portability: {
      export: wrap(Portability.exportSite),
      import: wrap(Portability.importSite),
    },
    analytics: {
      summary: wrap(Analytics.summary),
      usage: wrap(Analytics.usage),
    },
    billing: {
      overview: wrap(SiteBilling.overview),
      checkout: wrap(SiteBilling.checkout),
      portal: wrap(SiteBilling.portal),
      /** Applies a payment provider's webhook (raw body and signature header). */
      webhook: (rawBody: string, signature: string) =>
        run(Effect.flatMap(Billing.Billing, (b) => b.webhook(rawBody, signature))),
    },
    webhooks: {
      create: (...args: Parameters<Webhooks.WebhooksShape["create"]>) =>
        run(Effect.flatMap(Webhooks.Webhooks, (w) => w.create(...args))),
      list: (...args: Parameters<Webhooks.WebhooksShape["list"]>) =>
        run(Effect.flatMap(Webhooks.Webhooks, (w) => w.list(...args))),
      update: (...args: Parameters<Webhooks.WebhooksShape["update"]>) =>
        run(Effect.flatMap(Webhooks.Webhooks, (w) => w.update(...args))),
      remove: (...args: Parameters<Webhooks.WebhooksShape["remove"]>) =>
        run(Effect.flatMap(Webhooks.Webhooks, (w) => w.remove(...args))),
      rotateSecret: (...args: Parameters<Webhooks.WebhooksShape["rotateSecret"]>) =>
        run(Effect.flatMap(Webhooks.Webhooks, (w) => w.rotateSecret(...args))),
      deliveries: (...args: Parameters<Webhooks.WebhooksShape["deliveries"]>) =>
        run(Effect.flatMap(Webhooks.Webhooks, (w) => w.deliveries(...args))),
      /** Sends due deliveries; call it from a timer or job. */
      deliverDue: (limit?: number) =>
        run(Effect.flatMap(Webhooks.Webhooks, (w) => w.deliverDue(limit))),
    },
    notifications: {
      list: wrap(Notifications.list),
      markRead: wrap(Notifications.markRead),
      deliverOutbox: wrap(Notifications.deliverOutbox),
    },
    /** Stops the runtime and releases every resource (connections, subscriptions). */
    dispose: () => runtime.dispose(),
  }
}

/** The Promise facade's type. @since 0.1.0 @category models */
export type Kommies = ReturnType<typeof make>
