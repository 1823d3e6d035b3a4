/**
 * Status transitions of comments (delete, approve, reject, spam, back to the
 * queue): one compare-and-set write with the counter deltas the change
 * implies, retried when the comment changed meanwhile, then the event.
 *
 * @since 0.1.0
 */
import { Clock, Effect, Option } from "effect"
import type { Comment, CommentStatus } from "../domain/Comment.js"
import { Conflict, NotFound, type StoreError } from "../Errors.js"
import { CommenterStore } from "../ports/CommenterStore.js"
import { CommentStore } from "../ports/CommentStore.js"
import type { EventBus } from "../ports/EventBus.js"
import type { EventLog } from "../ports/EventLog.js"
import type { NotificationStore } from "../ports/NotificationStore.js"
import type { Actor } from "./Actor.js"
import { emit } from "./Events.js"
import * as Notifications from "./Notifications.js"
import { eventData } from "./Views.js"
import * as Visibility from "./Visibility.js"

const notFound = new NotFound({ code: "comment_not_found", message: "No such comment" })

/** The author record of a comment, for views and events. @since 0.1.0 @category getters */
export const authorOf = (comment: Comment) =>
  Effect.flatMap(CommenterStore, (s) => s.get(comment.siteId, comment.authorId)).pipe(
    Effect.map(Option.getOrUndefined),
  )

/**
 * Moves a comment to a new status with a compare-and-set write, retrying on
 * a concurrent change, and emits `eventType`. Shared by deletion and moderation.
 *
 * @since 0.1.0
 * @category internals
 */
export const transition = (
  actor: Actor,
  comment: Comment,
  status: CommentStatus,
  eventType:
    | "comment.deleted"
    | "comment.approved"
    | "comment.rejected"
    | "comment.spam"
    | "comment.reported",
  options: { readonly shadowed?: boolean } = {},
): Effect.Effect<
  Comment,
  NotFound | Conflict | StoreError,
  CommentStore | CommenterStore | NotificationStore | EventLog | EventBus
> =>
  Effect.gen(function* () {
    const store = yield* CommentStore
    let current = comment
    for (let attempt = 0; attempt < 8; attempt++) {
      const now = yield* Clock.currentTimeMillis
      const shadowed = options.shadowed ?? current.shadowed
      const deleting = status === "deleted"
      const visible = Visibility.isVisible({
        status,
        shadowed,
        tombstone: deleting && current.visible && current.replyCount > 0,
      })
      const patch = {
        status,
        shadowed,
        visible,
        updatedAt: now,
        ...(deleting ? { body: "", html: "" } : {}),
      }
      const updated = yield* store.update(
        current.siteId,
        current.id,
        current.version,
        patch,
        Visibility.deltas(current, { status, visible }),
      )
      if (Option.isSome(updated)) {
        const author = yield* authorOf(updated.value)
        yield* emit(current.siteId, current.threadId, eventType, {
          ...eventData(updated.value, author),
          by: actor._tag,
        })
        if (visible && !current.visible && status === "approved" && author !== undefined)
          yield* Notifications.onPublished(updated.value, author)
        return updated.value
      }
      const fresh = yield* store.get(current.siteId, current.id)
      if (Option.isNone(fresh)) return yield* notFound
      current = fresh.value
    }
    return yield* new Conflict({
      code: "comment_busy",
      message: "The comment keeps changing; try again",
    })
  })
