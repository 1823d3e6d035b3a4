/**
 * `<CommentCount site page />`: "3 comments", for index pages.
 *
 * @since 0.1.0
 */
import type { ComponentPropsWithoutRef } from "react"
import { KommiesProvider, type KommiesProviderProps, useKommiesEnv } from "./KommiesProvider.js"
import { useCommentCount } from "./useCommentCount.js"

/** @since 0.1.0 @category models */
export interface CommentCountProps
  extends Omit<KommiesProviderProps, "children" | "maxDepth" | "editWindowSeconds">,
    Omit<ComponentPropsWithoutRef<"span">, "children"> {
  /** The page's thread key. */
  readonly page: string
}

/**
 * A page's comment count in words ("3 comments"), in a `.kommies-count`
 * span. Counts of a page's `<CommentCount>`s share one request.
 *
 * @since 0.1.0
 * @category components
 * @example
 * <a href="/post/1">Hello <CommentCount site="kp_…" page="/post/1" /></a>
 */
export function CommentCount({
  site,
  baseUrl,
  locale,
  catalog,
  client,
  ...props
}: CommentCountProps) {
  return (
    <KommiesProvider
      site={site}
      baseUrl={baseUrl}
      locale={locale}
      catalog={catalog}
      client={client}
    >
      <Count {...props} />
    </KommiesProvider>
  )
}

function Count({ page, className, ...props }: Omit<CommentCountProps, keyof KommiesProviderProps>) {
  const { t } = useKommiesEnv()
  const count = useCommentCount(page)
  return (
    <span className={className ?? "kommies-count"} aria-busy={count === null} {...props}>
      {count === null ? "" : t("thread.count", { count })}
    </span>
  )
}
