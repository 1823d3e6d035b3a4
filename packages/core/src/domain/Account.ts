/**
 * An account: a person who owns or helps run sites in the dashboard.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { AccountId } from "../Ids.js"

/** @since 0.1.0 @category models */
export const Account = Schema.Struct({
  id: AccountId,
  /** Lower-cased. */
  email: Schema.String,
  name: Schema.String,
  passwordHash: Schema.NullOr(Schema.String),
  verified: Schema.Boolean,
  createdAt: Schema.Number,
  updatedAt: Schema.Number,
})
/** @since 0.1.0 @category models */
export type Account = typeof Account.Type
