/**
 * Recording and reading the audit log.
 *
 * @since 0.1.0
 */
import { Clock, Effect } from "effect"
import type { AuditEntry } from "../domain/Audit.js"
import type { Forbidden, StoreError, Unauthorized } from "../Errors.js"
import { type AuditId, uuidv7 } from "../Ids.js"
import { ModerationStore } from "../ports/ModerationStore.js"
import { type Actor, label } from "./Actor.js"
import { authorize } from "./Permissions.js"

/**
 * Appends an entry for an act of `actor` on its site.
 *
 * @since 0.1.0
 * @category constructors
 */
export const record = (
  actor: Actor,
  action: string,
  target: string,
  details: Record<string, unknown>,
): Effect.Effect<AuditEntry, StoreError, ModerationStore> =>
  Effect.gen(function* () {
    const entry: AuditEntry = {
      id: (yield* uuidv7) as AuditId,
      siteId: actor.siteId,
      actor: label(actor),
      action,
      target,
      details,
      createdAt: yield* Clock.currentTimeMillis,
    }
    yield* (yield* ModerationStore).appendAudit(entry)
    return entry
  })

/**
 * The site's audit log, newest first.
 *
 * @since 0.1.0
 * @category getters
 */
export const list = (
  actor: Actor,
  options: { readonly before?: AuditId | null; readonly limit?: number } = {},
): Effect.Effect<
  ReadonlyArray<AuditEntry>,
  Forbidden | Unauthorized | StoreError,
  ModerationStore
> =>
  Effect.gen(function* () {
    yield* authorize(actor, "audit.read")
    const limit = Math.min(Math.max(options.limit ?? 50, 1), 200)
    return yield* (yield* ModerationStore).listAudit(actor.siteId, options.before ?? null, limit)
  })
