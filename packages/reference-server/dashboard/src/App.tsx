/** The dashboard: boots the session, then shows the screen the hash asks for. */
import { type ReactNode, useEffect, useSyncExternalStore } from "react"
import { boot, signOut, snapshot, subscribe } from "./api/client.js"
import { href, navigate, type Route, useRoute } from "./router.js"
import { Forgot } from "./screens/auth/Forgot.js"
import { Invite } from "./screens/auth/Invite.js"
import { Reset } from "./screens/auth/Reset.js"
import { SignIn } from "./screens/auth/SignIn.js"
import { SignUp } from "./screens/auth/SignUp.js"
import { Verify } from "./screens/auth/Verify.js"
import { SiteLayout } from "./screens/SiteLayout.js"
import { Sites } from "./screens/Sites.js"
import { Loading } from "./ui/Loading.js"

const signedOutScreen = (route: Route) => {
  const [first, second] = route.segments
  const next = route.params.get("next")
  const email = route.params.get("email")
  switch (first) {
    case "signup":
      return <SignUp next={next} />
    case "verify":
      return second ? <Verify challengeId={second} email={email} next={next} /> : null
    case "forgot":
      return <Forgot />
    case "reset":
      return second ? <Reset challengeId={second} email={email} /> : null
    case "signin":
      return <SignIn next={next} />
    default:
      return undefined
  }
}

const Header = ({ name }: { readonly name: string | null }) => (
  <header className="top">
    <a className="brand" href={href("/sites")}>
      Kommies
    </a>
    {name !== null ? (
      <div className="account">
        <span>{name}</span>
        <button
          type="button"
          className="button ghost"
          onClick={() => void signOut().finally(() => navigate("/signin"))}
        >
          Sign out
        </button>
      </div>
    ) : null}
  </header>
)

export const App = () => {
  const auth = useSyncExternalStore(subscribe, snapshot)
  const route = useRoute()
  useEffect(() => {
    void boot()
  }, [])
  const [first, second, third, fourth] = route.segments
  const signedIn = auth.status === "signedIn"

  let body: ReactNode
  if (auth.status === "booting")
    body = (
      <main id="main" className="page">
        <Loading what="Loading the dashboard…" />
      </main>
    )
  else if (auth.status === "offline" || auth.config === null)
    body = (
      <main id="main" className="page">
        <h1>The server could not be reached</h1>
        <p>Reload the page to try again.</p>
      </main>
    )
  else if (first === "invite" && second) body = <Invite token={second} signedIn={signedIn} />
  else if (!signedIn) body = signedOutScreen(route) ?? <SignIn next={route.path} />
  else if (first === "sites" && second)
    body = <SiteLayout siteId={second} screen={third} commenterId={fourth} />
  else body = <Sites mode={auth.config.mode} />

  return (
    <>
      {/* A button, not a link to #main: the hash is the route. */}
      <button
        type="button"
        className="skip"
        onClick={() => document.querySelector<HTMLElement>("#main h1")?.focus()}
      >
        Skip to content
      </button>
      <Header name={signedIn ? auth.account?.name || auth.account?.email || "" : null} />
      {body}
    </>
  )
}
