/** The moderation queue: filter by kind, select rows, approve, reject or mark as spam in bulk. */
import { useState } from "react"
import type { CommentView, QueueKind } from "../../api/types.js"
import { ErrorNote } from "../../ui/ErrorNote.js"
import { Loading } from "../../ui/Loading.js"
import { Title } from "../../ui/Title.js"
import { useAction, useLoad } from "../../ui/useLoad.js"
import type { SiteProps } from "../SiteLayout.js"
import { CommentTable } from "./CommentTable.js"

const kinds: ReadonlyArray<{ readonly id: QueueKind; readonly label: string }> = [
  { id: "pending", label: "Pending" },
  { id: "reported", label: "Reported" },
  { id: "spam", label: "Spam" },
  { id: "rejected", label: "Rejected" },
]
type Verdict = "approve" | "reject" | "spam"
const done: Record<Verdict, string> = {
  approve: "approved",
  reject: "rejected",
  spam: "marked as spam",
}

export const Moderation = ({ site, api }: SiteProps) => {
  const [kind, setKind] = useState<QueueKind>("pending")
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set())
  const [more, setMore] = useState<ReadonlyArray<CommentView>>([])
  const [message, setMessage] = useState("")
  const queue = useLoad(`${site.id}/${kind}`, () => api.queue(kind))
  const action = useAction()
  const comments = [...(queue.data ?? []), ...more]

  const choose = (next: QueueKind) => {
    setKind(next)
    setSelected(new Set())
    setMore([])
    setMessage("")
  }
  const apply = async (verdict: Verdict) => {
    const ids = [...selected]
    const results = await action.run(() =>
      Promise.allSettled(ids.map((id) => api.moderate(id, verdict))),
    )
    if (!results) return
    const failed = results.filter((r) => r.status === "rejected").length
    const first = results.find((r): r is PromiseRejectedResult => r.status === "rejected")
    setMessage(
      `${ids.length - failed} comment${ids.length - failed === 1 ? "" : "s"} ${done[verdict]}.` +
        (failed > 0 ? ` ${failed} failed: ${String(first?.reason?.detail ?? first?.reason)}` : ""),
    )
    setSelected(new Set())
    setMore([])
    queue.reload()
  }
  const loadMore = async () => {
    const last = comments.at(-1)
    const page = await action.run(() => api.queue(kind, last?.id))
    if (page) setMore([...more, ...page])
  }

  return (
    <>
      <Title>Moderation</Title>
      <fieldset className="filters">
        <legend>Show</legend>
        {kinds.map((k) => (
          <label key={k.id}>
            <input
              type="radio"
              name="queue-kind"
              value={k.id}
              checked={kind === k.id}
              onChange={() => choose(k.id)}
            />
            {k.label}
          </label>
        ))}
      </fieldset>
      <div className="toolbar" role="toolbar" aria-label="Selected comments">
        <span className="muted">{selected.size} selected</span>
        {(["approve", "reject", "spam"] as const).map((verdict) => (
          <button
            key={verdict}
            type="button"
            className={verdict === "approve" ? "button primary" : "button"}
            disabled={selected.size === 0 || action.pending}
            onClick={() => void apply(verdict)}
          >
            {verdict === "approve" ? "Approve" : verdict === "reject" ? "Reject" : "Spam"}
          </button>
        ))}
      </div>
      <p role="status" className="muted">
        {message}
      </p>
      <ErrorNote error={queue.error ?? action.error} />
      {queue.loading && !queue.data ? <Loading /> : null}
      {queue.data && comments.length === 0 ? <p>Nothing here: the queue is empty.</p> : null}
      {comments.length > 0 ? (
        <CommentTable
          siteId={site.id}
          caption={`${kinds.find((k) => k.id === kind)?.label} comments`}
          comments={comments}
          selected={selected}
          onSelect={setSelected}
        />
      ) : null}
      {comments.length > 0 && comments.length % 50 === 0 ? (
        <button type="button" className="button" onClick={() => void loadMore()}>
          Load more
        </button>
      ) : null}
    </>
  )
}
