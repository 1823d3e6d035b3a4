/**
 * What the styled thread shares with the primitives inside it: the comment a
 * permalink points at, and a live region for announcements. Primitives used
 * on their own get the no-op defaults. Also `attempt`: a call whose failure
 * becomes words instead of a rejection.
 */
import type { Translate } from "@kommies/client"
import { errorMessage } from "@kommies/client/ui"
import { type Accessor, createContext, useContext } from "solid-js"

export interface Ui {
  /** The comment id of the page's `#comment-<id>`, once it is shown. */
  readonly highlighted: Accessor<string | null>
  /** Says something in the thread's polite live region. */
  readonly announce: (text: string) => void
}

export const UiContext = createContext<Ui>({ highlighted: () => null, announce: () => {} })

export const useUi = (): Ui => useContext(UiContext)

/** Runs a call; a failure goes to `onError` in words. Resolves whether it succeeded. */
export const attempt = (
  t: Translate,
  onError: (text: string) => void,
  call: () => Promise<unknown>,
): Promise<boolean> =>
  call().then(
    () => true,
    (error) => {
      onError(errorMessage(t, error))
      return false
    },
  )
