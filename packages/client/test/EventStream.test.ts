import { afterEach, describe, expect, it, vi } from "vitest"
import {
  createClient,
  createThreadStore,
  type LiveStatus,
  readEventStream,
  type StreamEvent,
} from "../src/index.js"
import { flush, page, problem, view } from "./support.js"

const encoder = new TextEncoder()

/** A response body fed by hand. */
const feed = () => {
  let controller!: ReadableStreamDefaultController<Uint8Array>
  const body = new ReadableStream<Uint8Array>({
    start: (c) => {
      controller = c
    },
  })
  return {
    body,
    push: (text: string) => controller.enqueue(encoder.encode(text)),
    end: () => controller.close(),
  }
}

const sse = (body: ReadableStream<Uint8Array>) =>
  new Response(body, { headers: { "content-type": "text/event-stream" } })

afterEach(() => {
  vi.useRealTimers()
})

describe("readEventStream", () => {
  it("should parse events split anywhere, with ids kept across events", async () => {
    const events: Array<StreamEvent> = []
    const { body, push, end } = feed()
    const reading = readEventStream(body, (e) => events.push(e))
    push("retry: 3000\n\n: heartbeat\n\nid: 1\nevent: comment.cre")
    push('ated\ndata: {"a":')
    push("1}\n\r")
    push("\nevent: vote.changed\r\ndata: line one\r\ndata: line two\r\n\r\n")
    push("id: 7\ndata:no-space\n\n")
    push("id\ndata: 1\n\n")
    push("data: unfinished")
    end()
    await reading
    expect(events).toEqual([
      { id: "1", type: "comment.created", data: { a: 1 } },
      { id: "1", type: "vote.changed", data: "line one\nline two" },
      { id: "7", type: "message", data: "no-space" },
      { id: null, type: "message", data: 1 },
    ])
  })

  it("should decode UTF-8 split across chunks", async () => {
    const events: Array<StreamEvent> = []
    const bytes = encoder.encode('data: {"t":"مرحبا 日本"}\n\n')
    const body = new ReadableStream<Uint8Array>({
      start: (c) => {
        for (const byte of bytes) c.enqueue(new Uint8Array([byte]))
        c.close()
      },
    })
    await readEventStream(body, (e) => events.push(e))
    expect(events).toEqual([{ id: null, type: "message", data: { t: "مرحبا 日本" } }])
  })
})

