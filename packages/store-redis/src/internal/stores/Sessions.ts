/**
 * SessionStore on Redis: sessions and challenges by id (global keys), with the
 * family and subject indexes written before the session, so a revocation
 * never misses a stored session. Rotation, revocation, attempts and
 * consumption are compare-and-set scripts on the one row.
 *
 * @since 0.1.0
 */
import { Errors, type SessionStore } from "@kommies/core"
import { Effect, Option } from "effect"
import { global } from "../keys.js"
import { position, token } from "../rows.js"
import {
  challengeFields,
  decodeChallenge,
  decodeSession,
  encodeChallenge,
  encodeSession,
  sessionFields,
} from "../recordRows.js"
import { decoding, run, script } from "../run.js"
import type { RedisConnectionShape } from "../../RedisConnection.js"

const rotatedAt = position(sessionFields, "rotatedAt")
const revokedAt = position(sessionFields, "revokedAt")
const attempts = position(challengeFields, "attempts")
const consumedAt = position(challengeFields, "consumedAt")

const duplicate = (what: string, id: string) =>
  new Errors.StoreError({ reason: "Conflict", message: `${what} ${id} already exists` })

/**
 * The Redis SessionStore over a connection.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (conn: RedisConnectionShape): SessionStore.SessionStoreShape => {
  const p = conn.prefix
  const patch = (
    what: string,
    key: string,
    mustBeNull: string,
    incr: string,
    ...pairs: Array<string | number>
  ) => script(conn, what, "kmRowPatch", [key, mustBeNull, incr, ...pairs])
  const revoke = (id: string, at: number) =>
    patch("SessionStore.revoke", global.session(p, id), `${revokedAt}`, "", revokedAt, token(at))
  const revokeAll = (what: string, indexKey: string, at: number) =>
    run(conn, what, (c) => c.smembers(indexKey)).pipe(
      Effect.flatMap((ids) =>
        Effect.forEach(ids, (id) => revoke(id, at), { concurrency: 16, discard: true }),
      ),
    )

  return {
    insert: (session) =>
      Effect.gen(function* () {
        // Indexes first: a crash between the steps leaves an index entry without a
        // session (harmless), never a session that revokeFamily cannot find.
        yield* run(conn, "SessionStore.insert", (c) =>
          c.sadd(global.sessionFamily(p, session.familyId), session.id),
        )
        yield* run(conn, "SessionStore.insert", (c) =>
          c.sadd(global.sessionSubject(p, session.subject), session.id),
        )
        const stored = yield* run(conn, "SessionStore.insert", (c) =>
          c.set(global.session(p, session.id), encodeSession(session), "NX"),
        )
        if (stored === null) return yield* Effect.fail(duplicate("session", session.id))
      }),

    get: (id) =>
      run(conn, "SessionStore.get", (c) => c.get(global.session(p, id))).pipe(
        Effect.flatMap((row) =>
          decoding(conn, "SessionStore.get", () =>
            row === null ? Option.none() : Option.some(decodeSession(id, row)),
          ),
        ),
      ),

    markRotated: (id, at) =>
      patch(
        "SessionStore.markRotated",
        global.session(p, id),
        `${rotatedAt},${revokedAt}`,
        "",
        rotatedAt,
        token(at),
      ).pipe(Effect.map((row) => typeof row === "string")),

    revoke: (id, at) => revoke(id, at).pipe(Effect.asVoid),

    revokeFamily: (familyId, at) =>
      revokeAll("SessionStore.revokeFamily", global.sessionFamily(p, familyId), at),

    revokeSubject: (subject, at) =>
      revokeAll("SessionStore.revokeSubject", global.sessionSubject(p, subject), at),

    insertChallenge: (challenge) =>
      run(conn, "SessionStore.insertChallenge", (c) =>
        c.set(global.challenge(p, challenge.id), encodeChallenge(challenge), "NX"),
      ).pipe(
        Effect.flatMap((stored) =>
          stored === null ? Effect.fail(duplicate("challenge", challenge.id)) : Effect.void,
        ),
      ),

    getChallenge: (id) =>
      run(conn, "SessionStore.getChallenge", (c) => c.get(global.challenge(p, id))).pipe(
        Effect.flatMap((row) =>
          decoding(conn, "SessionStore.getChallenge", () =>
            row === null ? Option.none() : Option.some(decodeChallenge(id, row)),
          ),
        ),
      ),

    addChallengeAttempt: (id) =>
      patch("SessionStore.addChallengeAttempt", global.challenge(p, id), "", `${attempts}`).pipe(
        Effect.flatMap((row) =>
          decoding(conn, "SessionStore.addChallengeAttempt", () =>
            typeof row === "string" ? decodeChallenge(id, row).attempts : 0,
          ),
        ),
      ),

    consumeChallenge: (id, at) =>
      patch(
        "SessionStore.consumeChallenge",
        global.challenge(p, id),
        `${consumedAt}`,
        "",
        consumedAt,
        token(at),
      ).pipe(Effect.map((row) => typeof row === "string")),
  }
}
