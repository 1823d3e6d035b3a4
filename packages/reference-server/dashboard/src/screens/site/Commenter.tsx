/** One commenter: their comments, ban or shadow-ban (for a time), unban, and their role. */
import { canSetRoles } from "../../permissions.js"
import { ErrorNote } from "../../ui/ErrorNote.js"
import { Loading } from "../../ui/Loading.js"
import { Title } from "../../ui/Title.js"
import { useLoad } from "../../ui/useLoad.js"
import type { SiteProps } from "../SiteLayout.js"
import { BanForm } from "./BanForm.js"
import { CommentTable } from "./CommentTable.js"
import { RoleForm } from "./RoleForm.js"

export const Commenter = ({
  site,
  api,
  commenterId,
}: SiteProps & { readonly commenterId: string }) => {
  const history = useLoad(`${site.id}/history/${commenterId}`, () => api.history(commenterId))
  const author = history.data?.commenter ?? null
  const comments = history.data?.comments
  const name = author?.displayName ?? "Commenter"
  return (
    <>
      <Title>{name}</Title>
      {author ? (
        <p className="muted">
          Role {author.role} · karma {author.karma} · id <code>{commenterId}</code>
        </p>
      ) : null}
      {history.data ? (
        <BanForm
          api={api}
          commenterId={commenterId}
          name={name}
          current={history.data.ban}
          onChange={history.reload}
        />
      ) : null}
      {canSetRoles(site.role) ? (
        <RoleForm api={api} commenterId={commenterId} current={author?.role ?? "user"} />
      ) : null}
      <section aria-labelledby="history-title">
        <h2 id="history-title">Comments</h2>
        <ErrorNote error={history.error} />
        {history.loading && !history.data ? <Loading /> : null}
        {comments && comments.length === 0 ? <p>No comments.</p> : null}
        {comments && comments.length > 0 ? (
          <CommentTable siteId={site.id} caption={`Comments by ${name}`} comments={comments} />
        ) : null}
      </section>
    </>
  )
}