describe("threadEvents – over fetch", () => {
  it("should stream, then reconnect with Last-Event-ID and backoff after a drop", async () => {
    vi.useFakeTimers()
    const streams: Array<ReturnType<typeof feed>> = []
    const requests: Array<{ url: string; headers: Headers }> = []
    const fetch = vi.fn(async (url: string, init?: RequestInit) => {
      requests.push({ url, headers: new Headers(init?.headers) })
      const stream = feed()
      streams.push(stream)
      return sse(stream.body)
    })
    const client = createClient({ baseUrl: "http://api.test", siteKey: "kp_1", fetch })
    const events: Array<StreamEvent> = []
    const statuses: Array<LiveStatus> = []
    const close = client.threadEvents("/post/1", {
      onEvent: (e) => events.push(e),
      onStatus: (s) => statuses.push(s),
    })
    await vi.advanceTimersByTimeAsync(0)
    expect(requests[0]?.url).toBe("http://api.test/threads/%2Fpost%2F1/events?key=kp_1")
    expect(requests[0]?.headers.get("accept")).toBe("text/event-stream")
    expect(requests[0]?.headers.get("x-kommies-key")).toBe("kp_1")
    expect(requests[0]?.headers.has("last-event-id")).toBe(false)

    streams[0]?.push('id: 41\nevent: vote.changed\ndata: {"commentId":"a"}\n\n')
    streams[0]?.push('id: 42\nevent: vote.changed\ndata: {"commentId":"b"}\n\n')
    await vi.advanceTimersByTimeAsync(0)
    expect(events.map((e) => e.id)).toEqual(["41", "42"])
    streams[0]?.end()
    await vi.advanceTimersByTimeAsync(0)
    expect(statuses).toEqual(["connecting", "open", "reconnecting"])

    // Backoff: the first retry waits between 0.5 and 1 s.
    await vi.advanceTimersByTimeAsync(499)
    expect(fetch).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(501)
    expect(fetch).toHaveBeenCalledTimes(2)
    expect(requests[1]?.headers.get("last-event-id")).toBe("42")
    expect(statuses.at(-1)).toBe("open")

    close()
    expect(statuses.at(-1)).toBe("off")
  })

  it("should back off exponentially while the server is down, and reset once open", async () => {
    vi.useFakeTimers()
    vi.spyOn(Math, "random").mockReturnValue(1)
    let down = true
    const fetch = vi.fn(async () => {
      if (down) throw new TypeError("connection refused")
      return sse(feed().body)
    })
    const client = createClient({ baseUrl: "http://api.test", siteKey: "kp_1", fetch })
    const statuses: Array<LiveStatus> = []
    const close = client.threadEvents("/p", {
      onEvent: () => {},
      onStatus: (s) => statuses.push(s),
      retryDelay: 100,
      maxRetryDelay: 1_000,
    })
    await vi.advanceTimersByTimeAsync(0)
    const times: Array<number> = []
    let last = fetch.mock.calls.length
    for (let t = 0; t < 3_000 && times.length < 5; t += 10) {
      await vi.advanceTimersByTimeAsync(10)
      if (fetch.mock.calls.length > last) {
        times.push(t + 10)
        last = fetch.mock.calls.length
      }
    }
    // 100, 200, 400, 800, then capped at 1000 ms between attempts.
    expect(times.map((t, i) => t - (times[i - 1] ?? 0))).toEqual([100, 200, 400, 800, 1000])
    down = false
    await vi.advanceTimersByTimeAsync(1_000)
    expect(statuses.at(-1)).toBe("open")
    close()
    vi.restoreAllMocks()
  })

  it("should give up on a refusal (4xx) and report it", async () => {
    const fetch = vi.fn(async () => problem(404, "site_not_found", "No such site"))
    const client = createClient({ baseUrl: "http://api.test", siteKey: "kp_x", fetch })
    const onError = vi.fn()
    const statuses: Array<LiveStatus> = []
    client.threadEvents("/p", { onEvent: () => {}, onError, onStatus: (s) => statuses.push(s) })
    await flush(20)
    expect(onError).toHaveBeenCalledWith(
      expect.objectContaining({ status: 404, code: "site_not_found" }),
    )
    expect(statuses).toEqual(["connecting", "off"])
    expect(fetch).toHaveBeenCalledTimes(1)
  })

  it("should send the commenter's token and stop reading when closed", async () => {
    const stream = feed()
    let signal: AbortSignal | undefined
    const fetch = vi.fn(async (_url: string, init?: RequestInit) => {
      signal = init?.signal ?? undefined
      expect(new Headers(init?.headers).get("authorization")).toBe("Bearer tok")
      return sse(stream.body)
    })
    const client = createClient({ baseUrl: "http://api.test", siteKey: "kp_1", fetch })
    client.setSession({
      accessToken: "tok",
      refreshToken: "r",
      accessTokenExpiresAt: Date.now() + 3_600_000,
      commenter: { id: "c", displayName: "C", avatarUrl: null, role: "user", karma: 0 },
    })
    const events: Array<StreamEvent> = []
    const close = client.threadEvents("/p", { onEvent: (e) => events.push(e) })
    await flush(20)
    close()
    expect(signal?.aborted).toBe(true)
    client.dispose()
  })
})

/** A stand-in for the browser's EventSource. */
class FakeEventSource {
  static instances: Array<FakeEventSource> = []
  readyState = 0
  onopen: (() => void) | null = null
  onerror: (() => void) | null = null
  closed = false
  readonly listeners = new Map<string, (e: MessageEvent) => void>()
  constructor(readonly url: string) {
    FakeEventSource.instances.push(this)
  }
  addEventListener(type: string, listener: (e: MessageEvent) => void) {
    this.listeners.set(type, listener)
  }
  close() {
    this.closed = true
    this.readyState = 2
  }
  open() {
    this.readyState = 1
    this.onopen?.()
  }
  dispatch(type: string, data: string, lastEventId = "") {
    this.listeners.get(type)?.({ data, lastEventId } as MessageEvent)
  }
  fail(readyState: number) {
    this.readyState = readyState
    this.onerror?.()
  }
}

