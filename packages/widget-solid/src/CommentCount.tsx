/**
 * `CommentCount`: "3 comments", for index pages.
 *
 * @since 0.1.0
 */
import { type JSX, useContext } from "solid-js"
import { KommiesContext, KommiesProvider, useKommies } from "./KommiesProvider.js"
import { useCommentCount } from "./useCommentCount.js"

/** @since 0.1.0 @category models */
export interface CommentCountProps {
  /** The site's public key, `kp_…` (not needed inside a `KommiesProvider`). */
  readonly site?: string | undefined
  /** The page's thread key, as given to `Comments`. */
  readonly page: string
  /** Where the Kommies API is mounted; default `"/kommies"`. */
  readonly baseUrl?: string | undefined
}

const Count = (props: { readonly page: string }): JSX.Element => {
  const { t } = useKommies()
  const count = useCommentCount(() => props.page)
  return (
    <span class="kommies-count">
      {count() === undefined ? "\u00a0" : t("thread.count", { count: count()! })}
    </span>
  )
}

/**
 * The number of comments on a page, in words ("3 comments"), in a
 * `.kommies-count` span that keeps its place while it loads. Badges rendered
 * together are counted with one request per site.
 *
 * @since 0.1.0
 * @category components
 * @example
 * <a href={post.path}>{post.title} <CommentCount site="kp_…" page={post.path} /></a>
 */
export const CommentCount = (props: CommentCountProps): JSX.Element =>
  useContext(KommiesContext) && props.site === undefined ? (
    <Count page={props.page} />
  ) : (
    <KommiesProvider site={props.site} baseUrl={props.baseUrl}>
      <Count page={props.page} />
    </KommiesProvider>
  )
