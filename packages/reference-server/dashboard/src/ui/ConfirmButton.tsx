/**
 * A button for acts that cannot be undone: the first press asks, the second
 * (on "Yes, …") does it; Cancel or Escape takes it back.
 */
import { type ReactNode, useEffect, useRef, useState } from "react"

export interface ConfirmButtonProps {
  readonly label: string
  /** The question, e.g. "Pages with the old key stop working." */
  readonly question: ReactNode
  readonly confirmLabel: string
  readonly onConfirm: () => void | Promise<void>
  readonly disabled?: boolean
  readonly danger?: boolean
}

export const ConfirmButton = (props: ConfirmButtonProps) => {
  const [asking, setAsking] = useState(false)
  const yes = useRef<HTMLButtonElement>(null)
  const ask = useRef<HTMLButtonElement>(null)
  const opened = useRef(false)
  useEffect(() => {
    // Focus follows the question, and comes back to the button when it closes.
    if (asking) yes.current?.focus()
    else if (opened.current) ask.current?.focus()
    opened.current ||= asking
  }, [asking])
  if (!asking)
    return (
      <button
        ref={ask}
        type="button"
        className={props.danger ? "button danger" : "button"}
        disabled={props.disabled}
        onClick={() => setAsking(true)}
      >
        {props.label}
      </button>
    )
  return (
    <fieldset
      className="confirm"
      onKeyDown={(event) => {
        if (event.key === "Escape") setAsking(false)
      }}
    >
      <legend className="visually-hidden">{props.label}</legend>
      <p>{props.question}</p>
      <button
        ref={yes}
        type="button"
        className="button danger"
        disabled={props.disabled}
        onClick={() => {
          setAsking(false)
          void props.onConfirm()
        }}
      >
        {props.confirmLabel}
      </button>
      <button type="button" className="button ghost" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </fieldset>
  )
}
