/**
 * Comments in a table: author (a link to their history), text, the page it
 * is on (a link to it when its url is known), status, reports and time; with
 * `selected`, a checkbox on each row and one for all.
 */
import type { CommentView } from "../../api/types.js"
import { href, sitePath } from "../../router.js"
import { ago, formatDateTime } from "../../ui/format.js"

export interface CommentTableProps {
  readonly siteId: string
  readonly caption: string
  readonly comments: ReadonlyArray<CommentView>
  readonly selected?: ReadonlySet<string>
  readonly onSelect?: (next: ReadonlySet<string>) => void
}

const authorName = (comment: CommentView) => comment.author?.displayName ?? "Deleted commenter"

/** Only web links: a thread's url comes from the page that posted to it. */
const webUrl = (url: string | null): string | null => {
  if (url === null) return null
  try {
    const parsed = new URL(url)
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.href : null
  } catch {
    return null
  }
}

const ThreadCell = ({ thread }: { readonly thread: CommentView["thread"] }) => {
  if (thread === undefined) return <span className="muted">—</span>
  const url = webUrl(thread.url)
  const name = thread.title ?? thread.key
  return (
    <>
      {url === null ? (
        <span>{name}</span>
      ) : (
        <a href={url} target="_blank" rel="noopener noreferrer">
          {name}
        </a>
      )}
      {thread.title !== null ? (
        <>
          {" "}
          <code className="muted">{thread.key}</code>
        </>
      ) : null}
    </>
  )
}

export const CommentTable = ({
  siteId,
  caption,
  comments,
  selected,
  onSelect,
}: CommentTableProps) => {
  const selectable = selected !== undefined && onSelect !== undefined
  const all = selectable && comments.length > 0 && comments.every((c) => selected.has(c.id))
  const toggle = (id: string) => {
    if (!selectable) return
    const next = new Set(selected)
    if (next.has(id)) next.delete(id)
    else next.add(id)
    onSelect(next)
  }
  return (
    <table className="comments">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          {selectable ? (
            <th scope="col" className="select">
              <input
                type="checkbox"
                aria-label="Select all comments"
                checked={all}
                onChange={() => onSelect(all ? new Set() : new Set(comments.map((c) => c.id)))}
              />
            </th>
          ) : null}
          <th scope="col">Author</th>
          <th scope="col">Comment</th>
          <th scope="col">Page</th>
          <th scope="col">Status</th>
          <th scope="col">Posted</th>
        </tr>
      </thead>
      <tbody>
        {comments.map((comment) => (
          <tr key={comment.id} aria-selected={selectable ? selected.has(comment.id) : undefined}>
            {selectable ? (
              <td className="select">
                <input
                  type="checkbox"
                  aria-label={`Select the comment by ${authorName(comment)}`}
                  checked={selected.has(comment.id)}
                  onChange={() => toggle(comment.id)}
                />
              </td>
            ) : null}
            <td>
              {comment.authorId ? (
                <a href={href(sitePath(siteId, "commenters", comment.authorId))}>
                  {authorName(comment)}
                </a>
              ) : (
                authorName(comment)
              )}
            </td>
            <td>
              {/* Rendered on write by core's Markdown pipeline (safe subset, no raw HTML), as every page shows it. */}
              {/* biome-ignore lint/security/noDangerouslySetInnerHtml: sanitized by the server */}
              <div className="comment-body" dangerouslySetInnerHTML={{ __html: comment.html }} />
            </td>
            <td className="thread">
              <ThreadCell thread={comment.thread} />
            </td>
            <td>
              <span className={`status status-${comment.status}`}>{comment.status}</span>
              {comment.shadowed ? <span className="badge">shadowed</span> : null}
              {comment.reportCount > 0 ? (
                <span className="badge">
                  {comment.reportCount} report{comment.reportCount === 1 ? "" : "s"}
                </span>
              ) : null}
            </td>
            <td>
              <time
                dateTime={new Date(comment.createdAt).toISOString()}
                title={formatDateTime(comment.createdAt)}
              >
                {ago(comment.createdAt)}
              </time>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
