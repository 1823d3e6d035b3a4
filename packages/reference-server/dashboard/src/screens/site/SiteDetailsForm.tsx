/** The site's name and the origins allowed to embed its comments. */
import { type FormEvent, useId, useState } from "react"
import type { SiteApi } from "../../api/site.js"
import type { SiteView } from "../../api/types.js"
import { SiteFields } from "../../ui/SiteFields.js"
import { Submit } from "../../ui/Submit.js"
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
        <SiteFields name={name} onName={setName} origins={origins} onOrigins={setOrigins} />
        <Submit action={action}>Save site</Submit>
        <p role="status">{status}</p>
      </form>
    </section>
  )
}
