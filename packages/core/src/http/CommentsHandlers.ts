/**
 * Handlers of the widget routes: each a thin call into the services.
 *
 * @since 0.1.0
 */
import { HttpApiBuilder, HttpServerRequest } from "@effect/platform"
import { Effect } from "effect"
import type { NotificationId } from "../Ids.js"
import { Metering } from "../services/Metering.js"
import * as Comments from "../services/Comments.js"
import * as Listing from "../services/Listing.js"
import * as Markdown from "../services/Markdown.js"
import * as Moderation from "../services/Moderation.js"
import * as Notifications from "../services/Notifications.js"
import * as Threads from "../services/Threads.js"
import * as Votes from "../services/Votes.js"
import { KommiesApi } from "./Api.js"
import * as Cache from "./Cache.js"
import { Caller } from "./Caller.js"
import { PageCache } from "./PageCache.js"
import * as Problem from "./Problem.js"
import * as RateLimits from "./RateLimits.js"
import * as Realtime from "./Realtime.js"
import * as Rs from "./Responses.js"

const { orProblem } = Problem

/** The first page of a thread for an anonymous reader, through the page cache. */
const firstPageAnonymous = (key: string, options: Listing.PageOptions) =>
  Effect.gen(function* () {
    const { site, actor } = yield* Caller
    const cache = yield* PageCache
    const normalized = yield* Threads.normalizeKey(key)
    const cacheKey = `${normalized}\u0000${options.sort}\u0000${options.limit}\u0000${options.replies}`
    const epoch = yield* cache.begin(site.id)
    const hit = epoch === null ? undefined : cache.get(site.id, cacheKey)
    if (hit !== undefined) {
      // A cached page is still a thread load.
      yield* Effect.flatMap(Metering, (m) => m.guard(site.id, "threadLoads"))
      return hit
    }
    const page = { ...(yield* Listing.thread(actor, key, options)), theme: site.settings.theme }
    const encoded = yield* Effect.orDie(Cache.encode(Rs.Page, page))
    if (epoch !== null) cache.put(site.id, cacheKey, page.thread?.id ?? null, encoded, epoch)
    return encoded
  })

/**
 * The widget routes.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = HttpApiBuilder.group(KommiesApi, "comments", (handlers) =>
  handlers
    .handle("listThread", ({ path, urlParams }) =>
      Effect.gen(function* () {
        const { site, actor } = yield* Caller
        const options: Listing.PageOptions = {
          sort: urlParams.sort ?? site.settings.defaultSort,
          limit: urlParams.limit ?? 20,
          replies: urlParams.replies ?? 3,
          cursor: urlParams.cursor ?? null,
        }
        // The site's theme rides on every page of a thread: the widget reads it there.
        const { theme } = site.settings
        if (actor._tag !== "anonymous")
          return { ...(yield* Listing.thread(actor, path.key, options)), theme }
        if (options.cursor === null)
          return yield* Effect.flatMap(firstPageAnonymous(path.key, options), Cache.respond)
        return yield* Cache.cacheable(Rs.Page, {
          ...(yield* Listing.thread(actor, path.key, options)),
          theme,
        }).pipe(Effect.orDie)
      }).pipe(orProblem),
    )
    .handle("createComment", ({ path, payload }) =>
      Effect.gen(function* () {
        const { site, actor, ip } = yield* Caller
        const request = yield* HttpServerRequest.HttpServerRequest
        yield* RateLimits.consume(site, actor, ip, "post")
        return yield* Comments.create(actor, {
          threadKey: path.key,
          body: payload.body,
          parentId: payload.parentId ?? null,
          honeypot: payload.honeypot ?? null,
          elapsedMs: payload.elapsedMs ?? null,
          threadUrl: payload.url ?? null,
          threadTitle: payload.title ?? null,
          ip,
          userAgent: request.headers["user-agent"]?.slice(0, 512) ?? null,
        })
      }).pipe(orProblem),
    )
    .handle("threadEvents", ({ path, urlParams, headers }) =>
      Effect.gen(function* () {
        const caller = yield* Caller
        const after = headers["last-event-id"] ?? urlParams.lastEventId ?? null
        return yield* Realtime.stream(caller, path.key, after)
      }).pipe(orProblem),
    )
    .handle("getComment", ({ path }) =>
      Effect.gen(function* () {
        const { actor } = yield* Caller
        const view = yield* Comments.get(actor, path.id)
        if (actor._tag !== "anonymous") return view
        return yield* Effect.orDie(Cache.cacheable(Rs.CommentView, view))
      }).pipe(orProblem),
    )
    .handle("listReplies", ({ path, urlParams }) =>
      Effect.gen(function* () {
        const { actor } = yield* Caller
        const page = yield* Listing.replies(actor, path.id, {
          ...(urlParams.sort === undefined ? {} : { sort: urlParams.sort }),
          ...(urlParams.limit === undefined ? {} : { limit: urlParams.limit }),
          cursor: urlParams.cursor ?? null,
        })
        if (actor._tag !== "anonymous") return page
        return yield* Effect.orDie(Cache.cacheable(Rs.Page, page))
      }).pipe(orProblem),
    )
    .handle("editComment", ({ path, payload }) =>
      Effect.flatMap(Caller, ({ actor }) => Comments.edit(actor, path.id, payload.body)).pipe(
        orProblem,
      ),
    )
    .handle("deleteComment", ({ path }) =>
      Effect.flatMap(Caller, ({ actor }) => Comments.remove(actor, path.id)).pipe(orProblem),
    )
    .handle("vote", ({ path, payload }) =>
      Effect.flatMap(Caller, ({ actor }) => Votes.vote(actor, path.id, payload.direction)).pipe(
        orProblem,
      ),
    )
    .handle("report", ({ path, payload }) =>
      Effect.flatMap(Caller, ({ actor }) =>
        Moderation.report(actor, path.id, payload.reason, payload.note ?? null),
      ).pipe(orProblem),
    )
    .handle("counts", ({ urlParams }) =>
      Effect.gen(function* () {
        const { site, actor } = yield* Caller
        const keys = urlParams.threads
          .split(",")
          .map((k) => k.trim())
          .filter((k) => k !== "")
        const counts = yield* Threads.counts(site.id, keys)
        if (actor._tag !== "anonymous") return counts
        return yield* Effect.orDie(Cache.cacheable(Rs.Counts, counts))
      }).pipe(orProblem),
    )
    .handle("preview", ({ payload }) => Effect.succeed({ html: Markdown.render(payload.body) }))
    .handle("notifications", ({ urlParams }) =>
      Effect.flatMap(Caller, ({ actor }) =>
        Notifications.list(actor, {
          before: (urlParams.before ?? null) as NotificationId | null,
          ...(urlParams.limit === undefined ? {} : { limit: urlParams.limit }),
        }),
      ).pipe(orProblem),
    )
    .handle("markRead", ({ payload }) =>
      Effect.flatMap(Caller, ({ actor }) =>
        Notifications.markRead(
          actor,
          (payload.ids ?? null) as ReadonlyArray<NotificationId> | null,
        ),
      ).pipe(orProblem),
    ),
)
