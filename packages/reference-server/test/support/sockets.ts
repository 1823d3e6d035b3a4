/** A realtime WebSocket client for tests: collects messages, waits for one that matches. */
import WebSocket from "ws"

export interface TestSocket {
  readonly socket: WebSocket
  readonly messages: Array<{ type: string; count?: number; name?: string }>
  /** Resolves with the first message (seen or coming) that matches, or rejects after `ms`. */
  readonly next: (
    match: (m: { type: string; count?: number; name?: string }) => boolean,
    ms?: number,
  ) => Promise<{ type: string; count?: number; name?: string }>
  readonly closed: Promise<{ code: number; reason: string }>
}

/** Opens `/api/realtime` on `base` for a thread. */
export const openSocket = (
  base: string,
  key: string,
  thread: string,
  origin: string,
): Promise<TestSocket> =>
  new Promise((resolve, reject) => {
    const url = `${base.replace(/^http/, "ws")}/api/realtime?key=${encodeURIComponent(key)}&thread=${encodeURIComponent(thread)}`
    const socket = new WebSocket(url, { origin })
    const messages: TestSocket["messages"] = []
    const waiters = new Set<() => void>()
    socket.on("message", (data) => {
      messages.push(JSON.parse(data.toString()))
      for (const w of waiters) w()
    })
    const closed = new Promise<{ code: number; reason: string }>((done) =>
      socket.on("close", (code, reason) => done({ code, reason: reason.toString() })),
    )
    const next: TestSocket["next"] = (match, ms = 5_000) =>
      new Promise((done, fail) => {
        let from = 0
        const check = () => {
          for (; from < messages.length; from++) {
            const m = messages[from]!
            if (match(m)) {
              waiters.delete(check)
              clearTimeout(timer)
              return done(m)
            }
          }
        }
        const timer = setTimeout(() => {
          waiters.delete(check)
          fail(new Error(`no matching message in ${ms} ms; got ${JSON.stringify(messages)}`))
        }, ms)
        waiters.add(check)
        check()
      })
    socket.once("open", () => resolve({ socket, messages, next, closed }))
    socket.once("unexpected-response", (_request, response) =>
      reject(
        Object.assign(new Error(`refused: ${response.statusCode}`), {
          status: response.statusCode,
        }),
      ),
    )
    socket.once("error", reject)
  })
