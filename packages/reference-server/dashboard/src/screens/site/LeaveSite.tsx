/** Leaving a site's team: for every member but the owner, who cannot leave their own site. */
import { leaveSite } from "../../api/dashboard.js"
import { navigate } from "../../router.js"
import { ConfirmButton } from "../../ui/ConfirmButton.js"
import { ErrorNote } from "../../ui/ErrorNote.js"
import { useAction } from "../../ui/useLoad.js"
import type { SiteProps } from "../SiteLayout.js"

export const LeaveSite = ({ site, refreshSite }: Pick<SiteProps, "site" | "refreshSite">) => {
  const action = useAction()
  const leave = async () => {
    const left = await action.run(async () => {
      await leaveSite(site.id)
      return true
    })
    if (left) {
      refreshSite()
      navigate("/sites")
    }
  }
  return (
    <section className="card" aria-labelledby="leave-site-title">
      <h2 id="leave-site-title">Leave this site</h2>
      <p>
        You are {site.role === "admin" ? "an admin" : "a moderator"} of {site.name}. Leaving takes
        it off your list; only a new invitation brings you back.
      </p>
      <ErrorNote error={action.error} />
      <ConfirmButton
        label="Leave this site"
        question={`You lose access to ${site.name}.`}
        confirmLabel={`Yes, leave ${site.name}`}
        onConfirm={leave}
        disabled={action.pending}
        danger
      />
    </section>
  )
}
