/**
 * Realtime: a thread's Server-Sent Events over `EventSource` (browsers) or
 * over a streamed `fetch` (Node, tests, or by choice), resuming after the last
 * event id and reconnecting with backoff.
 *
 * @since 0.1.0
 */
import type { FetchLike } from "./Client.js"
import { errorOf, type KommiesError } from "./KommiesError.js"

/** One event of a thread. @since 0.1.0 @category models */
export interface StreamEvent {
  /** The thread's sequence number (the SSE `id`), when the server sent one. */
  readonly id: string | null
  /** `comment.created`, `vote.changed`, … (`message` when the server named none). */
  readonly type: string
  /** The parsed JSON of `data:` (the raw text when it is not JSON). */
  readonly data: unknown
}

/** Where a realtime connection stands. @since 0.1.0 @category models */
export type LiveStatus = "off" | "connecting" | "open" | "reconnecting"

/** @since 0.1.0 @category models */
export interface EventStreamOptions {
  /** Resume after this event (sent as `Last-Event-ID`). */
  readonly lastEventId?: string | null
  readonly onEvent: (event: StreamEvent) => void
  readonly onStatus?: (status: LiveStatus) => void
  /** The server refused the stream for good (a 4xx); no more reconnects. */
  readonly onError?: (error: KommiesError) => void
  /** First reconnect delay in ms, doubling up to `maxRetryDelay`; default 1000. */
  readonly retryDelay?: number
  /** Default 30 000. */
  readonly maxRetryDelay?: number
}

/** How `openEventStream` reaches the server. @since 0.1.0 @category models */
export interface EventStreamTarget {
  /** The stream's URL; `lastEventId` goes in the query for `EventSource`. */
  readonly url: (lastEventId: string | null) => string
  readonly headers: () => Promise<Record<string, string>>
  readonly fetch: FetchLike
  /** Used when given; otherwise (false, undefined) the stream is read with `fetch`. */
  readonly EventSource: typeof EventSource | false | undefined
}

/** The event types a thread stream carries (EventSource needs them named). */
const eventTypes = [
  "message",
  "vote.changed",
  "thread.locked",
  "thread.unlocked",
  ..."created edited deleted approved rejected spam".split(" ").map((t) => `comment.${t}`),
]

const parse = (text: string): unknown => {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

/**
 * Reads a `text/event-stream` body to its end, calling `onEvent` for every
 * complete event (the SSE parsing rules: `data` lines joined, `id` kept
 * across events, comments skipped, an unfinished event at the end dropped;
 * `retry` is not used: reconnects follow the client's own backoff).
 *
 * @since 0.1.0
 * @category parsing
 */
export const readEventStream = async (
  body: ReadableStream<Uint8Array>,
  onEvent: (event: StreamEvent) => void,
): Promise<void> => {
  const reader = body.getReader()
  const decoder = new TextDecoder()
  let buffer = ""
  let data: Array<string> = []
  let type = ""
  let id: string | null = null
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return
    buffer += decoder.decode(value, { stream: true })
    // A trailing \r may be the first half of \r\n: keep it for the next chunk.
    const lines = buffer.split(/\r\n|\n|\r(?!$)/)
    buffer = lines.pop() ?? ""
    for (const line of lines) {
      if (line === "") {
        if (data.length > 0) onEvent({ id, type: type || "message", data: parse(data.join("\n")) })
        data = []
        type = ""
        continue
      }
      const colon = line.indexOf(":")
      if (colon === 0) continue
      const field = colon < 0 ? line : line.slice(0, colon)
      const text = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "")
      if (field === "data") data.push(text)
      else if (field === "event") type = text
      else if (field === "id") id = text || null
    }
  }
}

const permanent = (status: number) =>
  status >= 400 && status < 500 && status !== 408 && status !== 429

/**
 * Opens a stream and keeps it open: after a drop it waits (1 s, 2 s, 4 s… up
 * to 30 s, with jitter) and reconnects with `Last-Event-ID`, so no event the
 * server still holds is missed. Returns `close`.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * const close = client.threadEvents("/post/1", { onEvent: (e) => console.log(e.type, e.data) })
 */
export const openEventStream = (
  target: EventStreamTarget,
  options: EventStreamOptions,
): (() => void) => {
  const maxDelay = options.maxRetryDelay ?? 30_000
  const delay = options.retryDelay ?? 1_000
  let lastId = options.lastEventId ?? null
  let attempt = 0
  let closed = false
  let timer: ReturnType<typeof setTimeout> | undefined
  let abort: AbortController | null = null
  let source: EventSource | null = null
  const status = (s: LiveStatus) => options.onStatus?.(s)
  const receive = (event: StreamEvent) => {
    if (closed) return
    if (event.id !== null) lastId = event.id
    options.onEvent(event)
  }
  const opened = () => {
    attempt = 0
    status("open")
  }
  const retry = () => {
    if (closed) return
    status("reconnecting")
    const wait = Math.min(maxDelay, delay * 2 ** attempt++)
    timer = setTimeout(connect, wait / 2 + (Math.random() * wait) / 2)
  }
  const giveUp = (error: KommiesError) => {
    close()
    options.onError?.(error)
  }

  const viaEventSource = (ES: typeof EventSource) => {
    const es = new ES(target.url(lastId))
    source = es
    es.onopen = opened
    es.onerror = () => {
      // CONNECTING: the browser retries on its own, with Last-Event-ID.
      if (es.readyState !== 2) return status("reconnecting")
      es.close()
      retry()
    }
    for (const type of eventTypes)
      es.addEventListener(type, (e) => {
        const { data, lastEventId } = e as MessageEvent<string>
        receive({ id: lastEventId || null, type, data: parse(data) })
      })
  }

  const viaFetch = async () => {
    const controller = new AbortController()
    abort = controller
    try {
      const headers = await target.headers()
      const response = await target.fetch(target.url(null), {
        headers: {
          ...headers,
          accept: "text/event-stream",
          ...(lastId === null ? {} : { "last-event-id": lastId }),
        },
        signal: controller.signal,
      })
      if (!response.ok || !response.body) {
        const error = await errorOf(response)
        if (permanent(response.status)) return giveUp(error)
        throw error
      }
      opened()
      await readEventStream(response.body, receive)
    } catch {}
    if (abort === controller) abort = null
    retry()
  }

  const connect = () => {
    if (closed) return
    if (target.EventSource) viaEventSource(target.EventSource)
    else void viaFetch()
  }

  const close = () => {
    if (closed) return
    closed = true
    clearTimeout(timer)
    abort?.abort()
    source?.close()
    status("off")
  }

  status("connecting")
  connect()
  return close
}
