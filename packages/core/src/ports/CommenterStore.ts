/**
 * Port: commenters of each site.
 *
 * @since 0.1.0
 */
import { Context, type Effect, type Option } from "effect"
import type { Commenter } from "../domain/Commenter.js"
import type { Role } from "../domain/Role.js"
import type { Conflict, StoreError } from "../Errors.js"
import type { CommenterId, SiteId } from "../Ids.js"
import type { Page } from "./Page.js"

/** Fields core may change on a commenter; karma only moves with votes. @since 0.1.0 @category models */
export interface CommenterPatch {
  readonly displayName?: string
  readonly avatarUrl?: string | null
  readonly email?: string | null
  readonly emailVerified?: boolean
  readonly passwordHash?: string | null
  readonly role?: Role
  readonly trusted?: boolean
  readonly updatedAt: number
}

/** @since 0.1.0 @category ports */
export interface CommenterStoreShape {
  /** Fails with Conflict `commenter_exists` when the site already has the email or external id. */
  readonly insert: (commenter: Commenter) => Effect.Effect<void, Conflict | StoreError>
  readonly get: (
    siteId: SiteId,
    id: CommenterId,
  ) => Effect.Effect<Option.Option<Commenter>, StoreError>
  readonly getMany: (
    siteId: SiteId,
    ids: ReadonlyArray<CommenterId>,
  ) => Effect.Effect<ReadonlyArray<Commenter>, StoreError>
  /** Only password commenters are found by email (guests may reuse an address). */
  readonly getByEmail: (
    siteId: SiteId,
    email: string,
  ) => Effect.Effect<Option.Option<Commenter>, StoreError>
  /** By the origin (`sso`, `oauth:github`) and the id it knows them by. */
  readonly getByExternalId: (
    siteId: SiteId,
    origin: string,
    externalId: string,
  ) => Effect.Effect<Option.Option<Commenter>, StoreError>
  readonly update: (
    siteId: SiteId,
    id: CommenterId,
    patch: CommenterPatch,
  ) => Effect.Effect<Option.Option<Commenter>, StoreError>
  /** Commenters with the highest karma first: for analytics. */
  readonly listTop: (
    siteId: SiteId,
    limit: number,
  ) => Effect.Effect<ReadonlyArray<Commenter>, StoreError>
  /** Commenters with a role above `user`. */
  readonly listStaff: (siteId: SiteId) => Effect.Effect<ReadonlyArray<Commenter>, StoreError>
  /**
   * Every commenter of the site, a page at a time (`cursor` null: the first
   * page), in an order the store chooses: for exports.
   */
  readonly listBySite: (
    siteId: SiteId,
    cursor: string | null,
    limit: number,
  ) => Effect.Effect<Page<Commenter>, StoreError>
}

/** @since 0.1.0 @category ports */
export class CommenterStore extends Context.Tag("@kommies/core/CommenterStore")<
  CommenterStore,
  CommenterStoreShape
>() {}
