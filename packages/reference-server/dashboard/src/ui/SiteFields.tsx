/** A site's name and the origins allowed to embed it, as the new-site and site forms ask for them. */
import { useId } from "react"
import { Field } from "./Field.js"

export interface SiteFieldsProps {
  readonly name: string
  readonly onName: (name: string) => void
  /** One origin a line, as typed (`parseLines` reads them). */
  readonly origins: string
  readonly onOrigins: (origins: string) => void
}

export const SiteFields = ({ name, onName, origins, onOrigins }: SiteFieldsProps) => {
  const id = useId()
  return (
    <>
      <Field
        label="Site name"
        required
        maxLength={200}
        value={name}
        onChange={(e) => onName(e.target.value)}
      />
      <div className="field">
        <label htmlFor={`${id}-origins`}>Allowed origins</label>
        <textarea
          id={`${id}-origins`}
          rows={3}
          aria-describedby={`${id}-origins-hint`}
          placeholder="https://blog.example.com"
          value={origins}
          onChange={(e) => onOrigins(e.target.value)}
        />
        <p className="hint" id={`${id}-origins-hint`}>
          One a line: the pages that may show its comments.
        </p>
      </div>
    </>
  )
}
