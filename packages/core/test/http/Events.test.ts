import { Effect, Layer } from "effect"
import { afterEach, describe, expect, it } from "vitest"
import * as MemoryEventBus from "../../src/memory/MemoryEventBus.js"
import * as MemoryStore from "../../src/memory/MemoryStore.js"
import { EventBus } from "../../src/ports/EventBus.js"
import { type Harness, harness } from "./support.js"

interface SseEvent {
  readonly id: string | null
  readonly event: string | null
  // biome-ignore lint/suspicious/noExplicitAny: tests read JSON freely
  readonly data: any
  readonly comment: string | null
}

/** Reads an event stream block by block. */
const sse = (response: Response) => {
  const reader = response.body!.getReader()
  const decoder = new TextDecoder()
  let buffer = ""
  const queue: Array<SseEvent> = []
  let done = false
  const parse = (block: string): SseEvent => {
    let id: string | null = null
    let event: string | null = null
    let data: string | null = null
    let comment: string | null = null
    for (const line of block.split("\n")) {
      if (line.startsWith(":")) comment = line.slice(1).trim()
      else if (line.startsWith("id: ")) id = line.slice(4)
      else if (line.startsWith("event: ")) event = line.slice(7)
      else if (line.startsWith("data: ")) data = line.slice(6)
    }
    return { id, event, data: data === null ? null : JSON.parse(data), comment }
  }
  const pump = async () => {
    const { done: end, value } = await reader.read()
    if (end) {
      done = true
      return
    }
    buffer += decoder.decode(value, { stream: true })
    let at = buffer.indexOf("\n\n")
    while (at !== -1) {
      queue.push(parse(buffer.slice(0, at)))
      buffer = buffer.slice(at + 2)
      at = buffer.indexOf("\n\n")
    }
  }
  /** The next block that is an event (not a comment, not `retry:`), or null at the end. */
  const next = async (accept: (e: SseEvent) => boolean = (e) => e.event !== null) => {
    for (;;) {
      const found = queue.findIndex(accept)
      if (found !== -1) return queue.splice(0, found + 1)[found]!
      if (done) return null
      queue.length = 0
      await pump()
    }
  }
  /** Every event that arrives within `ms`. */
  const drain = async (ms: number) => {
    const out: Array<SseEvent> = []
    const stop = Date.now() + ms
    while (Date.now() < stop) {
      const race = await Promise.race([
        next(),
        new Promise<"timeout">((r) =>
          setTimeout(() => r("timeout"), Math.max(stop - Date.now(), 1)),
        ),
      ])
      if (race === "timeout" || race === null) break
      out.push(race)
    }
    return out
  }
  return { next, drain, cancel: () => reader.cancel() }
}

let h: Harness
afterEach(async () => {
  await h.close()
})

const open = (
  path: string,
  headers: Record<string, string> = {},
  token?: string,
  signal?: AbortSignal,
) =>
  h.handler(
    h.request("GET", path, {
      headers,
      ...(token === undefined ? {} : { token }),
      ...(signal === undefined ? {} : { signal }),
    }),
  )

