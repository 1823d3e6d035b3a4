/** The form for a new site: a name and the origins allowed to embed it. */
import { type FormEvent, useId, useState } from "react"
import type { CreatedSite } from "../../../src/dashboard-api/contract.js"
import { createSite } from "../api/dashboard.js"
import { SiteFields } from "../ui/SiteFields.js"
import { Submit } from "../ui/Submit.js"
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
        <SiteFields name={name} onName={setName} origins={origins} onOrigins={setOrigins} />
        <Submit action={action}>Create site</Submit>
      </form>
    </section>
  )
}
