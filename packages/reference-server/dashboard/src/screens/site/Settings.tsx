/** The site's name and origins, and how comments behave: moderation, guests, limits, filter. */
import { ErrorNote } from "../../ui/ErrorNote.js"
import { Loading } from "../../ui/Loading.js"
import { Title } from "../../ui/Title.js"
import { useLoad } from "../../ui/useLoad.js"
import type { SiteProps } from "../SiteLayout.js"
import { CommentSettingsForm } from "./CommentSettingsForm.js"
import { SiteDetailsForm } from "./SiteDetailsForm.js"

export const Settings = ({ site, api, refreshSite }: SiteProps) => {
  const view = useLoad(`${site.id}/site`, api.site)
  return (
    <>
      <Title>Settings</Title>
      <ErrorNote error={view.error} />
      {view.loading && !view.data ? <Loading /> : null}
      {view.data ? (
        <>
          <SiteDetailsForm
            view={view.data}
            api={api}
            onSaved={(saved) => {
              view.set(saved)
              refreshSite()
            }}
          />
          <CommentSettingsForm view={view.data} api={api} onSaved={view.set} />
        </>
      ) : null}
    </>
  )
}
