/**
 * Port: refresh-token sessions and one-time email challenges.
 *
 * @since 0.1.0
 */
import { Context, type Effect, type Option } from "effect"
import type { Challenge, Session } from "../domain/Session.js"
import type { StoreError } from "../Errors.js"
import type { SessionId } from "../Ids.js"

/** @since 0.1.0 @category ports */
export interface SessionStoreShape {
  readonly insert: (session: Session) => Effect.Effect<void, StoreError>
  readonly get: (id: SessionId) => Effect.Effect<Option.Option<Session>, StoreError>
  /**
   * Marks the session rotated at `at` if it is neither rotated nor revoked, and
   * says whether it did. Atomic: of two racing rotations exactly one wins.
   */
  readonly markRotated: (id: SessionId, at: number) => Effect.Effect<boolean, StoreError>
  readonly revoke: (id: SessionId, at: number) => Effect.Effect<void, StoreError>
  /** Revokes every session of the family (refresh-token reuse). */
  readonly revokeFamily: (familyId: string, at: number) => Effect.Effect<void, StoreError>
  /** Revokes every session of a subject (sign out everywhere, ban). */
  readonly revokeSubject: (subject: string, at: number) => Effect.Effect<void, StoreError>
  readonly insertChallenge: (challenge: Challenge) => Effect.Effect<void, StoreError>
  readonly getChallenge: (id: string) => Effect.Effect<Option.Option<Challenge>, StoreError>
  /** Adds one attempt and returns the new count. */
  readonly addChallengeAttempt: (id: string) => Effect.Effect<number, StoreError>
  /** Marks consumed if not yet; says whether it did. */
  readonly consumeChallenge: (id: string, at: number) => Effect.Effect<boolean, StoreError>
}

/** @since 0.1.0 @category ports */
export class SessionStore extends Context.Tag("@kommies/core/SessionStore")<
  SessionStore,
  SessionStoreShape
>() {}
