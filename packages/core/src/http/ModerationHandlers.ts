/**
 * Handlers of the moderation routes: each a thin call into the services,
 * which ask the permissions table.
 *
 * @since 0.1.0
 */
import { HttpApiBuilder } from "@effect/platform"
import { Effect } from "effect"
import { toPublic } from "../domain/Commenter.js"
import type { CommentId } from "../Ids.js"
import type { Actor } from "../services/Actor.js"
import * as Commenters from "../services/Commenters.js"
import * as Comments from "../services/Comments.js"
import * as Moderation from "../services/Moderation.js"
import * as ModerationViews from "../services/ModerationViews.js"
import * as Threads from "../services/Threads.js"
import { KommiesApi } from "./Api.js"
import { Caller } from "./Caller.js"
import { orProblem } from "./Problem.js"

/** Runs a moderation decision and answers with the comment as the moderator now sees it. */
const decide = (
  id: CommentId,
  act: (actor: Actor, id: CommentId) => ReturnType<typeof Moderation.approve>,
) =>
  Effect.gen(function* () {
    const { actor } = yield* Caller
    yield* act(actor, id)
    return yield* Comments.get(actor, id)
  }).pipe(orProblem)

/**
 * The moderation routes.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = HttpApiBuilder.group(KommiesApi, "moderation", (handlers) =>
  handlers
    .handle("queue", ({ urlParams }) =>
      Effect.flatMap(Caller, ({ actor }) =>
        Moderation.queue(actor, {
          ...(urlParams.kind === undefined ? {} : { kind: urlParams.kind }),
          after: (urlParams.after ?? null) as CommentId | null,
          ...(urlParams.limit === undefined ? {} : { limit: urlParams.limit }),
        }),
      ).pipe(orProblem),
    )
    .handle("search", ({ urlParams }) =>
      Effect.flatMap(Caller, ({ actor }) =>
        Moderation.search(actor, {
          q: urlParams.q,
          cursor: urlParams.cursor ?? null,
          ...(urlParams.limit === undefined ? {} : { limit: urlParams.limit }),
        }),
      ).pipe(orProblem),
    )
    .handle("approve", ({ path }) => decide(path.id, Moderation.approve))
    .handle("reject", ({ path }) => decide(path.id, Moderation.reject))
    .handle("spam", ({ path }) => decide(path.id, Moderation.markSpam))
    .handle("ban", ({ path, payload }) =>
      Effect.flatMap(Caller, ({ actor }) =>
        Moderation.ban(actor, path.id, {
          ...(payload.kind === undefined ? {} : { kind: payload.kind }),
          reason: payload.reason ?? null,
          durationSeconds: payload.durationSeconds ?? null,
        }),
      ).pipe(orProblem),
    )
    .handle("unban", ({ path }) =>
      Effect.flatMap(Caller, ({ actor }) => Moderation.unban(actor, path.id)).pipe(
        Effect.map((removed) => ({ removed })),
        orProblem,
      ),
    )
    .handle("setRole", ({ path, payload }) =>
      Effect.flatMap(Caller, ({ actor }) => Commenters.setRole(actor, path.id, payload.role)).pipe(
        Effect.map(toPublic),
        orProblem,
      ),
    )
    .handle("history", ({ path, urlParams }) =>
      Effect.flatMap(Caller, ({ actor }) =>
        ModerationViews.history(actor, path.id, {
          before: (urlParams.before ?? null) as CommentId | null,
          ...(urlParams.limit === undefined ? {} : { limit: urlParams.limit }),
        }),
      ).pipe(orProblem),
    )
    .handle("lock", ({ path }) =>
      Effect.flatMap(Caller, ({ actor }) => Threads.setLocked(actor, path.key, true)).pipe(
        orProblem,
      ),
    )
    .handle("unlock", ({ path }) =>
      Effect.flatMap(Caller, ({ actor }) => Threads.setLocked(actor, path.key, false)).pipe(
        orProblem,
      ),
    ),
)
