/**
 * Realtime over Server-Sent Events. On connect: subscribe to the EventBus
 * first, then replay the EventLog after `Last-Event-ID`, then pass live events
 * on — deduplicated by the thread's sequence, and any gap in what the bus
 * delivered filled from the log. Every event has `id:` (the sequence),
 * `event:` (the type) and `data:` (JSON). Events of comments nobody else may
 * see go only to their author and to moderators. A heartbeat comment keeps
 * proxies from closing the stream; the subscription ends when the client goes
 * away, and on shutdown clients get `event: reconnect`.
 *
 * @since 0.1.0
 */
import { HttpServerRequest, HttpServerResponse } from "@effect/platform"
import {
  Context,
  Deferred,
  Duration,
  Effect,
  Exit,
  Layer,
  Option,
  Schedule,
  Scope,
  Stream,
} from "effect"
import { type DomainEvent, siteThread } from "../domain/Event.js"
import type { InvalidInput, StoreError } from "../Errors.js"
import type { ThreadId } from "../Ids.js"
import { EventBus } from "../ports/EventBus.js"
import { EventLog } from "../ports/EventLog.js"
import { ThreadStore } from "../ports/ThreadStore.js"
import { type Actor, commenterOf } from "../services/Actor.js"
import { can } from "../services/Permissions.js"
import * as Threads from "../services/Threads.js"
import type { CallerShape } from "./Caller.js"
import { HttpConfig } from "./Config.js"
import * as Problem from "./Problem.js"

type Stop = "abort" | "shutdown"

/**
 * The open streams of a handler, so that disposing it can tell each client
 * to reconnect elsewhere.
 *
 * @since 0.1.0
 * @category models
 */
export interface RealtimeShape {
  readonly open: Set<Deferred.Deferred<Stop>>
  readonly closing: () => boolean
}

/** @since 0.1.0 @category tags */
export class Realtime extends Context.Tag("@kommies/core/http/Realtime")<
  Realtime,
  RealtimeShape
>() {}

/**
 * The registry of open streams; closing its scope stops them all (each sends
 * `event: reconnect`), waiting up to a second for them to finish.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<Realtime> = Layer.scoped(
  Realtime,
  Effect.gen(function* () {
    const open = new Set<Deferred.Deferred<Stop>>()
    let closing = false
    yield* Effect.addFinalizer(() =>
      Effect.gen(function* () {
        closing = true
        for (const stop of open) yield* Deferred.succeed(stop, "shutdown")
        yield* Effect.sleep(Duration.millis(5)).pipe(
          Effect.repeat({ until: () => open.size === 0 }),
          Effect.timeout(Duration.seconds(1)),
          Effect.ignore,
        )
      }),
    )
    return { open, closing: () => closing }
  }),
)

const frame = (event: DomainEvent, data: Record<string, unknown>) =>
  `id: ${event.seq}\nevent: ${event.type}\ndata: ${JSON.stringify(data)}\n\n`

const reconnectFrame = `event: reconnect\ndata: {}\n\n`

/** Events that take a comment out of everybody's view. */
const removals: ReadonlySet<string> = new Set([
  "comment.deleted",
  "comment.rejected",
  "comment.spam",
  "comment.reported",
  "comment.edited",
])

/**
 * What a reader who may not see a comment learns when it leaves the public
 * view (deleted, rejected, sent back to the queue): only which comment to
 * drop, with no text or author. A comment that never was public (created or
 * approved while hidden) tells them nothing.
 */
const removal = (event: DomainEvent): Record<string, unknown> | null => {
  if (!removals.has(event.type)) return null
  const comment = event.data.comment as
    | { id?: unknown; threadId?: unknown; parentId?: unknown }
    | undefined
  if (comment === undefined) return null
  return {
    comment: {
      id: comment.id,
      threadId: comment.threadId,
      parentId: comment.parentId,
      status: "removed",
    },
    visible: false,
    removed: true,
  }
}

/**
 * The data of an event as this actor may see it, or null when it is not for
 * them: events of invisible comments reach only their author and moderators
 * (others learn only that a comment they could see is gone), and spam reasons
 * only moderators.
 *
 * @since 0.1.0
 * @category rules
 */
export const viewFor = (actor: Actor, event: DomainEvent): Record<string, unknown> | null => {
  const moderator = can(actor, "comment.moderate")
  const data = event.data
  if (data.visible === false && !moderator) {
    const me = commenterOf(actor)
    if (me === null || me !== data.authorId) return removal(event)
  }
  if (!moderator && "reasons" in data) {
    const { reasons: _, ...rest } = data
    return rest
  }
  return data
}

const pageSize = 500

/**
 * The SSE response for a thread.
 *
 * @since 0.1.0
 * @category constructors
 */
