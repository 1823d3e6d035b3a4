/**
 * The embedded mode keeps its data in `dataDir` across close and reopen.
 */
import { expect, it } from "@effect/vitest"
import { mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { CommentStore, SiteStore, ThreadStore, CommenterStore, EventLog } from "@kommies/core"
import { Fixtures } from "@kommies/core/testing"
import { Effect, Option } from "effect"
import { PgStore } from "../src/index.js"

it.live("embedded – should keep what was written in dataDir after a close and a reopen", () =>
  Effect.gen(function* () {
    const dataDir = yield* Effect.acquireRelease(
      Effect.promise(() => mkdtemp(join(tmpdir(), "kommies-pglite-"))),
      (dir) => Effect.promise(() => rm(dir, { recursive: true, force: true })),
    )
    const site = yield* Fixtures.site()
    const thread = yield* Fixtures.thread(site.id)
    const author = yield* Fixtures.commenter(site.id)
    const comment = yield* Fixtures.comment(thread, author.id)
    const write = Effect.gen(function* () {
      yield* (yield* SiteStore.SiteStore).insert(site)
      yield* (yield* ThreadStore.ThreadStore).getOrInsert(thread)
      yield* (yield* CommenterStore.CommenterStore).insert(author)
      yield* (yield* CommentStore.CommentStore).insert(comment, {
        threadComments: 1,
        parentReplies: 0,
      })
      yield* (yield* EventLog.EventLog).append(yield* Fixtures.newEvent(site.id, thread.id))
    })
    yield* write.pipe(Effect.provide(PgStore.embedded({ dataDir })))

    const read = Effect.gen(function* () {
      return {
        site: yield* (yield* SiteStore.SiteStore).get(site.id),
        thread: yield* (yield* ThreadStore.ThreadStore).get(site.id, thread.id),
        comment: yield* (yield* CommentStore.CommentStore).get(site.id, comment.id),
        lastSeq: yield* (yield* EventLog.EventLog).lastSeq(site.id, thread.id),
      }
    })
    const reopened = yield* read.pipe(Effect.provide(PgStore.embedded({ dataDir })))
    expect(reopened.site).toEqual(Option.some(site))
    expect(reopened.thread).toEqual(Option.some({ ...thread, commentCount: 1 }))
    expect(reopened.comment).toEqual(Option.some(comment))
    expect(reopened.lastSeq).toBe(1)
  }).pipe(Effect.scoped),
)
