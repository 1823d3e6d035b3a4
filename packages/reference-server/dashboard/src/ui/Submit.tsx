/** The end of a form: the error of its last try, then its submit button, off while it runs. */
import type { KommiesError } from "@kommies/client"
import type { ReactNode } from "react"
import { ErrorNote } from "./ErrorNote.js"

export interface SubmitProps {
  /** The form's `useAction()`, or anything with its pending flag and error. */
  readonly action: { readonly pending: boolean; readonly error: KommiesError | undefined }
  readonly children: ReactNode
}

export const Submit = ({ action, children }: SubmitProps) => (
  <>
    <ErrorNote error={action.error} />
    <button className="button primary" type="submit" disabled={action.pending}>
      {children}
    </button>
  </>
)
