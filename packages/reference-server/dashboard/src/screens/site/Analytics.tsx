/** Comments and spam per day (charts), totals, top threads and top commenters. */
import { useMemo, useState } from "react"
import { href, sitePath } from "../../router.js"
import { DataTable } from "../../ui/DataTable.js"
import { DayChart } from "../../ui/DayChart.js"
import { ErrorNote } from "../../ui/ErrorNote.js"
import { ExternalLink } from "../../ui/ExternalLink.js"
import { formatNumber } from "../../ui/format.js"
import { Loading } from "../../ui/Loading.js"
import { Title } from "../../ui/Title.js"
import { useLoad } from "../../ui/useLoad.js"
import type { SiteProps } from "../SiteLayout.js"

const ranges = [7, 30, 90] as const

export const Analytics = ({ site, api }: SiteProps) => {
  const [days, setDays] = useState<number>(30)
  const analytics = useLoad(`${site.id}/analytics/${days}`, () => api.analytics(days))
  const series = useMemo(() => {
    const list = analytics.data?.days ?? []
    return {
      days: list.map((d) => d.day),
      comments: list.map((d) => d.comments),
      spam: list.map((d) => d.spam),
    }
  }, [analytics.data])
  const data = analytics.data
  return (
    <>
      <Title>Analytics</Title>
      <div className="field inline">
        <label htmlFor="analytics-range">Period</label>
        <select id="analytics-range" value={days} onChange={(e) => setDays(Number(e.target.value))}>
          {ranges.map((n) => (
            <option key={n} value={n}>
              Last {n} days
            </option>
          ))}
        </select>
      </div>
      <ErrorNote error={analytics.error} />
      {analytics.loading && !data ? <Loading /> : null}
      {data ? (
        <>
          <dl className="totals">
            <div>
              <dt>Comments</dt>
              <dd data-testid="total-comments">{formatNumber(data.totals.comments)}</dd>
            </div>
            <div>
              <dt>Spam caught</dt>
              <dd data-testid="total-spam">{formatNumber(data.totals.spam)}</dd>
            </div>
          </dl>
          <div className="charts">
            <DayChart
              title="Comments per day"
              days={series.days}
              values={series.comments}
              color="--chart-1"
            />
            <DayChart
              title="Spam caught per day"
              days={series.days}
              values={series.spam}
              color="--chart-2"
            />
          </div>
          <section aria-labelledby="top-threads">
            <h2 id="top-threads">Top threads</h2>
            <DataTable
              columns={["Thread", "Comments"]}
              rows={data.topThreads}
              empty="No threads yet."
              rowKey={(thread) => thread.id}
              cells={(thread) => (
                <>
                  <td>
                    <ExternalLink url={thread.url}>{thread.title || thread.key}</ExternalLink>
                  </td>
                  <td>{formatNumber(thread.commentCount)}</td>
                </>
              )}
            />
          </section>
          <section aria-labelledby="top-commenters">
            <h2 id="top-commenters">Top commenters</h2>
            <DataTable
              columns={["Commenter", "Role", "Karma"]}
              rows={data.topCommenters}
              empty="No commenters yet."
              rowKey={(c) => c.id}
              cells={(c) => (
                <>
                  <td>
                    <a href={href(sitePath(site.id, "commenters", c.id))}>{c.displayName}</a>
                  </td>
                  <td>{c.role}</td>
                  <td>{formatNumber(c.karma)}</td>
                </>
              )}
            />
          </section>
        </>
      ) : null}
    </>
  )
}
