/**
 * The account fields the sign-in, sign-up and reset forms share, with the
 * autocomplete hints that let password managers fill and save them.
 */
import { Field } from "./Field.js"

export interface AccountFieldProps {
  readonly value: string
  readonly onChange: (value: string) => void
}

export const EmailField = ({ value, onChange }: AccountFieldProps) => (
  <Field
    label="Email"
    type="email"
    autoComplete="email"
    required
    value={value}
    onChange={(e) => onChange(e.target.value)}
  />
)

/** A password being chosen: at least 8 characters, as the server asks. */
export const NewPasswordField = ({
  label,
  value,
  onChange,
}: AccountFieldProps & { readonly label: string }) => (
  <Field
    label={label}
    type="password"
    autoComplete="new-password"
    required
    minLength={8}
    hint="At least 8 characters."
    value={value}
    onChange={(e) => onChange(e.target.value)}
  />
)
