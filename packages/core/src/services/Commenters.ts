/**
 * Commenters: guests, people the host app vouches for (SSO), OAuth users,
 * and their roles on the site.
 *
 * @since 0.1.0
 */
import { Clock, Effect, Option } from "effect"
import type { Commenter, CommenterOrigin } from "../domain/Commenter.js"
import { siteThread } from "../domain/Event.js"
import { type Role, atLeast, outranks } from "../domain/Role.js"
import {
  type Conflict,
  Forbidden,
  InvalidInput,
  NotFound,
  type StoreError,
  type Unauthorized,
} from "../Errors.js"
import { type CommenterId, type SiteId, uuidv7 } from "../Ids.js"
import { CommenterStore } from "../ports/CommenterStore.js"
import type { EventBus } from "../ports/EventBus.js"
import type { EventLog } from "../ports/EventLog.js"
import type { ModerationStore } from "../ports/ModerationStore.js"
import type { SiteStore } from "../ports/SiteStore.js"
import { type Actor, roleOf } from "./Actor.js"
import * as Audit from "./Audit.js"
import { emit } from "./Events.js"
import { authorize } from "./Permissions.js"
import * as Sites from "./Sites.js"

// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const controlChars = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/

/** A display name: 1–80 characters, no control or bidi-override characters. @since 0.1.0 @category rules */
export const validName = (name: string): Effect.Effect<string, InvalidInput> => {
  const trimmed = name.normalize("NFC").trim().replace(/\s+/g, " ")
  return trimmed.length === 0 || trimmed.length > 80 || controlChars.test(trimmed)
    ? Effect.fail(
        new InvalidInput({
          code: "name_invalid",
          message: "A name has 1 to 80 printable characters",
        }),
      )
    : Effect.succeed(trimmed)
}

/** An email address, lower-cased; deliberately loose (the code we send proves it). @since 0.1.0 @category rules */
export const validEmail = (email: string): Effect.Effect<string, InvalidInput> => {
  const trimmed = email.trim().toLowerCase()
  return trimmed.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(trimmed)
    ? Effect.fail(new InvalidInput({ code: "email_invalid", message: "Not an email address" }))
    : Effect.succeed(trimmed)
}

/** An avatar URL: https only (or null). @since 0.1.0 @category rules */
export const validAvatar = (
  url: string | null | undefined,
): Effect.Effect<string | null, InvalidInput> => {
  if (url === null || url === undefined || url === "") return Effect.succeed(null)
  try {
    const parsed = new URL(url)
    if (parsed.protocol === "https:" && url.length <= 2048) return Effect.succeed(parsed.href)
  } catch {}
  return Effect.fail(
    new InvalidInput({ code: "avatar_invalid", message: "An avatar is an https URL" }),
  )
}

const build = (
  siteId: SiteId,
  origin: CommenterOrigin,
  fields: Partial<Commenter> & { readonly displayName: string },
) =>
  Effect.gen(function* () {
    const now = yield* Clock.currentTimeMillis
    const commenter: Commenter = {
      id: (yield* uuidv7) as CommenterId,
      siteId,
      avatarUrl: null,
      email: null,
      emailVerified: false,
      externalId: null,
      passwordHash: null,
      role: "user",
      karma: 0,
      trusted: false,
      createdAt: now,
      updatedAt: now,
      ...fields,
      origin,
    }
    return commenter
  })

/**
 * A guest commenter (name, optional email), when the site allows guests.
 *
 * @since 0.1.0
 * @category constructors
 */
export const guest = (
  siteId: SiteId,
  input: { readonly displayName: string; readonly email?: string | null },
): Effect.Effect<
  Commenter,
  InvalidInput | Forbidden | NotFound | Conflict | StoreError,
  SiteStore | CommenterStore
> =>
  Effect.gen(function* () {
    const site = yield* Sites.get(siteId)
    if (!site.settings.guestComments)
      return yield* new Forbidden({
        code: "guests_disabled",
        message: "This site does not take guest comments",
      })
    const displayName = yield* validName(input.displayName)
    const email = input.email ? yield* validEmail(input.email) : null
    const commenter = yield* build(siteId, "guest", { displayName, email })
    yield* (yield* CommenterStore).insert(commenter)
    return commenter
  })

