/** An API error, said for people: a 403 is about the role, not a failure. */
import type { KommiesError } from "@kommies/client"

const explain = (error: KommiesError) => {
  if (error.status === 403) return "Your role on this site does not allow this."
  if (error.status === 0) return error.detail
  if (error.status === 402) return `This site is over its plan: ${error.detail}`
  return error.detail || `Something went wrong (${error.code}).`
}

export const ErrorNote = ({ error }: { readonly error: KommiesError | undefined }) =>
  error === undefined ? null : (
    <p className="note note-error" role="alert" data-code={error.code}>
      {explain(error)}
    </p>
  )
