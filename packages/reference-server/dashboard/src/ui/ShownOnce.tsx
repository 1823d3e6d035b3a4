/** A secret shown this one time, with a copy button and the warning that goes with it. */
import { CopyButton } from "./CopyButton.js"

export const ShownOnce = ({ label, value }: { readonly label: string; readonly value: string }) => (
  <section className="card secret" aria-label={label}>
    <h2>{label}</h2>
    <p>
      <strong>Copy it now: it is shown only this once.</strong> Keep it on your servers, never in a
      page.
    </p>
    <code className="key" data-testid="shown-once">
      {value}
    </code>
    <CopyButton text={value} label={`Copy ${label.toLowerCase()}`} />
  </section>
)
