/**
 * A screen's heading, which names the page too. It takes focus when the
 * screen opens after a route change, so keyboard and screen reader users land
 * on the new content; on a page load the browser's focus stays at the top.
 */
import { type ReactNode, useEffect, useRef } from "react"

/** The first screen after a page load keeps the browser's focus at the top ("Skip to content" first). */
let firstScreen = true

export const Title = ({ children }: { readonly children: ReactNode }) => {
  const ref = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    if (firstScreen) firstScreen = false
    else ref.current?.focus({ preventScroll: true })
  }, [])
  useEffect(() => {
    document.title = `${ref.current?.textContent ?? ""} – Kommies`
  })
  return (
    <h1 ref={ref} tabIndex={-1}>
      {children}
    </h1>
  )
}
