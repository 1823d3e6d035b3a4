/** This month's usage against the plan's limits, one meter per metric. */
import type { MetricReport } from "../../api/types.js"
import { ErrorNote } from "../../ui/ErrorNote.js"
import { formatNumber } from "../../ui/format.js"
import { Loading } from "../../ui/Loading.js"
import { Title } from "../../ui/Title.js"
import { useLoad } from "../../ui/useLoad.js"
import type { SiteProps } from "../SiteLayout.js"

const metrics = [
  { id: "comments", label: "Comments" },
  { id: "threadLoads", label: "Thread loads" },
  { id: "activeCommenters", label: "Active commenters" },
  { id: "apiCalls", label: "API calls" },
] as const

const Meter = ({ label, report }: { readonly label: string; readonly report: MetricReport }) => {
  const id = `meter-${label.replace(/\W+/g, "-").toLowerCase()}`
  const text =
    report.limit === null
      ? `${formatNumber(report.used)} (unlimited)`
      : `${formatNumber(report.used)} of ${formatNumber(report.limit)}`
  return (
    <div className="meter" data-testid={id}>
      {report.limit === null ? (
        <span className="meter-label">{label}</span>
      ) : (
        <>
          <label htmlFor={id}>{label}</label>
          <meter
            id={id}
            min={0}
            max={report.limit}
            low={report.limit * 0.8}
            high={report.limit}
            optimum={0}
            value={Math.min(report.used, report.limit)}
          >
            {text}
          </meter>
        </>
      )}
      <output htmlFor={report.limit === null ? undefined : id} className="meter-text">
        {text}
        {report.blocked
          ? " — blocked: upgrade the plan"
          : report.inGrace
            ? " — over the limit, in grace"
            : ""}
      </output>
    </div>
  )
}

export const Usage = ({ site, api }: SiteProps) => {
  const usage = useLoad(`${site.id}/usage`, api.usage)
  const data = usage.data
  return (
    <>
      <Title>Usage</Title>
      <ErrorNote error={usage.error} />
      {usage.loading && !data ? <Loading /> : null}
      {data ? (
        <>
          <p>
            {data.month} on the <strong>{data.plan.name}</strong> plan.
          </p>
          <div className="meters">
            {metrics.map((m) => (
              <Meter key={m.id} label={m.label} report={data.metrics[m.id]} />
            ))}
          </div>
        </>
      ) : null}
    </>
  )
}
