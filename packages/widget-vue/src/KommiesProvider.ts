/**
 * The client for everything below: `<KommiesProvider site="kp_…">` makes (or
 * shares) one, `:client="…"` hands in your own. Also carries the reader's
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
import {
  type ComputedRef,
  computed,
  defineComponent,
  type InjectionKey,
  inject,
  type PropType,
  provide,
} from "vue"

/** What the widgets read from the provider. @internal */
export interface KommiesEnv {
  readonly client: KommiesClient
  readonly locale: string
  readonly dir: "ltr" | "rtl"
  readonly t: Translate
  readonly rules: ViewRules
}

const key: InjectionKey<ComputedRef<KommiesEnv>> = Symbol("kommies")

/** The props of `KommiesProvider` (also taken by `Comments` and `CommentCount`). @internal */
export const providerProps = {
  /** The site's public key, `kp_…` (not needed with `client`). */
  site: String as PropType<string | undefined>,
  /** Where the API is mounted; default `/kommies`. */
  baseUrl: { type: String, default: "/kommies" },
  /** BCP 47 locale for dates, plurals and `dir`; default the catalog's. */
  locale: String as PropType<string | undefined>,
  /** Messages: `import { catalog } from "@kommies/client/locales/de"`; default English. */
  catalog: Object as PropType<Catalog | undefined>,
  /** A client you made (`createClient`); wins over `site` and `baseUrl`. */
  client: Object as PropType<KommiesClient | undefined>,
  /** Deepest reply level; the reply button hides past it. Default 5. */
  maxDepth: Number as PropType<number | undefined>,
  /** Seconds after posting during which authors may edit. Default 900. */
  editWindowSeconds: Number as PropType<number | undefined>,
}

/**
 * Gives a Kommies client (and the locale) to the composables and components
 * below. Without `site` or `client` it passes on the one of a provider above.
 *
 * @since 0.1.0
 * @category components
 * @example
 * h(KommiesProvider, { site: "kp_…", baseUrl: "/api/comments" }, () => h(MyThread))
 */
export const KommiesProvider = /* @__PURE__ */ defineComponent({
  name: "KommiesProvider",
  props: providerProps,
  setup(props, { slots }) {
    const outer = inject(key, null)
    const client = computed(() => {
      const { client: given, site, baseUrl } = props
      const made = given ?? (site ? sharedClient({ baseUrl, siteKey: site }) : outer?.value.client)
      if (!made) throw new Error("KommiesProvider needs `site` (or `client`)")
      return made
    })
    const t = computed(() =>
      props.catalog ? createTranslator(props.catalog) : (outer?.value.t ?? createTranslator(en)),
    )
    provide(
      key,
      computed(() => {
        const up = outer?.value
        const locale = props.locale ?? props.catalog?.locale ?? up?.locale ?? client.value.locale
        return {
          client: client.value,
          locale,
          dir: dirOf(locale),
          t: t.value,
          rules: {
            maxDepth: props.maxDepth ?? up?.rules.maxDepth,
            editWindowSeconds: props.editWindowSeconds ?? up?.rules.editWindowSeconds,
          },
        }
      }),
    )
    return () => slots.default?.()
  },
})

/** The provider's client, locale and translations (read `.value` when rendering). @internal */
export const useKommiesEnv = (): ComputedRef<KommiesEnv> => {
  const env = inject(key, null)
  if (!env)
    throw new Error("Kommies composables and primitives need a <KommiesProvider> above them")
  return env
}

/**
 * The Kommies client of the nearest `KommiesProvider`.
 *
 * @since 0.1.0
 * @category composables
 * @example
 * const client = useKommies()
 * await client.report(id, "spam")
 */
export const useKommies = (): KommiesClient => useKommiesEnv().value.client
