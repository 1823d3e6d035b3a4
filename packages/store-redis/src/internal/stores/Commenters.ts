/**
 * CommenterStore on Redis: commenter rows, unique password emails and external
 * identities claimed in the same script as the row, karma kept by the vote
 * script, and the staff set.
 *
 * @since 0.1.0
 */
import {
  type Commenter as CommenterModule,
  type CommenterStore,
  Errors,
  Role,
  Search,
} from "@kommies/core"
import { Effect, Option } from "effect"
import { site, siteBase } from "../keys.js"
import {
  commenterFields,
  decodeCommenter,
  emailKeyOf,
  encodeCommenter,
  externalKeyOf,
  position,
  token,
} from "../rows.js"
import { compareIds, decoding, pageSize, pairs, run, script, unique } from "../run.js"
import type { RedisConnectionShape } from "../../RedisConnection.js"
import * as Paging from "./Paging.js"

type Commenter = CommenterModule.Commenter

const isStaff = (role: Role.Role): boolean => Role.outranks(role, "user")

/**
 * The Redis CommenterStore over a connection.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (conn: RedisConnectionShape): CommenterStore.CommenterStoreShape => {
  const baseOf = (siteId: string) => siteBase(conn.prefix, siteId)
  const keyOf = (siteId: string, id: string) => baseOf(siteId) + site.commenter(id)
  const one = (what: string, siteId: string) => (reply: unknown) =>
    decoding(conn, what, () => {
      if (!Array.isArray(reply)) return Option.none<Commenter>()
      const [id, row] = reply as [string, string]
      return Option.some(decodeCommenter(siteId, id, row))
    })
  const many = (what: string, siteId: string) => (reply: unknown) =>
    decoding(conn, what, () => pairs(reply).map(([id, row]) => decodeCommenter(siteId, id, row)))
  const byUnique = (what: string, siteId: string, index: string, key: string) => {
    const base = baseOf(siteId)
    return script(conn, what, "kmRowByUnique", [base + index, base, "u:", key]).pipe(
      Effect.flatMap(one(what, siteId)),
    )
  }
  const pos = (field: (typeof commenterFields)[number]) => position(commenterFields, field)

  return {
    insert: (commenter) =>
      script(conn, "CommenterStore.insert", "kmCommenterInsert", [
        keyOf(commenter.siteId, commenter.id),
        baseOf(commenter.siteId),
        commenter.id,
        encodeCommenter(commenter),
        emailKeyOf(commenter),
        externalKeyOf(commenter.origin, commenter.externalId),
        isStaff(commenter.role) ? "1" : "0",
        commenter.karma,
        Search.words(commenter.displayName).join(" "),
      ]).pipe(
        Effect.flatMap((reply) =>
          reply === "OK"
            ? Effect.void
            : Effect.fail(
                Errors.conflict(
                  "commenter_exists",
                  `A commenter of this site already has this ${String(reply)}`,
                ),
              ),
        ),
      ),

    get: (siteId, id) =>
      run(conn, "CommenterStore.get", (c) => c.get(keyOf(siteId, id))).pipe(
        Effect.flatMap((row) =>
          decoding(conn, "CommenterStore.get", () =>
            row === null ? Option.none() : Option.some(decodeCommenter(siteId, id, row)),
          ),
        ),
      ),

    getMany: (siteId, ids) => {
      const wanted = unique(ids)
      if (wanted.length === 0) return Effect.succeed([])
      return run(conn, "CommenterStore.getMany", (c) =>
        c.mget(wanted.map((id) => keyOf(siteId, id))),
      ).pipe(
        Effect.flatMap((rows) =>
          decoding(conn, "CommenterStore.getMany", () =>
            wanted.flatMap((id, i) => {
              const row = rows[i]
              return row === null || row === undefined ? [] : [decodeCommenter(siteId, id, row)]
            }),
          ),
        ),
      )
    },

    getByEmail: (siteId, email) =>
      byUnique("CommenterStore.getByEmail", siteId, site.commenterEmails, email.toLowerCase()),

    getByExternalId: (siteId, origin, externalId) =>
      byUnique(
        "CommenterStore.getByExternalId",
        siteId,
        site.commenterExternal,
        externalKeyOf(origin, externalId),
      ),

    update: (siteId, id, patch) => {
      const changes: Array<string | number> = [pos("updatedAt"), token(patch.updatedAt)]
      if (patch.displayName !== undefined)
        changes.push(pos("displayName"), token(patch.displayName))
      if (patch.avatarUrl !== undefined) changes.push(pos("avatarUrl"), token(patch.avatarUrl))
      if (patch.email !== undefined) changes.push(pos("email"), token(patch.email))
      if (patch.emailVerified !== undefined)
        changes.push(pos("emailVerified"), token(patch.emailVerified))
      if (patch.passwordHash !== undefined)
        changes.push(pos("passwordHash"), token(patch.passwordHash))
      if (patch.role !== undefined) changes.push(pos("role"), token(patch.role))
      if (patch.trusted !== undefined) changes.push(pos("trusted"), token(patch.trusted))
      const candidate =
        patch.email === undefined
          ? "-"
          : `=${patch.email === null ? "" : patch.email.toLowerCase()}`
      const staff = patch.role === undefined ? "-" : isStaff(patch.role) ? "1" : "0"
      return script(conn, "CommenterStore.update", "kmCommenterUpdate", [
        keyOf(siteId, id),
        baseOf(siteId),
        id,
        candidate,
        staff,
        patch.displayName === undefined ? "-" : `=${Search.words(patch.displayName).join(" ")}`,
        ...changes,
      ]).pipe(
        Effect.flatMap((row) =>
          decoding(conn, "CommenterStore.update", () =>
            typeof row === "string" ? Option.some(decodeCommenter(siteId, id, row)) : Option.none(),
          ),
        ),
      )
    },

    listTop: (siteId, limit) => {
      const base = baseOf(siteId)
      return script(conn, "CommenterStore.listTop", "kmTopRows", [
        base + site.karma,
        base,
        "u:",
        pageSize(limit),
        0,
      ]).pipe(Effect.flatMap(many("CommenterStore.listTop", siteId)))
    },

    listStaff: (siteId) => {
      const base = baseOf(siteId)
      return script(conn, "CommenterStore.listStaff", "kmRowsOfSet", [
        base + site.staff,
        base,
        "u:",
      ]).pipe(
        Effect.flatMap(many("CommenterStore.listStaff", siteId)),
        Effect.map((staff) =>
          [...staff].sort(
            (a, b) => Role.all.indexOf(a.role) - Role.all.indexOf(b.role) || compareIds(a.id, b.id),
          ),
        ),
      )
    },

    listBySite: (siteId, cursor, limit) => {
      const base = baseOf(siteId)
      return Paging.scan(
        conn,
        "CommenterStore.listBySite",
        { kind: "zset", key: base + site.karma },
        (id) => base + site.commenter(id),
        (id, row) => decodeCommenter(siteId, id, row),
        cursor,
        limit,
      )
    },
  }
}
