/** One site: its menu (only what the role may open) and the screen asked for. */
import type { ReactNode } from "react"
import type { SiteSummary } from "../../../src/dashboard-api/contract.js"
import { listSites } from "../api/dashboard.js"
import { type SiteApi, siteApi } from "../api/site.js"
import { canOpen, isScreen, type Screen, screens } from "../permissions.js"
import { href, sitePath } from "../router.js"
import { ErrorNote } from "../ui/ErrorNote.js"
import { Loading } from "../ui/Loading.js"
import { Title } from "../ui/Title.js"
import { useLoad } from "../ui/useLoad.js"
import { Analytics } from "./site/Analytics.js"
import { Audit } from "./site/Audit.js"
import { Billing } from "./site/Billing.js"
import { Commenter } from "./site/Commenter.js"
import { Install } from "./site/Install.js"
import { Keys } from "./site/Keys.js"
import { Moderation } from "./site/Moderation.js"
import { Search } from "./site/Search.js"
import { Settings } from "./site/Settings.js"
import { Team } from "./site/Team.js"
import { Usage } from "./site/Usage.js"

/** What every screen of a site gets. */
export interface SiteProps {
  readonly site: SiteSummary
  readonly api: SiteApi
  /** Loads the site list again (after a key rotation or a rename). */
  readonly refreshSite: () => void
}

const render = (screen: Screen, props: SiteProps): ReactNode => {
  switch (screen) {
    case "install":
      return <Install {...props} />
    case "keys":
      return <Keys {...props} />
    case "moderation":
      return <Moderation {...props} />
    case "search":
      return <Search {...props} />
    case "analytics":
      return <Analytics {...props} />
    case "usage":
      return <Usage {...props} />
    case "billing":
      return <Billing {...props} />
    case "team":
      return <Team {...props} />
    case "audit":
      return <Audit {...props} />
    case "settings":
      return <Settings {...props} />
  }
}

export interface SiteLayoutProps {
  readonly siteId: string
  /** `moderation`, `keys`, …, or `commenters` with a commenter id. */
  readonly screen: string | undefined
  readonly commenterId: string | undefined
}

export const SiteLayout = ({ siteId, screen, commenterId }: SiteLayoutProps) => {
  const sites = useLoad("sites", listSites)
  const site = sites.data?.find((s) => s.id === siteId)
  if (sites.error || !sites.data)
    return (
      <main id="main" className="page">
        {sites.error ? <ErrorNote error={sites.error} /> : <Loading />}
      </main>
    )
  if (site === undefined)
    return (
      <main id="main" className="page">
        <Title>Site not found</Title>
        <p>
          This site does not exist or you are not on its team.{" "}
          <a href={href("/sites")}>Your sites</a>
        </p>
      </main>
    )
  const current: Screen | "commenters" =
    screen === "commenters" && commenterId
      ? "commenters"
      : isScreen(screen)
        ? screen
        : site.role === "moderator"
          ? "moderation"
          : "install"
  const props: SiteProps = { site, api: siteApi(site.id), refreshSite: sites.reload }
  const menu = screens.filter((s) => canOpen(site.role, s.id))
  return (
    <div className="site">
      <nav className="site-nav" aria-label={`${site.name} menu`}>
        <p className="site-name">
          {site.name} <span className="badge">{site.role}</span>
        </p>
        <ul>
          {menu.map((item) => (
            <li key={item.id}>
              <a
                href={href(sitePath(site.id, item.id))}
                aria-current={item.id === current ? "page" : undefined}
              >
                {item.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" className="page" key={`${current}/${commenterId ?? ""}`}>
        {current === "commenters" ? (
          <Commenter {...props} commenterId={commenterId!} />
        ) : canOpen(site.role, current) ? (
          render(current, props)
        ) : (
          <>
            <Title>Not for your role</Title>
            <p>
              As a {site.role} of {site.name} you cannot open this screen.{" "}
              <a href={href(sitePath(site.id, "moderation"))}>Go to moderation</a>
            </p>
          </>
        )}
      </main>
    </div>
  )
}
