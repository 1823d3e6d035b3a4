/**
 * Port: dashboard accounts.
 *
 * @since 0.1.0
 */
import { Context, type Effect, type Option } from "effect"
import type { Account } from "../domain/Account.js"
import type { Conflict, StoreError } from "../Errors.js"
import type { AccountId } from "../Ids.js"

/** @since 0.1.0 @category ports */
export interface AccountStoreShape {
  /** Fails with Conflict `account_exists` when the email is taken. */
  readonly insert: (account: Account) => Effect.Effect<void, Conflict | StoreError>
  readonly get: (id: AccountId) => Effect.Effect<Option.Option<Account>, StoreError>
  readonly getByEmail: (email: string) => Effect.Effect<Option.Option<Account>, StoreError>
  readonly update: (account: Account) => Effect.Effect<void, StoreError>
}

/** @since 0.1.0 @category ports */
export class AccountStore extends Context.Tag("@kommies/core/AccountStore")<
  AccountStore,
  AccountStoreShape
>() {}
