/**
 * `CommentList`: the top-level comments of a thread, or the replies under one.
 *
 * @since 0.1.0
 */
import { For, type JSX } from "solid-js"
import { useKommies } from "../KommiesProvider.js"
import type { UseThreadResult } from "../useThread.js"
import { CommentItem } from "./CommentItem.js"

/** @since 0.1.0 @category models */
export interface CommentListProps {
  readonly thread: UseThreadResult
  /** List the loaded replies under this comment; default the top level. */
  readonly parentId?: string | undefined
  /** Renders each comment; default `<CommentItem thread id />`. */
  readonly children?: (id: string) => JSX.Element
}

const skeleton = () => (
  <div class="kommies-skeleton">
    <div class="kommies-skeleton__avatar" />
    <div>
      <div class="kommies-skeleton__line" />
      <div class="kommies-skeleton__line" />
    </div>
  </div>
)

/**
 * An ordered list (`role="list"`, so it stays a list without bullets) of
 * comments, keyed by id: a change re-renders only the comments it touches.
 * An empty top level shows the thread's state instead: placeholders of a
 * comment's size while it loads (no layout shift), an error with "Try
 * again", or the empty note.
 *
 * @since 0.1.0
 * @category primitives
 * @example
 * <CommentList thread={thread}>{(id) => <MyComment id={id} />}</CommentList>
 */
export const CommentList = (props: CommentListProps): JSX.Element => {
  const { t } = useKommies()
  const thread = props.thread
  const { state } = thread
  const reply = props.parentId
  const ids = () => (reply ? (state().children[reply] ?? []) : state().top)
  const status = () => (ids().length > 0 || reply ? "" : state().status)
  // An unknown or rotated key is the page's to fix: trying again will not help.
  const keyRefused = () => state().error?.code.startsWith("key_")
  return (
    <>
      {status() === "error" ? (
        <p class="kommies-status kommies-status--error" role="alert">
          {keyRefused() ? (
            t("error.siteKeyInvalid")
          ) : (
            <>
              {t("thread.error")}{" "}
              <button type="button" class="kommies-button" onClick={() => void thread.load()}>
                {t("thread.retry")}
              </button>
            </>
          )}
        </p>
      ) : status() === "ready" ? (
        <p class="kommies-status">{t("thread.empty")}</p>
      ) : (
        status() && <div aria-hidden="true">{[skeleton(), skeleton(), skeleton()]}</div>
      )}
      {ids().length > 0 && (
        <ol
          class={reply ? "kommies-list kommies-list--replies" : "kommies-list"}
          // biome-ignore lint/a11y/noRedundantRoles: `list-style: none` drops the list role in Safari
          role="list"
          aria-busy={state().status === "loading"}
        >
          <For each={ids()}>
            {(id) =>
              props.children ? props.children(id) : <CommentItem thread={thread} id={id} />
            }
          </For>
        </ol>
      )}
    </>
  )
}
