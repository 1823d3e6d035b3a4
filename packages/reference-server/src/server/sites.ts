/**
 * The sites the server creates itself: the one site of `standalone` mode and
 * the demo site of `saas` mode. Their ids are fixed, so any number of
 * processes starting at once on one database end up with one site: the
 * first insert wins and the others read it (the store refuses a second row
 * with the same id).
 *
 * @since 0.1.0
 */
import type { Ids, Kommies } from "@kommies/core"
import { Actor, Sites, SiteStore } from "@kommies/core"
import { Effect, Option } from "effect"

/** The id of the standalone site. @since 0.1.0 @category constants */
export const standaloneSiteId = "00000000-0000-7000-8000-000000000001" as Ids.SiteId
/** The id of the demo site in `saas` mode. @since 0.1.0 @category constants */
export const demoSiteId = "00000000-0000-7000-8000-000000000002" as Ids.SiteId

/** What `ensureSite` wants the site to be. */
export interface WantedSite {
  readonly id: Ids.SiteId
  /** The name on first creation. */
  readonly name: string
  /** When set, the stored name is changed to it. */
  readonly rename: string | null
  /** Origins the site must allow (added to what it has, never removed: the dashboard may add more). */
  readonly origins: ReadonlyArray<string>
}

/** The site and, the one time it was created here, its secret key. */
export interface EnsuredSite {
  readonly publicKey: string
  readonly secretKey: string | null
}

/**
 * Creates the site with its fixed id unless it exists, then brings its name
 * and origins in line with the configuration.
 */
export const ensureSite = (kommies: Kommies.Kommies, wanted: WantedSite): Promise<EnsuredSite> =>
  kommies.run(
    Effect.gen(function* () {
      const store = yield* SiteStore.SiteStore
      const existing = yield* store.get(wanted.id)
      let secretKey: string | null = null
      if (Option.isNone(existing)) {
        // Core makes the site (keys, settings, checks); only its id is ours.
        const created = yield* Sites.create({
          name: wanted.name,
          allowedOrigins: wanted.origins,
        }).pipe(
          Effect.provideService(SiteStore.SiteStore, {
            ...store,
            insert: (site) => store.insert({ ...site, id: wanted.id }),
          }),
          Effect.map((c) => c.secretKey),
          // another process inserted it first: theirs is the site
          Effect.catchTag("Conflict", () => Effect.succeed(null)),
        )
        secretKey = created
      }
      const site = yield* Sites.get(wanted.id)
      const missing = wanted.origins.filter((o) => !site.allowedOrigins.includes(o))
      const rename =
        wanted.rename !== null && wanted.rename !== site.name ? wanted.rename : undefined
      if (missing.length > 0 || rename !== undefined) {
        yield* Sites.updateDetails(Actor.system(wanted.id), {
          ...(rename === undefined ? {} : { name: rename }),
          ...(missing.length === 0 ? {} : { allowedOrigins: [...site.allowedOrigins, ...missing] }),
        })
      }
      return { publicKey: site.publicKey, secretKey }
    }),
  )

/** `http://localhost:8787` also as `http://127.0.0.1:8787`, the two names people type. */
export const originsOf = (publicUrl: string): ReadonlyArray<string> => {
  const url = new URL(publicUrl)
  const origins = [url.origin]
  if (url.hostname === "localhost")
    origins.push(`${url.protocol}//127.0.0.1${url.port === "" ? "" : `:${url.port}`}`)
  if (url.hostname === "127.0.0.1")
    origins.push(`${url.protocol}//localhost${url.port === "" ? "" : `:${url.port}`}`)
  return origins
}
