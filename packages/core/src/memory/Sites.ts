/**
 * SiteStore in memory: sites by id, public key, secret key id and owner.
 *
 * @since 0.1.0
 */
import { Effect, Option } from "effect"
import { type Site, storedSettings } from "../domain/Site.js"
import { conflict } from "../Errors.js"
import type { SiteId } from "../Ids.js"
import type { SiteStoreShape } from "../ports/SiteStore.js"
import { addToIndex, compareIds, patched, removeFromIndex, type State, snapshot } from "./State.js"

/** Whether another site than `site` holds its public key or secret key id. */
const keysTaken = (state: State, site: Site): boolean => {
  const byPublic = state.siteByPublicKey.get(site.publicKey)
  const bySecret = state.siteBySecretKeyId.get(site.secretKeyId)
  return (
    (byPublic !== undefined && byPublic !== site.id) ||
    (bySecret !== undefined && bySecret !== site.id)
  )
}

const index = (state: State, site: Site): void => {
  state.sites.set(site.id, site)
  state.siteByPublicKey.set(site.publicKey, site.id)
  state.siteBySecretKeyId.set(site.secretKeyId, site.id)
  if (site.ownerAccountId !== null) addToIndex(state.sitesByOwner, site.ownerAccountId, site.id)
}

const unindex = (state: State, site: Site): void => {
  state.sites.delete(site.id)
  state.siteByPublicKey.delete(site.publicKey)
  state.siteBySecretKeyId.delete(site.secretKeyId)
  if (site.ownerAccountId !== null)
    removeFromIndex(state.sitesByOwner, site.ownerAccountId, site.id)
}

/** As the other stores read it back: settings written without a later setting get its default. */
const stored = (site: Site): Site => snapshot({ ...site, settings: storedSettings(site.settings) })

const siteExists = () => conflict("site_exists", "A site with this id or key already exists")

const byId = (state: State, id: SiteId | undefined): Option.Option<Site> =>
  Option.fromNullable(id === undefined ? undefined : state.sites.get(id))

/**
 * The memory SiteStore over shared state.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (state: State): SiteStoreShape => ({
  insert: (site) =>
    Effect.suspend(() => {
      if (state.sites.has(site.id) || keysTaken(state, site)) return Effect.fail(siteExists())
      index(state, stored(site))
      return Effect.void
    }),

  get: (id) => Effect.sync(() => byId(state, id)),

  getByPublicKey: (publicKey) =>
    Effect.sync(() => byId(state, state.siteByPublicKey.get(publicKey))),

  getBySecretKeyId: (keyId) => Effect.sync(() => byId(state, state.siteBySecretKeyId.get(keyId))),

  update: (site) =>
    Effect.suspend(() => {
      const current = state.sites.get(site.id)
      if (current === undefined) return Effect.void
      if (keysTaken(state, site)) return Effect.fail(siteExists())
      unindex(state, current)
      index(state, stored(site))
      return Effect.void
    }),

  listByOwner: (accountId) =>
    Effect.sync(() => {
      const ids = state.sitesByOwner.get(accountId)
      if (ids === undefined) return []
      const sites: Array<Site> = []
      for (const id of ids) {
        const s = state.sites.get(id)
        if (s !== undefined) sites.push(s)
      }
      return sites.sort((a, b) => a.createdAt - b.createdAt || compareIds(a.id, b.id))
    }),

  // Check and set in one synchronous step: no other fiber runs in between.
  claimOwner: (siteId, accountId, at) =>
    Effect.sync(() => {
      const current = state.sites.get(siteId)
      if (current === undefined || current.ownerAccountId !== null) return false
      index(state, patched(current, { ownerAccountId: accountId, updatedAt: at }))
      return true
    }),
})
