/** The site's name and the origins allowed to embed its comments. */
import { type FormEvent, useId, useState } from "react"
import type { SiteApi } from "../../api/site.js"
import type { SiteView } from "../../api/types.js"
import { ErrorNote } from "../../ui/ErrorNote.js"
import { Field } from "../../ui/Field.js"
import { useAction } from "../../ui/useLoad.js"
import { parseLines } from "../CreateSite.js"

export interface SiteDetailsFormProps {
  readonly view: SiteView
  readonly api: SiteApi
  readonly onSaved: (view: SiteView) => void
}

export const SiteDetailsForm = ({ view, api, onSaved }: SiteDetailsFormProps) => {
  const [name, setName] = useState(view.name)
  const [origins, setOrigins] = useState(view.allowedOrigins.join("\n"))
  const [status, setStatus] = useState("")
  const action = useAction()
  const id = useId()
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setStatus("")
    const saved = await action.run(() =>
      api.updateSite({ name: name.trim(), allowedOrigins: parseLines(origins) }),
    )
    if (saved) {
      setStatus("Saved.")
      onSaved(saved)
    }
  }
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Site</h2>
      <form onSubmit={submit}>
        <Field
          label="Site name"
          required
          maxLength={200}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <div className="field">
          <label htmlFor={`${id}-origins`}>Allowed origins</label>
          <textarea
            id={`${id}-origins`}
            rows={3}
            aria-describedby={`${id}-origins-hint`}
            value={origins}
            onChange={(e) => setOrigins(e.target.value)}
          />
          <p className="hint" id={`${id}-origins-hint`}>
            One a line, like https://blog.example.com: the pages that may show its comments.
          </p>
        </div>
        <ErrorNote error={action.error} />
        <button type="submit" className="button primary" disabled={action.pending}>
          Save site
        </button>
        <p role="status">{status}</p>
      </form>
    </section>
  )
}
