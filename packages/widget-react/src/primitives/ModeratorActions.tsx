/**
 * `<ModeratorActions>`: approve, reject, spam and ban inline; lock a thread.
 *
 * @since 0.1.0
 */
import type { CommentView, Verdict } from "@kommies/client"
import { isModerator, isSending } from "@kommies/client/ui"
import { type ComponentPropsWithoutRef, useState } from "react"
import { useKommiesEnv } from "../KommiesProvider.js"
import { useCommenter } from "../useCommenter.js"
import type { UseThreadResult } from "../useThread.js"

/** @since 0.1.0 @category models */
export interface ModeratorActionsProps extends Omit<ComponentPropsWithoutRef<"div">, "children"> {
  readonly thread: UseThreadResult
  /** The comment to act on; without it, the thread's lock and unlock. */
  readonly comment?: CommentView | undefined
  readonly onError?: ((error: unknown) => void) | undefined
  readonly classes?: Partial<Record<"button" | "reports", string>> | undefined
}

const verdicts = [
  ["approve", "approved"],
  ["reject", "rejected"],
  ["spam", "spam"],
] as const

/**
 * For moderators only (nothing for anybody else): the verdicts a comment
 * does not have yet, banning its author (normal or shadow), and its report
 * count; or, without `comment`, locking the thread.
 *
 * @since 0.1.0
 * @category primitives
 * @example
 * <ModeratorActions thread={thread} comment={comment} />
 * <ModeratorActions thread={thread} />
 */
export function ModeratorActions({
  thread,
  comment,
  onError,
  classes = {},
  ...props
}: ModeratorActionsProps) {
  const { t, client } = useKommiesEnv()
  const { commenter: me } = useCommenter()
  const [banned, setBanned] = useState(false)
  const { thread: info } = thread.state
  if (!isModerator(me) || (comment ? comment.status === "deleted" || isSending(comment) : !info))
    return null
  const act = (work: () => Promise<unknown>) => () => void work().catch((e) => onError?.(e))
  const button = (label: string, work: () => Promise<unknown>, disabled = false) => (
    <button
      key={label}
      type="button"
      className={classes.button}
      disabled={disabled}
      onClick={act(work)}
    >
      {label}
    </button>
  )
  if (!comment)
    return (
      // biome-ignore lint/a11y/useSemanticElements: a group of buttons, not a form section (a fieldset brings borders)
      <div role="group" {...props}>
        {button(t(info?.locked ? "mod.unlock" : "mod.lock"), () => thread.lock(!info?.locked))}
      </div>
    )
  const author = comment.authorId
  const ban = (kind: "normal" | "shadow") => async () => {
    if (author) await client.ban(author, { kind })
    setBanned(true)
  }
  return (
    // biome-ignore lint/a11y/useSemanticElements: a group of buttons, not a form section (a fieldset brings borders)
    <div role="group" {...props}>
      {verdicts.map(([verdict, status]: readonly [Verdict, string]) =>
        comment.status === status
          ? null
          : button(t(`mod.${verdict}`), () => thread.moderate(comment.id, verdict)),
      )}
      {author &&
        author !== me?.id && [
          button(t("mod.ban"), ban("normal"), banned),
          button(t("mod.shadowBan"), ban("shadow"), banned),
        ]}
      {comment.reportCount > 0 && (
        <span className={classes.reports}>{t("mod.reports", { count: comment.reportCount })}</span>
      )}
    </div>
  )
}
