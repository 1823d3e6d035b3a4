/**
 * DOM helpers shared by the React and Vue widget tests (jsdom), imported by
 * relative path: framework-free, over @testing-library/dom and axe-core.
 */
import { screen, waitFor, within } from "@testing-library/dom"
import axe from "axe-core"
import { expect } from "vitest"

/** axe-core's violations on the page; jsdom has no layout, so no colour contrast. */
export const violations = async (): Promise<Array<string>> => {
  const result = await axe.run(document.body, { rules: { "color-contrast": { enabled: false } } })
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(" | ")}`)
}

/** The list item of the comment whose text is `text`. */
export const item = (text: string): ReturnType<typeof within> => {
  const li = screen.getByText(text).closest("li")
  if (!li) throw new Error(`no comment "${text}"`)
  return within(li as HTMLElement)
}

/** Waits until the widget's realtime stream is open. */
export const liveOpen = (): Promise<void> =>
  waitFor(() => expect(document.querySelector(".kommies-live[data-live=open]")).toBeTruthy())
