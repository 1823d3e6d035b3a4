/**
 * `useCommentCount(page)`: a page's comment count, for index pages.
 *
 * @since 0.1.0
 */
import { countOf } from "@kommies/client/ui"
import { useEffect, useState } from "react"
import { useKommies } from "./KommiesProvider.js"

/**
 * The number of visible comments on a page; null until it has arrived (or
 * when it could not be had). Counts asked for in the same render share one
 * request.
 *
 * @since 0.1.0
 * @category hooks
 * @example
 * const count = useCommentCount("/post/1")
 */
export function useCommentCount(page: string): number | null {
  const client = useKommies()
  const [count, setCount] = useState<number | null>(null)
  useEffect(() => {
    let current = true
    countOf(client, page).then(
      (n) => current && setCount(n),
      () => current && setCount(null),
    )
    return () => {
      current = false
    }
  }, [client, page])
  return count
}
