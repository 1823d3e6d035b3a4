/**
 * `useCommentCount`: the comment count of a page, for index pages.
 *
 * @since 0.1.0
 */
import { countOf } from "@kommies/client/ui"
import { type Accessor, createResource } from "solid-js"
import { useKommies } from "./KommiesProvider.js"

/**
 * The number of comments anybody can see on a page; undefined while loading
 * (and when it cannot be had). Counts of the pages rendered together are
 * fetched with one request.
 *
 * @since 0.1.0
 * @category hooks
 * @example
 * const count = useCommentCount(() => post.path)
 * <span>{count() ?? "–"}</span>
 */
export const useCommentCount = (page: string | Accessor<string>): Accessor<number | undefined> => {
  const { client } = useKommies()
  const [count] = createResource(typeof page === "string" ? () => page : page, (key) =>
    countOf(client, key).catch(() => undefined),
  )
  return () => count()
}
