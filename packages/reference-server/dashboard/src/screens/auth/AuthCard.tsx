/** The frame of the signed-out screens: one card, one form. */
import type { ReactNode } from "react"
import { Title } from "../../ui/Title.js"

export const AuthCard = ({
  title,
  children,
  footer,
}: {
  readonly title: string
  readonly children: ReactNode
  readonly footer?: ReactNode
}) => (
  <main id="main" className="auth">
    <div className="card">
      <Title>{title}</Title>
      {children}
    </div>
    {footer ? <nav aria-label="Account">{footer}</nav> : null}
  </main>
)

/** A signed-out path that carries where to go afterwards. */
export const withNext = (path: string, next: string | null) =>
  next === null || next === "/sites" ? path : `${path}?next=${encodeURIComponent(next)}`
