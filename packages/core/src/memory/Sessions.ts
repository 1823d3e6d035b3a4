/**
 * SessionStore in memory: refresh-token sessions (by id, family and subject) and
 * one-time challenges.
 *
 * @since 0.1.0
 */
import { Effect, Option } from "effect"
import type { Session } from "../domain/Session.js"
import type { SessionId } from "../Ids.js"
import type { SessionStoreShape } from "../ports/SessionStore.js"
import { addToIndex, duplicate, patched, type State, snapshot } from "./State.js"

const revokeAll = (state: State, ids: ReadonlySet<SessionId> | undefined, at: number): void => {
  if (ids === undefined) return
  for (const id of ids) revokeOne(state, id, at)
}

/** Revokes at `at`; a session revoked before keeps its first revocation time. */
const revokeOne = (state: State, id: SessionId, at: number): void => {
  const current = state.sessions.get(id)
  if (current !== undefined && current.revokedAt === null) {
    state.sessions.set(id, patched<Session>(current, { revokedAt: at }))
  }
}

/**
 * The memory SessionStore over shared state.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (state: State): SessionStoreShape => ({
  insert: (session) =>
    Effect.suspend(() => {
      if (state.sessions.has(session.id)) return Effect.fail(duplicate("session", session.id))
      state.sessions.set(session.id, snapshot(session))
      addToIndex(state.sessionsByFamily, session.familyId, session.id)
      addToIndex(state.sessionsBySubject, session.subject, session.id)
      return Effect.void
    }),

  get: (id) => Effect.sync(() => Option.fromNullable(state.sessions.get(id))),

  markRotated: (id, at) =>
    Effect.sync(() => {
      const current = state.sessions.get(id)
      if (current === undefined || current.rotatedAt !== null || current.revokedAt !== null)
        return false
      state.sessions.set(id, patched<Session>(current, { rotatedAt: at }))
      return true
    }),

  revoke: (id, at) => Effect.sync(() => revokeOne(state, id, at)),

  revokeFamily: (familyId, at) =>
    Effect.sync(() => revokeAll(state, state.sessionsByFamily.get(familyId), at)),

  revokeSubject: (subject, at) =>
    Effect.sync(() => revokeAll(state, state.sessionsBySubject.get(subject), at)),

  insertChallenge: (challenge) =>
    Effect.suspend(() => {
      if (state.challenges.has(challenge.id))
        return Effect.fail(duplicate("challenge", challenge.id))
      state.challenges.set(challenge.id, snapshot(challenge))
      return Effect.void
    }),

  getChallenge: (id) => Effect.sync(() => Option.fromNullable(state.challenges.get(id))),

  addChallengeAttempt: (id) =>
    Effect.sync(() => {
      const current = state.challenges.get(id)
      if (current === undefined) return 0
      const next = patched(current, { attempts: current.attempts + 1 })
      state.challenges.set(id, next)
      return next.attempts
    }),

  consumeChallenge: (id, at) =>
    Effect.sync(() => {
      const current = state.challenges.get(id)
      if (current === undefined || current.consumedAt !== null) return false
      state.challenges.set(id, patched(current, { consumedAt: at }))
      return true
    }),
})
