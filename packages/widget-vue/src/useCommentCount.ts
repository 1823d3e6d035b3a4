/**
 * `useCommentCount(page)`: a page's comment count, for index pages.
 *
 * @since 0.1.0
 */
import { countOf } from "@kommies/client/ui"
import { getCurrentInstance, onMounted, type Ref, ref } from "vue"
import { useKommies } from "./KommiesProvider.js"

/**
 * The number of visible comments on a page, as a ref: null until it has
 * arrived (or when it could not be had). Counts asked for together share one
 * request.
 *
 * @since 0.1.0
 * @category composables
 * @example
 * const count = useCommentCount("/post/1")
 */
export function useCommentCount(page: string): Readonly<Ref<number | null>> {
  const client = useKommies()
  const count = ref<number | null>(null)
  const load = () =>
    countOf(client, page).then(
      (n) => {
        count.value = n
      },
      () => {},
    )
  if (getCurrentInstance()) onMounted(load)
  else void load()
  return count
}
