/** A link to another site in a new tab, or the bare text when there is no URL to go to. */
import type { ReactNode } from "react"

export const ExternalLink = ({
  url,
  children,
}: {
  readonly url: string | null | undefined
  readonly children: ReactNode
}) =>
  url ? (
    <a href={url} rel="noreferrer noopener" target="_blank">
      {children}
    </a>
  ) : (
    children
  )
