/** The audit log: who did what, newest first, page by page. */
import { useState } from "react"
import type { AuditEntry } from "../../api/types.js"
import { ErrorNote } from "../../ui/ErrorNote.js"
import { formatDateTime } from "../../ui/format.js"
import { Loading } from "../../ui/Loading.js"
import { Title } from "../../ui/Title.js"
import { useAction, useLoad } from "../../ui/useLoad.js"
import type { SiteProps } from "../SiteLayout.js"

const PAGE = 50

const details = (entry: AuditEntry) =>
  Object.entries(entry.details)
    .map(([key, value]) => `${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`)
    .join(", ")

export const Audit = ({ site, api }: SiteProps) => {
  const first = useLoad(`${site.id}/audit`, () => api.audit())
  const [older, setOlder] = useState<ReadonlyArray<AuditEntry>>([])
  const action = useAction()
  const entries = [...(first.data ?? []), ...older]
  const more = async () => {
    const page = await action.run(() => api.audit(entries.at(-1)?.id))
    if (page) setOlder([...older, ...page])
  }
  return (
    <>
      <Title>Audit log</Title>
      <ErrorNote error={first.error ?? action.error} />
      {first.loading && !first.data ? <Loading /> : null}
      {first.data && entries.length === 0 ? <p>Nothing has happened yet.</p> : null}
      {entries.length > 0 ? (
        <table>
          <caption className="visually-hidden">Audit log</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">Action</th>
              <th scope="col">Target</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id}>
                <td>{formatDateTime(entry.createdAt)}</td>
                <td>{entry.actor}</td>
                <td>
                  <code>{entry.action}</code>
                </td>
                <td>{entry.target}</td>
                <td>{details(entry)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {entries.length > 0 && entries.length % PAGE === 0 ? (
        <button
          type="button"
          className="button"
          disabled={action.pending}
          onClick={() => void more()}
        >
          Older entries
        </button>
      ) : null}
    </>
  )
}