export const stream = (
  caller: CallerShape,
  key: string,
  lastEventId: number | null,
): Effect.Effect<
  HttpServerResponse.HttpServerResponse,
  InvalidInput | StoreError | Problem.Problem,
  Realtime | HttpConfig | EventBus | EventLog | ThreadStore | HttpServerRequest.HttpServerRequest
> =>
  Effect.gen(function* () {
    const { site, actor } = caller
    const config = yield* HttpConfig
    const realtime = yield* Realtime
    if (realtime.closing())
      return yield* Effect.fail(
        Problem.make(503, "shutting_down", "This server is shutting down; reconnect elsewhere"),
      )
    const bus = yield* EventBus
    const log = yield* EventLog
    const threads = yield* ThreadStore
    const request = yield* HttpServerRequest.HttpServerRequest
    const normalized = yield* Threads.normalizeKey(key)

    const scope = yield* Scope.make()
    const release = Scope.close(scope, Exit.void)
    const stop = yield* Deferred.make<Stop>()
    let aborted = false

    // Subscribe before reading the log, so nothing falls between the two.
    let thread = Option.getOrNull(yield* threads.getByKey(site.id, normalized))
    const live = yield* bus.subscribe(site.id, thread === null ? null : thread.id).pipe(
      Scope.extend(scope),
      Effect.onError(() => release),
    )
    let last = 0
    if (thread === null) {
      thread = Option.getOrNull(
        yield* threads.getByKey(site.id, normalized).pipe(Effect.onError(() => release)),
      )
    } else {
      last =
        lastEventId ?? (yield* log.lastSeq(site.id, thread.id).pipe(Effect.onError(() => release)))
    }
    let threadId: ThreadId | null = thread === null ? null : thread.id
    const strangers = new Set<string>()

    /** The log's events after `last`, up to `upTo`. */
    const readLog = (upTo: number) =>
      Effect.gen(function* () {
        const out: Array<DomainEvent> = []
        if (threadId === null) return out
        for (;;) {
          const page = yield* log.since(site.id, threadId, last, pageSize)
          for (const event of page) {
            if (event.seq > upTo) return out
            if (event.seq > last) {
              out.push(event)
              last = event.seq
            }
          }
          if (page.length < pageSize) return out
        }
      })

    const onLive = (event: DomainEvent) =>
      Effect.gen(function* () {
        if (threadId === null) {
          // The thread did not exist at connect: find it when its first comment comes.
          if (event.threadId === siteThread || strangers.has(event.threadId)) return []
          const found = yield* threads.get(site.id, event.threadId)
          if (Option.isNone(found) || found.value.key !== normalized) {
            strangers.add(event.threadId)
            return []
          }
          threadId = found.value.id
        }
        if (event.threadId !== threadId || event.seq <= last) return []
        const missed = event.seq > last + 1 ? yield* readLog(event.seq - 1) : []
        if (event.seq <= last) return missed
        last = event.seq
        return [...missed, event]
      })

    const events = Stream.concat(
      Stream.fromIterableEffect(readLog(Number.MAX_SAFE_INTEGER)),
      live.pipe(Stream.mapEffect(onLive), Stream.flattenIterables),
    ).pipe(
      Stream.filterMap((event) =>
        Option.map(Option.fromNullable(viewFor(actor, event)), (data) => frame(event, data)),
      ),
    )
    const heartbeats = Stream.fromSchedule(
      Schedule.spaced(Duration.millis(config.heartbeatMs)),
    ).pipe(Stream.as(": heartbeat\n\n"))

    realtime.open.add(stop)
    const signal = (request.source as Request | undefined)?.signal
    const onAbort = () => {
      aborted = true
      realtime.open.delete(stop)
      Deferred.unsafeDone(stop, Exit.succeed("abort"))
      Effect.runFork(release)
    }
    if (signal?.aborted) onAbort()
    else signal?.addEventListener("abort", onAbort, { once: true })

    const body = Stream.concat(
      Stream.make("retry: 3000\n\n"),
      Stream.merge(events, heartbeats, { haltStrategy: "left" }),
    ).pipe(
      Stream.interruptWhenDeferred(stop),
      // A store that fails mid-stream, or a server going away: the client
      // reconnects (elsewhere) with Last-Event-ID and misses nothing.
      Stream.catchAll(() => Stream.make(reconnectFrame)),
      Stream.concat(
        Stream.suspend(() =>
          !aborted && realtime.closing() ? Stream.make(reconnectFrame) : Stream.empty,
        ),
      ),
      Stream.ensuring(
        Effect.suspend(() => {
          realtime.open.delete(stop)
          signal?.removeEventListener("abort", onAbort)
          return release
        }),
      ),
      Stream.encodeText,
    )
    return HttpServerResponse.stream(body, {
      contentType: "text/event-stream",
      headers: {
        "cache-control": "no-cache",
        "x-accel-buffering": "no",
      },
    })
  })
