/**
 * `SortMenu`: how the thread is ordered.
 *
 * @since 0.1.0
 */
import type { Sort } from "@kommies/client"
import { sorts } from "@kommies/client/ui"
import type { JSX } from "solid-js"
import { useKommies } from "../KommiesProvider.js"
import type { UseThreadResult } from "../useThread.js"

/** @since 0.1.0 @category models */
export interface SortMenuProps {
  readonly thread: UseThreadResult
}

/**
 * A labelled native `<select>` (keyboard and screen readers for free) that
 * reloads the thread in the chosen order.
 *
 * @since 0.1.0
 * @category primitives
 * @example
 * <SortMenu thread={thread} />
 */
export const SortMenu = (props: SortMenuProps): JSX.Element => {
  const { t } = useKommies()
  const thread = props.thread
  const { state } = thread
  return (
    <label class="kommies-sort">
      {t("sort.label")}
      <select
        class="kommies-sort__select"
        onChange={(event) => void thread.setSort(event.currentTarget.value as Sort)}
      >
        {sorts.map((sort) => (
          <option value={sort} selected={state().sort === sort}>
            {t(`sort.${sort}`)}
          </option>
        ))}
      </select>
    </label>
  )
}
