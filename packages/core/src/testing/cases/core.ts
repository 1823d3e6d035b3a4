/**
 * Core's services over the store under test, for the service-level cases: the
 * services that are not stores (billing, metering, tokens…) come from core,
 * in-memory where they keep state of their own (mailer), with fast password
 * hashing. The stores and the event bus come from the layer being tested.
 */
import { Effect, Layer } from "effect"
import * as Plan from "../../domain/Plan.js"
import type { Role } from "../../domain/Role.js"
import type { SiteSettings } from "../../domain/Site.js"
import type { SiteId } from "../../Ids.js"
import * as MemoryMailer from "../../memory/MemoryMailer.js"
import { CommenterStore } from "../../ports/CommenterStore.js"
import * as PaymentProvider from "../../ports/PaymentProvider.js"
import * as SpamChecker from "../../ports/SpamChecker.js"
import * as Actor from "../../services/Actor.js"
import * as Billing from "../../services/Billing.js"
import * as Challenges from "../../services/Challenges.js"
import * as Commenters from "../../services/Commenters.js"
import * as Metering from "../../services/Metering.js"
import * as Passwords from "../../services/Passwords.js"
import * as Sessions from "../../services/Sessions.js"
import * as Sites from "../../services/Sites.js"
import * as Tokens from "../../services/Tokens.js"

const plans = [Plan.unlimited]
const billing = Billing.layer({ plans, defaultPlanId: Plan.unlimited.id })

/** Every non-store service core needs, built over the stores in context. */
export const coreServices = Layer.mergeAll(
  billing,
  Metering.layer({ mode: "selfHosted", plans, defaultPlanId: Plan.unlimited.id }).pipe(
    Layer.provide(billing),
  ),
  Tokens.layer({ secret: "conformance-secret-conformance-secret-0" }),
  Passwords.layer({ ln: 4 }),
  Sessions.layer(),
  Challenges.layer(),
).pipe(
  Layer.provideMerge(
    Layer.mergeAll(PaymentProvider.layerNone, SpamChecker.layerNone, MemoryMailer.layer),
  ),
  Layer.orDie,
)

/** A fresh site through the Sites service (no too-fast check). */
export const site = (settings: Partial<SiteSettings> = {}) =>
  Effect.map(
    Sites.create({ name: "Conformance", settings: { minSubmitMillis: 0, ...settings } }),
    (c) => c.site,
  )

/** A fresh guest commenter with a role, as an actor. */
export const actor = (siteId: SiteId, name: string, role: Role = "user") =>
  Effect.gen(function* () {
    const c = yield* Commenters.guest(siteId, { displayName: name })
    if (role !== "user")
      yield* (yield* CommenterStore).update(siteId, c.id, { role, updatedAt: c.updatedAt })
    return Actor.commenter(siteId, c.id, role) as Extract<Actor.Actor, { _tag: "commenter" }>
  })
