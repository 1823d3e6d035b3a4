/**
 * AccountStore in memory: dashboard accounts, unique by (lower-cased) email.
 *
 * @since 0.1.0
 */
import { Effect, Option } from "effect"
import { type Conflict, conflict, StoreError } from "../Errors.js"
import type { AccountStoreShape } from "../ports/AccountStore.js"
import { duplicate, type State, snapshot } from "./State.js"

/**
 * The memory AccountStore over shared state.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (state: State): AccountStoreShape => ({
  insert: (account) =>
    Effect.suspend((): Effect.Effect<void, Conflict | StoreError> => {
      const email = account.email.toLowerCase()
      if (state.accountByEmail.has(email)) {
        return Effect.fail(conflict("account_exists", "An account with this email already exists"))
      }
      if (state.accounts.has(account.id)) return Effect.fail(duplicate("account", account.id))
      state.accounts.set(account.id, snapshot(account))
      state.accountByEmail.set(email, account.id)
      return Effect.void
    }),

  get: (id) => Effect.sync(() => Option.fromNullable(state.accounts.get(id))),

  getByEmail: (email) =>
    Effect.sync(() => {
      const id = state.accountByEmail.get(email.toLowerCase())
      return Option.fromNullable(id === undefined ? undefined : state.accounts.get(id))
    }),

  update: (account) =>
    Effect.suspend(() => {
      const current = state.accounts.get(account.id)
      if (current === undefined) return Effect.void
      const email = account.email.toLowerCase()
      const owner = state.accountByEmail.get(email)
      if (owner !== undefined && owner !== account.id) {
        return Effect.fail(
          new StoreError({
            reason: "Conflict",
            message: `account ${account.id}: the email is taken`,
          }),
        )
      }
      state.accountByEmail.delete(current.email.toLowerCase())
      state.accounts.set(account.id, snapshot(account))
      state.accountByEmail.set(email, account.id)
      return Effect.void
    }),
})