describe("HTTP realtime (SSE)", () => {
  it("events – should stream live events with id, event and data, and no buffering", async () => {
    h = await harness({ handler: { heartbeatMs: 40 } })
    const ann = await h.member("Ann")
    const response = await open("/threads/t/events")
    expect(response.status).toBe(200)
    expect(response.headers.get("content-type")).toBe("text/event-stream")
    expect(response.headers.get("cache-control")).toBe("no-cache")
    expect(response.headers.get("x-accel-buffering")).toBe("no")
    const stream = sse(response)
    await stream.next((e) => e.event === null) // retry: …
    const posted = await h.post(ann.token, "t", "live one")
    const event = await stream.next()
    expect(event).toMatchObject({ id: "1", event: "comment.created" })
    expect(event!.data.comment.id).toBe(posted.id)
    expect(event!.data.comment.body).toBeUndefined()
    const heartbeat = await stream.next((e) => e.comment === "heartbeat")
    expect(heartbeat).not.toBeNull()
    await stream.cancel()
  })

  it("events – should replay exactly the missed events after Last-Event-ID, then go live", async () => {
    h = await harness()
    const ann = await h.member("Ann")
    const bob = await h.member("Bob")
    const c = await h.post(ann.token, "t", "1")
    await h.post(ann.token, "t", "2")
    await h.call("POST", `/comments/${c.id}/vote`, { token: bob.token, body: { direction: "up" } })
    await h.post(bob.token, "t", "4")
    const stream = sse(await open("/threads/t/events", { "last-event-id": "2" }))
    const replayed = [await stream.next(), await stream.next()]
    expect(replayed.map((e) => [e!.id, e!.event])).toEqual([
      ["3", "vote.changed"],
      ["4", "comment.created"],
    ])
    await h.post(ann.token, "t", "5")
    expect((await stream.next())!.id).toBe("5")
    expect(await stream.drain(50)).toEqual([])
    await stream.cancel()

    const byQuery = sse(await open("/threads/t/events?lastEventId=4"))
    expect((await byQuery.next())!.id).toBe("5")
    await byQuery.cancel()
  })

  it("events – should not replay anything without Last-Event-ID", async () => {
    h = await harness()
    const ann = await h.member("Ann")
    await h.post(ann.token, "t", "old")
    const stream = sse(await open("/threads/t/events"))
    await stream.next((e) => e.event === null)
    await h.post(ann.token, "t", "new")
    expect((await stream.next())!.id).toBe("2")
    await stream.cancel()
  })

  it("events – should follow a thread that does not exist yet", async () => {
    h = await harness()
    const ann = await h.member("Ann")
    const stream = sse(await open(`/threads/${encodeURIComponent("/new/page")}/events`))
    await stream.next((e) => e.event === null)
    await h.post(ann.token, "/other", "elsewhere")
    await h.post(ann.token, "/new/page", "first here")
    const event = await stream.next()
    expect(event).toMatchObject({ id: "1", event: "comment.created" })
    expect(event!.data.comment.html).toBe("<p>first here</p>")
    await stream.cancel()
  })

  it("events – should send events of hidden comments only to their author and moderators", async () => {
    h = await harness({ settings: { moderation: "pre" } })
    const ann = await h.member("Ann")
    const mod = await h.member("Mo", "moderator")
    const anonymous = sse(await open("/threads/t/events", { "last-event-id": "0" }))
    const author = sse(await open("/threads/t/events", { "last-event-id": "0" }, ann.token))
    const moderator = sse(await open("/threads/t/events", { "last-event-id": "0" }, mod.token))
    const pending = await h.post(ann.token, "t", "waiting")
    expect(pending.status).toBe("pending")
    expect((await author.next())!.data.comment.id).toBe(pending.id)
    const seen = await moderator.next()
    expect(seen!.data.reasons).toEqual([])
    await h.call("POST", `/comments/${pending.id}/approve`, { token: mod.token })
    const approved = await anonymous.next()
    expect(approved).toMatchObject({ id: "2", event: "comment.approved" })
    expect(approved!.data.reasons).toBeUndefined()
    await Promise.all([anonymous.cancel(), author.cancel(), moderator.cancel()])
  })

  it("events – should release the subscription when the client goes away", async () => {
    let active = 0
    const counting = Layer.effect(
      EventBus,
      Effect.map(MemoryEventBus.make, (bus) => ({
        publish: bus.publish,
        subscribe: (siteId, threadId) =>
          Effect.acquireRelease(
            Effect.sync(() => {
              if (threadId !== null) active++
            }),
            () =>
              Effect.sync(() => {
                if (threadId !== null) active--
              }),
          ).pipe(Effect.zipRight(bus.subscribe(siteId, threadId))),
      })),
    ).pipe(Layer.provide(Layer.scope))
    h = await harness({ kommies: { stores: Layer.merge(MemoryStore.layer, counting) } })
    const ann = await h.member("Ann")
    await h.post(ann.token, "t", "exists")
    const aborter = new AbortController()
    const aborted = sse(await open("/threads/t/events", {}, undefined, aborter.signal))
    const cancelled = sse(await open("/threads/t/events"))
    await aborted.next((e) => e.event === null)
    await cancelled.next((e) => e.event === null)
    expect(active).toBe(2)
    aborter.abort()
    await cancelled.cancel()
    await new Promise((resolve) => setTimeout(resolve, 30))
    expect(active).toBe(0)
    expect(await aborted.next()).toBeNull()
  })

  it("dispose – should tell open streams to reconnect and end them", async () => {
    h = await harness()
    const stream = sse(await open("/threads/t/events"))
    await stream.next((e) => e.event === null)
    await h.dispose()
    expect((await stream.next())!.event).toBe("reconnect")
    expect(await stream.next()).toBeNull()
  })

  it("events – should refuse a malformed Last-Event-ID with 400", async () => {
    h = await harness()
    const reply = await h.call("GET", "/threads/t/events", { headers: { "last-event-id": "abc" } })
    expect(reply.status).toBe(400)
    expect(reply.body.code).toBe("bad_request")
  })
})
