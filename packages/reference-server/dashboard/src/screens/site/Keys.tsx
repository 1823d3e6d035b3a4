/** The site's keys: the public key to embed, and rotating either key. */
import { useState } from "react"
import { ConfirmButton } from "../../ui/ConfirmButton.js"
import { ErrorNote } from "../../ui/ErrorNote.js"
import { ShownOnce } from "../../ui/ShownOnce.js"
import { Title } from "../../ui/Title.js"
import { useAction } from "../../ui/useLoad.js"
import type { SiteProps } from "../SiteLayout.js"

export const Keys = ({ site, api, refreshSite }: SiteProps) => {
  const action = useAction()
  const [publicKey, setPublicKey] = useState(site.publicKey)
  const [secret, setSecret] = useState<string | null>(null)
  const rotate = async (which: "public" | "secret") => {
    const rotated = await action.run(() => api.rotateKey(which))
    if (!rotated) return
    if (which === "public") {
      setPublicKey(rotated.key)
      refreshSite()
    } else setSecret(rotated.key)
  }
  return (
    <>
      <Title>Keys</Title>
      <ErrorNote error={action.error} />
      <section className="card" aria-labelledby="public-key">
        <h2 id="public-key">Public key</h2>
        <p>Pages embed it to show the site's comments. Anybody may see it.</p>
        <p>
          <code className="key" data-testid="public-key">
            {publicKey}
          </code>
        </p>
        <ConfirmButton
          label="Rotate public key"
          question="Pages that embed the old public key stop showing comments until you update them."
          confirmLabel="Yes, rotate the public key"
          disabled={action.pending}
          onConfirm={() => rotate("public")}
          danger
        />
      </section>
      <section className="card" aria-labelledby="secret-key">
        <h2 id="secret-key">Secret key</h2>
        <p>
          Servers use it to act as the site's owner. It was shown once when the site was created; if
          it leaked or was lost, rotate it.
        </p>
        <ConfirmButton
          label="Rotate secret key"
          question="Servers using the old secret key are refused from now on."
          confirmLabel="Yes, rotate the secret key"
          disabled={action.pending}
          onConfirm={() => rotate("secret")}
          danger
        />
      </section>
      {secret ? <ShownOnce label="New secret key" value={secret} /> : null}
    </>
  )
}
