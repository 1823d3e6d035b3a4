/**
 * A small HTTP client for the conformance cases: `fetch` over real sockets, the
 * site's public key on every call, JSON in and out, and a reader of
 * Server-Sent Events. Internal to the suite.
 */

/** A response, read whole. */
export interface Reply {
  readonly status: number
  readonly headers: Headers
  /** Parsed JSON when the content type says JSON, else the text. */
  // biome-ignore lint/suspicious/noExplicitAny: cases read JSON freely
  readonly body: any
  readonly text: string
}

/** Options of one call. */
export interface CallOptions {
  /** A JSON body (serialized), or the exact bytes with `raw`. */
  readonly json?: unknown
  readonly raw?: string | Uint8Array
  /** A commenter's access token, sent as `Authorization: Bearer`. */
  readonly token?: string
  /** Send the site's public key (default true). */
  readonly key?: boolean
  readonly headers?: Record<string, string>
  readonly signal?: AbortSignal
}

/** Reads a response whole. */
export const read = async (response: Response): Promise<Reply> => {
  const text = await response.text()
  const type = response.headers.get("content-type") ?? ""
  let body: unknown = text
  if (text !== "" && /json/.test(type)) {
    try {
      body = JSON.parse(text)
    } catch {
      body = text
    }
  }
  return { status: response.status, headers: response.headers, body, text }
}

/** The Request for a call to the API under `base`. */
const init = (publicKey: string, options: CallOptions, method: string): RequestInit => {
  const headers: Record<string, string> = { ...options.headers }
  if (options.key !== false) headers["x-kommies-key"] = publicKey
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`
  let body: BodyInit | undefined
  if (options.raw !== undefined) body = options.raw as BodyInit
  else if (options.json !== undefined) {
    body = JSON.stringify(options.json)
    headers["content-type"] ??= "application/json"
  }
  return {
    method,
    headers,
    ...(body === undefined ? {} : { body }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  }
}

/** Calls the API under `base` as the site `publicKey`. */
export const client = (base: string, publicKey: string) => {
  const fetchRaw = (method: string, path: string, options: CallOptions = {}) =>
    fetch(`${base}${path}`, init(publicKey, options, method))
  const call = async (method: string, path: string, options: CallOptions = {}) =>
    read(await fetchRaw(method, path, options))
  /** A guest commenter's session. */
  const guest = async (displayName: string) => {
    const signed = await call("POST", "/auth/guest", { json: { displayName } })
    if (signed.status !== 200) throw new Error(`guest sign-in failed: ${signed.text}`)
    return signed.body as {
      readonly accessToken: string
      readonly refreshToken: string
      readonly commenter: { readonly id: string; readonly displayName: string }
    }
  }
  /** Posts a comment; returns its view. */
  const post = async (token: string, thread: string, body: string) => {
    const reply = await call("POST", threadPath(thread, "comments"), { token, json: { body } })
    if (reply.status !== 201) throw new Error(`post failed (${reply.status}): ${reply.text}`)
    return reply.body as { readonly id: string; readonly threadId: string; readonly html: string }
  }
  return { fetch: fetchRaw, call, guest, post }
}

/** The client of one world. */
export type Client = ReturnType<typeof client>

/** `/threads/{key}/{what}` with the key encoded. */
export const threadPath = (thread: string, what: "comments" | "events") =>
  `/threads/${encodeURIComponent(thread)}/${what}`

/** A fresh thread key, so that every case has a thread of its own. */
export const freshThread = (label: string) =>
  `/conformance/${label}/${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`

/** One block of an event stream. */
export interface SseEvent {
  readonly id: string | null
  readonly event: string | null
  readonly data: string | null
  /** A `:` comment line (heartbeats). */
  readonly comment: string | null
}

const parse = (block: string): SseEvent => {
  let id: string | null = null
  let event: string | null = null
  let data: string | null = null
  let comment: string | null = null
  for (const line of block.split("\n")) {
    if (line.startsWith(":")) comment = line.slice(1).trim()
    else if (line.startsWith("id:")) id = line.slice(3).trim()
    else if (line.startsWith("event:")) event = line.slice(6).trim()
    else if (line.startsWith("data:")) data = line.slice(5).trim()
  }
  return { id, event, data, comment }
}

/** Reads an event stream block by block, with a deadline on every wait. */
export const sse = (response: Response) => {
  const body = response.body
  if (body === null) throw new Error("the event stream has no body")
  const reader = body.getReader()
  const decoder = new TextDecoder()
  const queue: Array<SseEvent> = []
  let buffer = ""
  let done = false
  let reading: Promise<void> | null = null
  const read = async () => {
    const { done: end, value } = await reader.read()
    if (end) {
      done = true
      return
    }
    buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, "\n")
    let at = buffer.indexOf("\n\n")
    while (at !== -1) {
      queue.push(parse(buffer.slice(0, at)))
      buffer = buffer.slice(at + 2)
      at = buffer.indexOf("\n\n")
    }
  }
  /** One read at a time: a wait that timed out leaves its read for the next wait. */
  const pump = () => {
    reading ??= read().finally(() => {
      reading = null
    })
    return reading
  }
  const isEvent = (e: SseEvent) => e.event !== null
  /** The next block `accept` takes (default: a named event), or null when the stream ends. */
  const next = async (
    accept: (e: SseEvent) => boolean = isEvent,
    timeoutMs = 5_000,
  ): Promise<SseEvent | null> => {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const found = queue.findIndex(accept)
      if (found !== -1) return queue.splice(0, found + 1)[found] ?? null
      queue.length = 0
      if (done) return null
      const left = deadline - Date.now()
      if (left <= 0) throw new Error(`no matching event within ${timeoutMs} ms`)
      let timer: ReturnType<typeof setTimeout> | undefined
      const timeout = new Promise<"timeout">((resolve) => {
        timer = setTimeout(() => resolve("timeout"), left)
      })
      const outcome = await Promise.race([pump(), timeout])
      clearTimeout(timer)
      if (outcome === "timeout") throw new Error(`no matching event within ${timeoutMs} ms`)
    }
  }
  /** Named events arriving within `ms` (a quiet stream gives an empty list). */
  const drain = async (ms: number): Promise<Array<SseEvent>> => {
    const out: Array<SseEvent> = []
    const stop = Date.now() + ms
    for (;;) {
      const left = stop - Date.now()
      if (left <= 0) return out
      try {
        const event = await next(isEvent, left)
        if (event === null) return out
        out.push(event)
      } catch {
        return out
      }
    }
  }
  return { next, drain, cancel: () => reader.cancel().catch(() => {}) }
}

/** Polls `check` until it holds or `ms` pass; returns whether it held. */
export const eventually = async (check: () => boolean, ms = 3_000): Promise<boolean> => {
  const stop = Date.now() + ms
  while (!check()) {
    if (Date.now() > stop) return false
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  return true
}