/**
 * The commenter an outside identity (host SSO or OAuth) maps to, created on
 * first sight and refreshed (name, email, avatar) on later ones.
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromExternal = (
  siteId: SiteId,
  origin: "sso" | `oauth:${string}`,
  identity: {
    readonly externalId: string
    readonly displayName: string
    readonly email?: string | null
    /** Whether the identity provider vouches for the email. Default: true when an email is given. */
    readonly emailVerified?: boolean
    readonly avatarUrl?: string | null
  },
): Effect.Effect<
  Commenter,
  InvalidInput | NotFound | Conflict | StoreError,
  SiteStore | CommenterStore
> =>
  Effect.gen(function* () {
    yield* Sites.get(siteId)
    if (identity.externalId.length === 0 || identity.externalId.length > 256)
      return yield* new InvalidInput({
        code: "external_id_invalid",
        message: "An external id has 1 to 256 characters",
      })
    const displayName = yield* validName(identity.displayName)
    const email = identity.email ? yield* validEmail(identity.email) : null
    const avatarUrl = yield* validAvatar(identity.avatarUrl)
    const emailVerified = email !== null && (identity.emailVerified ?? true)
    const store = yield* CommenterStore
    const existing = yield* store.getByExternalId(siteId, origin, identity.externalId)
    if (Option.isSome(existing)) {
      const c = existing.value
      if (
        c.displayName === displayName &&
        c.email === email &&
        c.avatarUrl === avatarUrl &&
        c.emailVerified === emailVerified
      )
        return c
      const updated = yield* store.update(siteId, c.id, {
        displayName,
        email,
        emailVerified,
        avatarUrl,
        updatedAt: yield* Clock.currentTimeMillis,
      })
      return Option.getOrElse(updated, () => c)
    }
    const commenter = yield* build(siteId, origin, {
      displayName,
      email,
      emailVerified,
      avatarUrl,
      externalId: identity.externalId,
    })
    yield* store.insert(commenter).pipe(
      // Two first sign-ins racing: the loser reads the winner's record.
      Effect.catchTag("Conflict", (conflict) =>
        store
          .getByExternalId(siteId, origin, identity.externalId)
          .pipe(
            Effect.flatMap(
              Option.match({ onNone: () => Effect.fail(conflict), onSome: Effect.succeed }),
            ),
          ),
      ),
    )
    return Option.getOrElse(
      yield* store.getByExternalId(siteId, origin, identity.externalId),
      () => commenter,
    )
  })

/** A commenter of the site, or NotFound `commenter_not_found`. @since 0.1.0 @category getters */
export const get = (
  siteId: SiteId,
  id: CommenterId,
): Effect.Effect<Commenter, NotFound | StoreError, CommenterStore> =>
  Effect.flatMap(CommenterStore, (store) => store.get(siteId, id)).pipe(
    Effect.flatMap(
      Option.match({
        onNone: () =>
          Effect.fail(new NotFound({ code: "commenter_not_found", message: "No such commenter" })),
        onSome: Effect.succeed,
      }),
    ),
  )

/**
 * Gives a commenter a role. Nobody grants a role above their own, nobody
 * changes the role of someone who outranks or equals them (owners excepted),
 * and `owner` is granted only by an owner.
 *
 * @since 0.1.0
 * @category roles
 */
export const setRole = (
  actor: Actor,
  commenterId: CommenterId,
  role: Role,
): Effect.Effect<
  Commenter,
  Forbidden | Unauthorized | NotFound | StoreError,
  CommenterStore | ModerationStore | EventLog | EventBus
> =>
  Effect.gen(function* () {
    yield* authorize(actor, "commenter.setRole")
    const mine = roleOf(actor)
    const target = yield* get(actor.siteId, commenterId)
    const isOwner = mine === "owner"
    if (role === "anonymous")
      return yield* new Forbidden({
        code: "role_invalid",
        message: "anonymous is not a role one can hold",
      })
    if (!isOwner && (atLeast(role, mine) || !outranks(mine, target.role)))
      return yield* new Forbidden({
        code: "role_forbidden",
        message: "You cannot grant that role to that commenter",
      })
    const store = yield* CommenterStore
    const updated = yield* store.update(actor.siteId, commenterId, {
      role,
      updatedAt: yield* Clock.currentTimeMillis,
    })
    yield* Audit.record(actor, "commenter.role", `commenter:${commenterId}`, {
      from: target.role,
      to: role,
    })
    yield* emit(actor.siteId, siteThread, "commenter.role", { commenterId, role })
    return Option.getOrElse(updated, () => ({ ...target, role }))
  })
