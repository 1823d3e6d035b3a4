/**
 * `ReplyButton`: opens (and closes) the reply form under a comment.
 *
 * @since 0.1.0
 */
import type { JSX } from "solid-js"
import { useKommies } from "../KommiesProvider.js"

/** @since 0.1.0 @category models */
export interface ReplyButtonProps {
  readonly onClick: () => void
  /** Whether the reply form it controls is open (`aria-expanded`). */
  readonly expanded: boolean
}

/**
 * A "Reply" button that says whether its form is open.
 *
 * @since 0.1.0
 * @category primitives
 * @example
 * <ReplyButton expanded={open()} onClick={() => setOpen(!open())} />
 */
export const ReplyButton = (props: ReplyButtonProps): JSX.Element => (
  <button
    type="button"
    class="kommies-button kommies-button--ghost"
    aria-expanded={props.expanded}
    onClick={() => props.onClick()}
  >
    {useKommies().t("comment.reply")}
  </button>
)
