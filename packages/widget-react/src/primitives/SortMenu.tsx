/**
 * `<SortMenu>`: choose how the thread is ordered.
 *
 * @since 0.1.0
 */
import type { Sort } from "@kommies/client"
import { sorts } from "@kommies/client/ui"
import type { ComponentPropsWithoutRef } from "react"
import { useKommiesEnv } from "../KommiesProvider.js"
import type { UseThreadResult } from "../useThread.js"

/** @since 0.1.0 @category models */
export interface SortMenuProps extends Omit<ComponentPropsWithoutRef<"label">, "children"> {
  readonly thread: UseThreadResult
  readonly classes?: Partial<Record<"select", string>> | undefined
}

/**
 * A labelled `<select>` of the sorts; choosing one reloads the thread.
 *
 * @since 0.1.0
 * @category primitives
 * @example
 * <SortMenu thread={thread} />
 */
export function SortMenu({ thread, classes = {}, ...props }: SortMenuProps) {
  const { t } = useKommiesEnv()
  return (
    <label {...props}>
      {t("sort.label")}
      <select
        className={classes.select}
        value={thread.state.sort}
        onChange={(e) => void thread.setSort(e.currentTarget.value as Sort)}
      >
        {sorts.map((sort) => (
          <option key={sort} value={sort}>
            {t(`sort.${sort}`)}
          </option>
        ))}
      </select>
    </label>
  )
}
