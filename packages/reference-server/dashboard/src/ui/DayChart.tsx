/**
 * A uPlot line chart of one count per day, with its caption, and the same
 * numbers in a table for people who do not see the canvas.
 */
import { useEffect, useId, useRef } from "react"
import uPlot from "uplot"
import { formatNumber } from "./format.js"

export interface DayChartProps {
  readonly title: string
  /** `YYYY-MM-DD` days, oldest first, and one value per day. */
  readonly days: ReadonlyArray<string>
  readonly values: ReadonlyArray<number>
  /** A CSS custom property holding the line's colour. */
  readonly color: string
}

const dark = () => window.matchMedia("(prefers-color-scheme: dark)")

export const DayChart = ({ title, days, values, color }: DayChartProps) => {
  const box = useRef<HTMLDivElement>(null)
  const id = useId()
  useEffect(() => {
    const el = box.current
    if (el === null) return
    let plot: uPlot | undefined
    const draw = () => {
      plot?.destroy()
      const style = getComputedStyle(el)
      const ink = style.getPropertyValue("--muted").trim() || "#555"
      const grid = style.getPropertyValue("--line").trim() || "#ddd"
      const axis = { stroke: ink, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid } }
      plot = new uPlot(
        {
          width: Math.max(280, el.clientWidth),
          height: 220,
          legend: { show: false },
          cursor: { y: false },
          scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(4, max)] } },
          axes: [axis, { ...axis, size: 48 }],
          series: [
            {},
            {
              label: title,
              stroke: style.getPropertyValue(color).trim() || "#2563eb",
              width: 2,
              points: { show: values.length <= 60 },
            },
          ],
        },
        [days.map((day) => Date.parse(`${day}T00:00:00Z`) / 1000), [...values]],
        el,
      )
    }
    draw()
    const resize = new ResizeObserver(() =>
      plot?.setSize({ width: Math.max(280, el.clientWidth), height: 220 }),
    )
    resize.observe(el)
    const scheme = dark()
    scheme.addEventListener("change", draw)
    return () => {
      resize.disconnect()
      scheme.removeEventListener("change", draw)
      plot?.destroy()
    }
  }, [days, values, color, title])
  const total = values.reduce((sum, n) => sum + n, 0)
  return (
    <figure className="card chart" aria-labelledby={id}>
      <figcaption id={id}>
        {title}: {formatNumber(total)} in {days.length} days
      </figcaption>
      <div ref={box} className="chart-canvas" aria-hidden="true" data-points={values.length} />
      <details>
        <summary>The numbers</summary>
        <table>
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Count</th>
            </tr>
          </thead>
          <tbody>
            {days.map((day, i) => (
              <tr key={day}>
                <td>{day}</td>
                <td>{formatNumber(values[i] ?? 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  )
}
