/** The account's sites, and a new one (saas mode). */
import { useState } from "react"
import type { CreatedSite } from "../../../src/dashboard-api/contract.js"
import { listSites } from "../api/dashboard.js"
import { href, sitePath } from "../router.js"
import { ErrorNote } from "../ui/ErrorNote.js"
import { Loading } from "../ui/Loading.js"
import { ShownOnce } from "../ui/ShownOnce.js"
import { Title } from "../ui/Title.js"
import { useLoad } from "../ui/useLoad.js"
import { CreateSite } from "./CreateSite.js"

export const Sites = ({ mode }: { readonly mode: "standalone" | "saas" }) => {
  const sites = useLoad("sites", listSites)
  const [created, setCreated] = useState<CreatedSite | null>(null)
  return (
    <main id="main" className="page">
      <Title>Your sites</Title>
      {created ? (
        <>
          <p className="note note-ok" role="status">
            Site “{created.site.name}” created.{" "}
            <a href={href(sitePath(created.site.id, "install"))}>Install it on your pages</a>
          </p>
          <ShownOnce label="Secret key" value={created.secretKey} />
        </>
      ) : null}
      <ErrorNote error={sites.error} />
      {sites.loading && !sites.data ? <Loading /> : null}
      {sites.data && sites.data.length === 0 ? (
        <p>{mode === "saas" ? "No sites yet: create your first one below." : "No sites yet."}</p>
      ) : null}
      {sites.data && sites.data.length > 0 ? (
        <table>
          <caption className="visually-hidden">Sites</caption>
          <thead>
            <tr>
              <th scope="col">Site</th>
              <th scope="col">Your role</th>
              <th scope="col">Public key</th>
            </tr>
          </thead>
          <tbody>
            {sites.data.map((site) => (
              <tr key={site.id}>
                <td>
                  <a
                    href={href(
                      sitePath(site.id, site.role === "moderator" ? "moderation" : "install"),
                    )}
                  >
                    {site.name}
                  </a>
                </td>
                <td>{site.role}</td>
                <td>
                  <code>{site.publicKey}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {mode === "saas" ? (
        <CreateSite
          onCreated={(site) => {
            setCreated(site)
            sites.reload()
          }}
        />
      ) : (
        <p className="note">
          This server runs in standalone mode: its one site is configured by the server, and you
          join it by invitation (the first verified account owns it).
        </p>
      )}
    </main>
  )
}
