/**
 * Port: where sites live.
 *
 * @since 0.1.0
 */
import { Context, type Effect, type Option } from "effect"
import type { Site } from "../domain/Site.js"
import type { Conflict, StoreError } from "../Errors.js"
import type { AccountId, SiteId } from "../Ids.js"

/** @since 0.1.0 @category ports */
export interface SiteStoreShape {
  /** Fails with Conflict `site_exists` when the id or a key is taken. */
  readonly insert: (site: Site) => Effect.Effect<void, Conflict | StoreError>
  readonly get: (id: SiteId) => Effect.Effect<Option.Option<Site>, StoreError>
  readonly getByPublicKey: (publicKey: string) => Effect.Effect<Option.Option<Site>, StoreError>
  readonly getBySecretKeyId: (keyId: string) => Effect.Effect<Option.Option<Site>, StoreError>
  /** Replaces the record; keys may change (rotation). NotFound-free: absent ids are ignored. */
  readonly update: (site: Site) => Effect.Effect<void, Conflict | StoreError>
  readonly listByOwner: (accountId: AccountId) => Effect.Effect<ReadonlyArray<Site>, StoreError>
  /**
   * Makes `accountId` the owner (and `at` the `updatedAt`) of a site that
   * exists and has no owner yet, in one atomic step with the index
   * `listByOwner` reads. Answers whether this call made it the owner: false
   * for a missing site or one that has an owner, whoever it is. Of any number
   * of concurrent claims on an unowned site, from any number of processes,
   * exactly one answers true.
   *
   * @since 0.1.0
   */
  readonly claimOwner: (
    siteId: SiteId,
    accountId: AccountId,
    at: number,
  ) => Effect.Effect<boolean, StoreError>
}

/** @since 0.1.0 @category ports */
export class SiteStore extends Context.Tag("@kommies/core/SiteStore")<
  SiteStore,
  SiteStoreShape
>() {}
