/**
 * `Comments`: the whole comments section of a page, styled.
 *
 * @since 0.1.0
 */
import type { Catalog, InitialThread, Sort } from "@kommies/client"
import { createSignal, createUniqueId, type JSX, Show, useContext } from "solid-js"
import { KommiesContext, KommiesProvider, useKommies } from "./KommiesProvider.js"
import { usePermalinks } from "./internal/permalink.js"
import { UiContext } from "./internal/ui.js"
import { CommentList } from "./primitives/CommentList.js"
import { Composer } from "./primitives/Composer.js"
import { LoadMore } from "./primitives/LoadMore.js"
import { ModeratorActions } from "./primitives/ModeratorActions.js"
import { NewCommentsNotice } from "./primitives/NewCommentsNotice.js"
import { SignIn } from "./primitives/SignIn.js"
import { SortMenu } from "./primitives/SortMenu.js"
import { ThreadLocked } from "./primitives/ThreadLocked.js"
import { useCommenter } from "./useCommenter.js"
import { useThread } from "./useThread.js"

/** @since 0.1.0 @category models */
export interface CommentsProps {
  /** The site's public key, `kp_…` (not needed inside a `KommiesProvider`). */
  readonly site?: string | undefined
  /** The page's thread key: a stable id such as `"/post/1"`. */
  readonly page: string
  /** Where the Kommies API is mounted; default `"/kommies"`. */
  readonly baseUrl?: string | undefined
  /** The reader's locale; give its `catalog` too for messages other than English. */
  readonly locale?: string | undefined
  readonly catalog?: Catalog | undefined
  /**
   * `light`, `dark`, or `auto` (follows the system). Default: the site's
   * theme setting once the thread loads, `light` before.
   */
  readonly theme?: "light" | "dark" | "auto" | undefined
  /** Default: the site's default sort. */
  readonly sort?: Sort | undefined
  /** Server-rendered data from `loadThread`: no loading state, no flash. */
  readonly initialData?: InitialThread | null
  /** A token your app signed for its user: they comment as themselves (SSO). */
  readonly ssoToken?: string | null | undefined
  readonly class?: string | undefined
}

/**
 * Everything a commenter sees and does on a page: the count, sort menu and
 * sign-in, the Markdown composer, the threaded comments with votes, replies,
 * edits, reports and moderation, "N new comments" as they arrive live, and
 * "Load more". Built only from the primitives, styled by `./styles.css`
 * (import it once): `data-kommies-theme`, `dir` and `lang` go on its root.
 * Inside a `KommiesProvider` it uses that provider's client; given `site`,
 * it makes its own provider. A new `page` starts a new thread.
 *
 * @since 0.1.0
 * @category components
 * @example
 * import "@kommies/widget-solid/styles.css"
 * import { Comments } from "@kommies/widget-solid"
 *
 * <Comments site="kp_…" page="/post/1" baseUrl="/kommies" theme="auto" />
 */
export const Comments = (props: CommentsProps): JSX.Element => {
  const thread = () => (
    <Show when={props.page} keyed>
      {(page) => <Thread page={page} props={props} />}
    </Show>
  )
  const parent = useContext(KommiesContext)
  // Inside a provider: its client; a language of its own if one is given.
  return parent && props.site === undefined && !props.locale && !props.catalog ? (
    thread()
  ) : (
    <KommiesProvider
      client={props.site === undefined ? parent?.client : undefined}
      site={props.site}
      baseUrl={props.baseUrl}
      locale={props.locale}
      catalog={props.catalog}
    >
      {thread()}
    </KommiesProvider>
  )
}

const Thread = (p: { readonly page: string; readonly props: CommentsProps }): JSX.Element => {
  const k = useKommies()
  const { commenter: me } = useCommenter()
  const props = p.props
  const thread = useThread(p.page, { sort: props.sort, initialData: props.initialData })
  const { state } = thread
  const [highlighted, setHighlighted] = createSignal<string | null>(null)
  const [said, setSaid] = createSignal("")
  const heading = createUniqueId()
  usePermalinks(thread, k.client, setHighlighted)
  const ui = {
    highlighted,
    announce: (text: string) => {
      // Cleared first, so saying the same again is heard again.
      setSaid("")
      setTimeout(() => setSaid(text), 50)
    },
  }
  return (
    <UiContext.Provider value={ui}>
      <section
        class={props.class ? `kommies ${props.class}` : "kommies"}
        data-kommies-theme={props.theme ?? state().siteTheme ?? "light"}
        dir={k.dir}
        lang={k.locale}
        aria-labelledby={heading}
      >
        <header class="kommies-header">
          <h2 class="kommies-header__count" id={heading}>
            {state().status === "ready" || state().top.length > 0
              ? k.t("thread.count", { count: state().count })
              : "\u00a0"}
          </h2>
          {state().live === "reconnecting" && (
            <span class="kommies-live" data-live="reconnecting">
              {k.t("thread.reconnecting")}
            </span>
          )}
          <ModeratorActions thread={thread} />
          <SortMenu thread={thread} />
        </header>
        <ThreadLocked thread={thread} />
        <SignIn ssoToken={props.ssoToken} />
        {me() && !state().thread?.locked && <Composer thread={thread} />}
        <NewCommentsNotice thread={thread} />
        <CommentList thread={thread} />
        <LoadMore thread={thread} />
        <div class="kommies-visually-hidden" role="status">
          {said()}
        </div>
      </section>
    </UiContext.Provider>
  )
}
