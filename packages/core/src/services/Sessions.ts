/**
 * Refresh tokens kept as sessions on the SessionStore port, rotated on every use.
 *
 * A refresh token is `<sessionId>.<secret>`; only the SHA-256 of the secret is stored.
 * Rotating marks the session rotated (atomically, in the store) and issues a new one in
 * the same family. Presenting a rotated token again means it was copied: the whole
 * family is revoked, so the thief's and the owner's newest tokens both stop working.
 *
 * @since 0.1.0
 */
import { Clock, Context, Duration, Effect, Layer, Option } from "effect"
import type { Session, SessionSubject } from "../domain/Session.js"
import { type StoreError, type Unauthorized, unauthorized } from "../Errors.js"
import * as Ids from "../Ids.js"
import type { SessionId, SiteId } from "../Ids.js"
import { constantTimeEqual, sha256Hex } from "../internal/crypto.js"
import { SessionStore } from "../ports/SessionStore.js"

/** Lifetime of refresh tokens. @since 0.1.0 @category models */
export interface SessionsConfig {
  /** How long a refresh token lives; each rotation starts a new one. Default 30 days. */
  readonly ttl?: Duration.DurationInput
}

/** The outcome of a rotation: the new refresh token and its session. @since 0.1.0 @category models */
export interface Rotated {
  readonly token: string
  readonly session: Session
}

/** What the Sessions service does. @since 0.1.0 @category models */
export interface SessionsShape {
  /** Starts a new family and returns its first refresh token. `siteId` is null for dashboard accounts. */
  readonly issue: (
    subject: SessionSubject,
    siteId: SiteId | null,
  ) => Effect.Effect<string, StoreError>
  /**
   * Exchanges a refresh token for a new one. Fails with Unauthorized `refresh_invalid`
   * (unknown or malformed), `refresh_expired`, `refresh_revoked`, `refresh_reused` (a
   * rotated token presented again: the family is revoked) or `refresh_conflict` (another
   * request rotated the same token at the same moment and won; nothing is revoked).
   */
  readonly rotate: (token: string) => Effect.Effect<Rotated, Unauthorized | StoreError>
  /** Signs out this device: revokes the token's family. Unknown tokens are ignored. */
  readonly revoke: (token: string) => Effect.Effect<void, StoreError>
  /** Signs out everywhere: revokes every session of the subject. */
  readonly revokeAll: (subject: SessionSubject) => Effect.Effect<void, StoreError>
}

/** Issues, rotates and revokes refresh tokens. @since 0.1.0 @category tags */
export class Sessions extends Context.Tag("@kommies/core/Sessions")<Sessions, SessionsShape>() {}

const SECRET_BYTES = 32
const MAX_TOKEN_LENGTH = 256

const parse = (token: string): { readonly id: SessionId; readonly secret: string } | null => {
  if (token.length > MAX_TOKEN_LENGTH) return null
  const dot = token.indexOf(".")
  if (dot <= 0 || dot === token.length - 1 || token.indexOf(".", dot + 1) !== -1) return null
  return { id: token.slice(0, dot) as SessionId, secret: token.slice(dot + 1) }
}

/**
 * Builds the Sessions service over the SessionStore in context.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * const sessions = yield* Sessions.make({ ttl: "30 days" })
 * const refresh = yield* sessions.issue(`commenter:${commenterId}`, siteId)
 * const { token, session } = yield* sessions.rotate(refresh)
 */
export const make = (
  config: SessionsConfig = {},
): Effect.Effect<SessionsShape, never, SessionStore> =>
  Effect.gen(function* () {
    const store = yield* SessionStore
    const ttl = Duration.toMillis(config.ttl ?? Duration.days(30))

    const create = (
      subject: SessionSubject,
      siteId: SiteId | null,
      familyId: string,
      now: number,
    ) =>
      Effect.gen(function* () {
        const id = yield* Ids.make<"SessionId">()
        const secret = yield* Ids.secureToken(SECRET_BYTES)
        const session: Session = {
          id,
          familyId,
          siteId,
          subject,
          tokenHash: sha256Hex(secret),
          createdAt: now,
          expiresAt: now + ttl,
          rotatedAt: null,
          revokedAt: null,
        }
        yield* store.insert(session)
        return { token: `${id}.${secret}`, session }
      })

    // The session a token names, only if the token's secret matches its hash: an
    // attacker who knows a session id but not its secret can neither use nor revoke it.
    const find = (token: string) =>
      Effect.gen(function* () {
        const parsed = parse(token)
        if (parsed === null) return null
        const found = yield* store.get(parsed.id)
        if (Option.isNone(found)) return null
        return constantTimeEqual(sha256Hex(parsed.secret), found.value.tokenHash)
          ? found.value
          : null
      })

    const issue = (subject: SessionSubject, siteId: SiteId | null) =>
      Effect.gen(function* () {
        const now = yield* Clock.currentTimeMillis
        const familyId = yield* Ids.uuidv7
        return (yield* create(subject, siteId, familyId, now)).token
      })

    const rotate = (token: string) =>
      Effect.gen(function* () {
        const session = yield* find(token)
        if (session === null) {
          return yield* unauthorized("refresh_invalid", "The refresh token is not valid")
        }
        const now = yield* Clock.currentTimeMillis
        if (session.revokedAt !== null) {
          return yield* unauthorized("refresh_revoked", "The session has been signed out")
        }
        if (session.rotatedAt !== null) {
          yield* store.revokeFamily(session.familyId, now)
          yield* Effect.logWarning("Refresh token reused; session family revoked").pipe(
            Effect.annotateLogs({ familyId: session.familyId, subject: session.subject }),
          )
          return yield* unauthorized("refresh_reused", "The refresh token was already used")
        }
        if (session.expiresAt <= now) {
          return yield* unauthorized("refresh_expired", "The session has expired")
        }
        const won = yield* store.markRotated(session.id, now)
        if (!won) {
          return yield* unauthorized(
            "refresh_conflict",
            "The refresh token was rotated by another request at the same time",
          )
        }
        return yield* create(session.subject, session.siteId, session.familyId, now)
      })

    const revoke = (token: string) =>
      Effect.gen(function* () {
        const session = yield* find(token)
        if (session === null) return
        yield* store.revokeFamily(session.familyId, yield* Clock.currentTimeMillis)
      })

    const revokeAll = (subject: SessionSubject) =>
      Effect.flatMap(Clock.currentTimeMillis, (now) => store.revokeSubject(subject, now))

    return Sessions.of({ issue, rotate, revoke, revokeAll })
  })

/**
 * The Sessions service as a Layer over a SessionStore.
 *
 * @since 0.1.0
 * @category layers
 * @example
 * const SessionsLive = Sessions.layer({ ttl: "30 days" }).pipe(Layer.provide(MemoryStore.layer))
 */
export const layer = (config: SessionsConfig = {}): Layer.Layer<Sessions, never, SessionStore> =>
  Layer.effect(Sessions, make(config))
