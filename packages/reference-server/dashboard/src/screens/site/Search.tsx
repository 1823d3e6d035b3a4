/** Search the site's comments by words of the body or the author's name, whatever their status. */
import { type FormEvent, useId, useState } from "react"
import type { CommentView } from "../../api/types.js"
import { ErrorNote } from "../../ui/ErrorNote.js"
import { Title } from "../../ui/Title.js"
import { useAction } from "../../ui/useLoad.js"
import type { SiteProps } from "../SiteLayout.js"
import { CommentTable } from "./CommentTable.js"

interface Results {
  readonly q: string
  readonly comments: ReadonlyArray<CommentView>
  readonly nextCursor: string | null
}

export const Search = ({ site, api }: SiteProps) => {
  const [q, setQ] = useState("")
  const [results, setResults] = useState<Results | null>(null)
  const action = useAction()
  const id = useId()
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const query = q.trim()
    if (query === "") return
    const page = await action.run(() => api.search(query))
    if (page) setResults({ q: query, ...page })
  }
  const more = async () => {
    if (results?.nextCursor == null) return
    const { q: query, nextCursor, comments } = results
    const page = await action.run(() => api.search(query, nextCursor))
    if (page)
      setResults({
        q: query,
        comments: [...comments, ...page.comments],
        nextCursor: page.nextCursor,
      })
  }
  const count = results?.comments.length ?? 0
  return (
    <>
      <Title>Search</Title>
      <form className="inline" aria-label="Comment search" onSubmit={submit}>
        <label htmlFor={id}>Search comments</label>
        <input id={id} type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        <button className="button primary" type="submit" disabled={action.pending}>
          Search
        </button>
      </form>
      {action.error?.status === 404 ? (
        <p className="note">This server does not offer search yet.</p>
      ) : (
        <ErrorNote error={action.error} />
      )}
      <p role="status" className="muted">
        {results
          ? `${count}${results.nextCursor ? "+" : ""} result${count === 1 ? "" : "s"} for “${results.q}”`
          : ""}
      </p>
      {results && count > 0 ? (
        <CommentTable siteId={site.id} caption="Search results" comments={results.comments} />
      ) : null}
      {results?.nextCursor ? (
        <button
          type="button"
          className="button"
          disabled={action.pending}
          onClick={() => void more()}
        >
          More results
        </button>
      ) : null}
    </>
  )
}