describe("threadEvents – over EventSource", () => {
  it("should use EventSource when there is one, with the key and last id in the URL", async () => {
    vi.useFakeTimers()
    FakeEventSource.instances = []
    const client = createClient({
      baseUrl: "https://c.example/api",
      siteKey: "kp_1",
      fetch: async () => {
        throw new Error("fetch must not be used")
      },
      EventSource: FakeEventSource as unknown as typeof EventSource,
    })
    const events: Array<StreamEvent> = []
    const statuses: Array<LiveStatus> = []
    const close = client.threadEvents("/p", {
      lastEventId: "5",
      onEvent: (e) => events.push(e),
      onStatus: (s) => statuses.push(s),
    })
    const first = FakeEventSource.instances[0]!
    expect(first.url).toBe("https://c.example/api/threads/%2Fp/events?key=kp_1&lastEventId=5")
    first.open()
    first.dispatch("comment.created", '{"comment":{"id":"x"}}', "6")
    first.dispatch("vote.changed", '{"commentId":"x"}', "7")
    expect(events).toEqual([
      { id: "6", type: "comment.created", data: { comment: { id: "x" } } },
      { id: "7", type: "vote.changed", data: { commentId: "x" } },
    ])
    // The browser reconnects by itself while CONNECTING…
    first.fail(0)
    expect(statuses.at(-1)).toBe("reconnecting")
    expect(FakeEventSource.instances).toHaveLength(1)
    // …but once CLOSED, we reconnect, resuming after the last event.
    first.fail(2)
    await vi.advanceTimersByTimeAsync(1_000)
    expect(FakeEventSource.instances).toHaveLength(2)
    expect(FakeEventSource.instances[1]?.url).toContain("lastEventId=7")
    close()
    expect(FakeEventSource.instances[1]?.closed).toBe(true)
    expect(statuses.at(-1)).toBe("off")
  })

  it("should read with fetch when EventSource is turned off", async () => {
    const fetch = vi.fn(async () => sse(feed().body))
    const client = createClient({
      baseUrl: "http://api.test",
      siteKey: "kp",
      fetch,
      EventSource: false,
    })
    const close = client.threadEvents("/p", { onEvent: () => {} })
    await flush(20)
    expect(fetch).toHaveBeenCalledTimes(1)
    close()
  })
})

describe("ThreadStore – realtime over the fetch reader", () => {
  it("should apply events from the stream and resume after a drop with Last-Event-ID", async () => {
    vi.useFakeTimers()
    const streams: Array<ReturnType<typeof feed>> = []
    const lastIds: Array<string | null> = []
    const fetch = vi.fn(async (_url: string, init?: RequestInit) => {
      lastIds.push(new Headers(init?.headers).get("last-event-id"))
      const stream = feed()
      streams.push(stream)
      return sse(stream.body)
    })
    const client = createClient({ baseUrl: "http://api.test", siteKey: "kp", fetch })
    const store = createThreadStore(client, {
      page: "/p",
      initial: { page: "/p", result: page({ comments: [view("a")] }) },
    })
    store.connect()
    await vi.advanceTimersByTimeAsync(0)
    const frame = (id: number, type: string, data: unknown) =>
      `id: ${id}\nevent: ${type}\ndata: ${JSON.stringify(data)}\n\n`
    streams[0]?.push(
      frame(3, "vote.changed", { commentId: "a", upvotes: 2, downvotes: 0, score: 2 }),
    )
    streams[0]?.push(frame(4, "comment.created", { comment: view("n"), visible: true }))
    await vi.advanceTimersByTimeAsync(0)
    expect(store.getSnapshot().comments.a?.score).toBe(2)
    expect(store.getSnapshot().newCount).toBe(1)
    streams[0]?.end()
    await vi.advanceTimersByTimeAsync(0)
    expect(store.getSnapshot().live).toBe("reconnecting")
    await vi.advanceTimersByTimeAsync(1_000)
    expect(lastIds).toEqual([null, "4"])
    expect(store.getSnapshot().live).toBe("open")
    streams[1]?.push(frame(5, "thread.locked", { threadId: "t-1" }))
    await vi.advanceTimersByTimeAsync(0)
    expect(store.getSnapshot().thread?.locked).toBe(true)
    store.dispose()
  })
})
