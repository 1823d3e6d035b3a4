/**
 * The client for everything below: `<KommiesProvider site="kp_…">` makes (or
 * shares) one, `client={…}` hands in your own. Also carries the reader's
 * locale, translations and the site rules the buttons follow.
 *
 * @since 0.1.0
 */
import {
  type Catalog,
  createTranslator,
  dirOf,
  type KommiesClient,
  type Translate,
} from "@kommies/client"
import { catalog as en } from "@kommies/client/locales/en"
import { sharedClient, type ViewRules } from "@kommies/client/ui"
import { createContext, type ReactNode, useContext, useMemo } from "react"

/** @since 0.1.0 @category models */
export interface KommiesProviderProps extends ViewRules {
  /** The site's public key, `kp_…` (not needed with `client`). */
  readonly site?: string | undefined
  /** Where the API is mounted; default `/kommies`. */
  readonly baseUrl?: string | undefined
  /** BCP 47 locale for dates, plurals and `dir`; default the catalog's. */
  readonly locale?: string | undefined
  /** Messages: `import { catalog } from "@kommies/client/locales/de"`; default English. */
  readonly catalog?: Catalog | undefined
  /** A client you made (`createClient`); wins over `site` and `baseUrl`. */
  readonly client?: KommiesClient | undefined
  readonly children?: ReactNode
}

/** What the widgets read from the provider. @internal */
export interface KommiesEnv {
  readonly client: KommiesClient
  readonly locale: string
  readonly dir: "ltr" | "rtl"
  readonly t: Translate
  readonly rules: ViewRules
}

const Context = createContext<KommiesEnv | null>(null)

/**
 * Gives a Kommies client (and the locale) to the hooks and components below.
 * Without `site` or `client` it passes on the one of a provider above.
 *
 * @since 0.1.0
 * @category components
 * @example
 * <KommiesProvider site="kp_…" baseUrl="/api/comments">
 *   <MyThread page="/post/1" />
 * </KommiesProvider>
 */
export function KommiesProvider(props: KommiesProviderProps) {
  const outer = useContext(Context)
  const { site, baseUrl = "/kommies", client: given, catalog, maxDepth, editWindowSeconds } = props
  const client = useMemo(
    () => given ?? (site ? sharedClient({ baseUrl, siteKey: site }) : outer?.client),
    [given, site, baseUrl, outer],
  )
  if (!client) throw new Error("KommiesProvider needs `site` (or `client`)")
  const locale = props.locale ?? catalog?.locale ?? outer?.locale ?? client.locale
  const t = useMemo(
    () => (catalog ? createTranslator(catalog) : (outer?.t ?? createTranslator(en))),
    [catalog, outer],
  )
  const value = useMemo<KommiesEnv>(
    () => ({
      client,
      locale,
      dir: dirOf(locale),
      t,
      rules: {
        maxDepth: maxDepth ?? outer?.rules.maxDepth,
        editWindowSeconds: editWindowSeconds ?? outer?.rules.editWindowSeconds,
      },
    }),
    [client, locale, t, outer, maxDepth, editWindowSeconds],
  )
  return <Context.Provider value={value}>{props.children}</Context.Provider>
}

/** The provider's client, locale and translations. @internal */
export const useKommiesEnv = (): KommiesEnv => {
  const env = useContext(Context)
  if (!env) throw new Error("Kommies hooks and primitives need a <KommiesProvider> above them")
  return env
}

/**
 * The Kommies client of the nearest `KommiesProvider`.
 *
 * @since 0.1.0
 * @category hooks
 * @example
 * const client = useKommies()
 * await client.report(id, "spam")
 */
export const useKommies = (): KommiesClient => useKommiesEnv().client
