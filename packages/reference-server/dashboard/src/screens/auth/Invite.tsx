/** An invitation link: sign in or sign up first, then accept it. */
import { acceptInvitation } from "../../api/dashboard.js"
import { href, navigate, sitePath } from "../../router.js"
import { ErrorNote } from "../../ui/ErrorNote.js"
import { useAction } from "../../ui/useLoad.js"
import { AuthCard, withNext } from "./AuthCard.js"

export const Invite = ({
  token,
  signedIn,
}: {
  readonly token: string
  readonly signedIn: boolean
}) => {
  const action = useAction()
  const here = `/invite/${encodeURIComponent(token)}`
  if (!signedIn)
    return (
      <AuthCard title="You are invited">
        <p>You were invited to help run a site. Sign in or create an account to accept.</p>
        <p className="actions">
          <a className="button primary" href={href(withNext("/signin", here))}>
            Sign in to accept
          </a>
          <a className="button" href={href(withNext("/signup", here))}>
            Create an account
          </a>
        </p>
      </AuthCard>
    )
  const accept = async () => {
    const accepted = await action.run(() => acceptInvitation(token))
    if (accepted) navigate(sitePath(accepted.site.id, "moderation"))
  }
  return (
    <AuthCard title="You are invited" footer={<a href={href("/sites")}>Your sites</a>}>
      <p>Accept to join the site's team with the role the invitation gives.</p>
      <ErrorNote error={action.error} />
      <button
        type="button"
        className="button primary"
        disabled={action.pending}
        onClick={() => void accept()}
      >
        Accept invitation
      </button>
    </AuthCard>
  )
}
