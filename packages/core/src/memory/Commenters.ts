/**
 * CommenterStore in memory: per-site commenters, unique by password email and by
 * (origin, external id).
 *
 * @since 0.1.0
 */
import { Effect, Option } from "effect"
import type { Commenter } from "../domain/Commenter.js"
import { all as roles, outranks } from "../domain/Role.js"
import { type Conflict, conflict, StoreError } from "../Errors.js"
import type { CommenterStoreShape } from "../ports/CommenterStore.js"
import * as Paging from "./Paging.js"
import { pageSize } from "./SortedIds.js"
import {
  compareIds,
  duplicate,
  patched,
  peek,
  type SiteData,
  type State,
  site,
  snapshot,
  unique,
} from "./State.js"

/** The email a commenter is found and kept unique by: password commenters only. */
const emailKey = (c: Commenter): string | null =>
  c.origin === "password" && c.email !== null ? c.email.toLowerCase() : null

const externalKey = (origin: string, externalId: string): string => `${origin}\u0000${externalId}`

const externalKeyOf = (c: Commenter): string | null =>
  c.externalId === null ? null : externalKey(c.origin, c.externalId)

/** Which unique key of `c` another commenter of the site holds, if any. */
const clash = (data: SiteData, c: Commenter): "email" | "external id" | null => {
  const email = emailKey(c)
  const emailOwner = email === null ? undefined : data.commenterByEmail.get(email)
  if (emailOwner !== undefined && emailOwner !== c.id) return "email"
  const external = externalKeyOf(c)
  const externalOwner = external === null ? undefined : data.commenterByExternalId.get(external)
  if (externalOwner !== undefined && externalOwner !== c.id) return "external id"
  return null
}

const unindex = (data: SiteData, c: Commenter): void => {
  const email = emailKey(c)
  if (email !== null && data.commenterByEmail.get(email) === c.id)
    data.commenterByEmail.delete(email)
  const external = externalKeyOf(c)
  if (external !== null && data.commenterByExternalId.get(external) === c.id) {
    data.commenterByExternalId.delete(external)
  }
}

const index = (data: SiteData, c: Commenter): void => {
  data.commenters.set(c.id, c)
  const email = emailKey(c)
  if (email !== null) data.commenterByEmail.set(email, c.id)
  const external = externalKeyOf(c)
  if (external !== null) data.commenterByExternalId.set(external, c.id)
}

/**
 * The memory CommenterStore over shared state.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (state: State): CommenterStoreShape => ({
  insert: (commenter) =>
    Effect.suspend((): Effect.Effect<void, Conflict | StoreError> => {
      const data = site(state, commenter.siteId)
      if (data.commenters.has(commenter.id))
        return Effect.fail(duplicate("commenter", commenter.id))
      const taken = clash(data, commenter)
      if (taken !== null) {
        return Effect.fail(
          conflict("commenter_exists", `A commenter of this site already has this ${taken}`),
        )
      }
      index(data, snapshot(commenter))
      return Effect.void
    }),

  get: (siteId, id) =>
    Effect.sync(() => Option.fromNullable(peek(state, siteId)?.commenters.get(id))),

  getMany: (siteId, ids) =>
    Effect.sync(() => {
      const data = peek(state, siteId)
      if (data === undefined) return []
      const out: Array<Commenter> = []
      for (const id of unique(ids)) {
        const c = data.commenters.get(id)
        if (c !== undefined) out.push(c)
      }
      return out
    }),

  getByEmail: (siteId, email) =>
    Effect.sync(() => {
      const data = peek(state, siteId)
      const id = data?.commenterByEmail.get(email.toLowerCase())
      return Option.fromNullable(id === undefined ? undefined : data?.commenters.get(id))
    }),

  getByExternalId: (siteId, origin, externalId) =>
    Effect.sync(() => {
      const data = peek(state, siteId)
      const id = data?.commenterByExternalId.get(externalKey(origin, externalId))
      return Option.fromNullable(id === undefined ? undefined : data?.commenters.get(id))
    }),

  update: (siteId, id, patch) =>
    Effect.suspend(() => {
      const data = peek(state, siteId)
      const current = data?.commenters.get(id)
      if (data === undefined || current === undefined) return Effect.succeed(Option.none())
      const changes: { -readonly [K in keyof Commenter]?: Commenter[K] } = {
        updatedAt: patch.updatedAt,
      }
      if (patch.displayName !== undefined) changes.displayName = patch.displayName
      if (patch.avatarUrl !== undefined) changes.avatarUrl = patch.avatarUrl
      if (patch.email !== undefined) changes.email = patch.email
      if (patch.emailVerified !== undefined) changes.emailVerified = patch.emailVerified
      if (patch.passwordHash !== undefined) changes.passwordHash = patch.passwordHash
      if (patch.role !== undefined) changes.role = patch.role
      if (patch.trusted !== undefined) changes.trusted = patch.trusted
      const next = patched(current, changes)
      if (clash(data, next) !== null) {
        return Effect.fail(
          new StoreError({
            reason: "Conflict",
            message: `commenter ${id}: another commenter of the site already has this email`,
          }),
        )
      }
      unindex(data, current)
      index(data, next)
      return Effect.succeed(Option.some(next))
    }),

  listTop: (siteId, limit) =>
    Effect.sync(() => {
      const data = peek(state, siteId)
      if (data === undefined) return []
      return Array.from(data.commenters.values())
        .sort((a, b) => b.karma - a.karma || compareIds(b.id, a.id))
        .slice(0, pageSize(limit))
    }),

  listStaff: (siteId) =>
    Effect.sync(() => {
      const data = peek(state, siteId)
      if (data === undefined) return []
      return Array.from(data.commenters.values())
        .filter((c) => outranks(c.role, "user"))
        .sort((a, b) => roles.indexOf(a.role) - roles.indexOf(b.role) || compareIds(a.id, b.id))
    }),

  listBySite: (siteId, cursor, limit) =>
    Effect.sync(() => Paging.byId(peek(state, siteId)?.commenters, cursor, limit)),
})
