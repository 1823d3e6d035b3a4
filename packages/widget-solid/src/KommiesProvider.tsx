/**
 * `KommiesProvider`: one client (the API, the commenter's session) and the
 * reader's language for everything inside it. `useKommies` reads it.
 *
 * @since 0.1.0
 */
import {
  type Catalog,
  createTranslator,
  dirOf,
  type FetchLike,
  type KommiesClient,
  type Translate,
} from "@kommies/client"
import { catalog as english } from "@kommies/client/locales/en"
import { sharedClient } from "@kommies/client/ui"
import { createContext, createMemo, type JSX, useContext } from "solid-js"

/** @since 0.1.0 @category models */
export interface KommiesProviderProps {
  /** The site's public key, `kp_…`. */
  readonly site?: string | undefined
  /** Where the Kommies API is mounted; default `"/kommies"`. */
  readonly baseUrl?: string | undefined
  /** The reader's locale (dates, numbers, direction); default the catalog's, else `"en"`. */
  readonly locale?: string | undefined
  /**
   * The messages; default English. Catalogs are separate modules, so a bundle
   * carries only the ones it imports: `import { catalog } from "@kommies/client/locales/de"`.
   */
  readonly catalog?: Catalog | undefined
  /** A client you made yourself (then `site`, `baseUrl` and `fetch` are not used). */
  readonly client?: KommiesClient | undefined
  /** A `fetch` for the client (tests, an in-process handler). */
  readonly fetch?: FetchLike | undefined
  readonly children?: JSX.Element
}

/** What `useKommies` returns. Fields are reactive: read them in JSX or effects. @since 0.1.0 @category models */
export interface KommiesContextValue {
  readonly client: KommiesClient
  readonly locale: string
  readonly dir: "ltr" | "rtl"
  /** Translates a message key of the catalog (a stable function; reactive when called in JSX). */
  readonly t: Translate
}

/** @internal */
export const KommiesContext = createContext<KommiesContextValue>()

/**
 * Makes a client for a site and the reader's language available to the
 * components and hooks inside. In a browser, every provider of the page with
 * the same `baseUrl` and `site` shares one client: one session (kept in
 * `localStorage`), and comment counts batched into one request.
 *
 * @since 0.1.0
 * @category components
 * @example
 * <KommiesProvider site="kp_…" baseUrl="/api/comments" locale="de" catalog={de}>
 *   <Comments page="/post/1" />
 *   <CommentCount page="/post/2" />
 * </KommiesProvider>
 */
export const KommiesProvider = (props: KommiesProviderProps): JSX.Element => {
  const client =
    props.client ??
    sharedClient({
      baseUrl: props.baseUrl ?? "/kommies",
      siteKey: props.site ?? "",
      locale: props.locale ?? props.catalog?.locale ?? "en",
      ...(props.fetch ? { fetch: props.fetch } : {}),
    })
  const locale = () => props.locale ?? props.catalog?.locale ?? "en"
  const translate = createMemo(() => createTranslator(props.catalog ?? english))
  const value: KommiesContextValue = {
    client,
    get locale() {
      return locale()
    },
    get dir() {
      return dirOf(locale())
    },
    t: (key, vars) => translate()(key, vars),
  }
  return <KommiesContext.Provider value={value}>{props.children}</KommiesContext.Provider>
}

/**
 * The client and language of the nearest `KommiesProvider` (or `Comments`).
 *
 * @since 0.1.0
 * @category hooks
 * @example
 * const { client, t } = useKommies()
 * await client.report(id, "spam")
 */
export const useKommies = (): KommiesContextValue => {
  const value = useContext(KommiesContext)
  if (!value) throw new Error("Kommies: use this inside <KommiesProvider site=…> or <Comments>")
  return value
}
