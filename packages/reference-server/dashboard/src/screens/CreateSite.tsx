/** The form for a new site: a name and the origins allowed to embed it. */
import { type FormEvent, useId, useState } from "react"
import type { CreatedSite } from "../../../src/dashboard-api/contract.js"
import { createSite } from "../api/dashboard.js"
import { ErrorNote } from "../ui/ErrorNote.js"
import { Field } from "../ui/Field.js"
import { useAction } from "../ui/useLoad.js"

/** One origin a line (or comma-separated), blanks dropped. */
export const parseLines = (text: string) =>
  text
    .split(/[\n,]/)
    .map((line) => line.trim())
    .filter((line) => line !== "")

export const CreateSite = ({ onCreated }: { readonly onCreated: (site: CreatedSite) => void }) => {
  const [name, setName] = useState("")
  const [origins, setOrigins] = useState("")
  const action = useAction()
  const id = useId()
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const created = await action.run(() => createSite(name.trim(), parseLines(origins)))
    if (created) {
      setName("")
      setOrigins("")
      onCreated(created)
    }
  }
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>New site</h2>
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
            placeholder="https://blog.example.com"
            value={origins}
            onChange={(e) => setOrigins(e.target.value)}
          />
          <p className="hint" id={`${id}-origins-hint`}>
            One a line: the pages that may show its comments.
          </p>
        </div>
        <ErrorNote error={action.error} />
        <button className="button primary" type="submit" disabled={action.pending}>
          Create site
        </button>
      </form>
    </section>
  )
}
