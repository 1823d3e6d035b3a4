/**
 * The realtime WebSocket at `/api/realtime?key=kp_…&thread=<thread key>`:
 * presence (how many read the thread) and typing indicators, beside the SSE
 * stream of the API (which carries the comments themselves).
 *
 * Protocol (JSON text frames):
 * - server → client `{ "type": "presence", "count": n }` on connect and whenever it changes;
 * - server → client `{ "type": "typing", "name": "Ada" }` when someone else types;
 * - client → server `{ "type": "typing" }` (at most one per 2 s is passed on);
 * - client → server `{ "type": "identify", "token": "<commenter access token>" }`
 *   (optional) so typing shows the commenter's name instead of "Someone".
 * Frames over 4 KiB close the socket (1009); pings every 30 s, and a socket
 * that misses a pong is dropped. On shutdown sockets close with 1012.
 *
 * @since 0.1.0
 */
import { randomUUID } from "node:crypto"
import type { IncomingMessage } from "node:http"
import type { Duplex } from "node:stream"
import type { Ids } from "@kommies/core"
import { type WebSocket, WebSocketServer } from "ws"
import type { AppContext } from "../AppContext.js"
import type { Member, Presence, ServerMessage, Topic } from "./Presence.js"

/** Where the socket is served. @since 0.1.0 @category constants */
export const realtimePath = "/api/realtime"

/** Options of {@link makeRealtimeSocket}. */
export interface RealtimeSocketOptions {
  readonly app: AppContext
  readonly presence: Presence
  /** Milliseconds between pings. Default 30 000. */
  readonly pingMs?: number
  /** Milliseconds between passed-on typing messages of one socket. Default 2 000. */
  readonly typingMs?: number
  readonly onOpen?: () => void
  readonly onClose?: () => void
  readonly onError?: (error: unknown) => void
}

/** The socket server, to attach to an HTTP server's `upgrade`. */
export interface RealtimeSocket {
  /** Handles the upgrade when the path is {@link realtimePath}; returns false for other paths. */
  readonly handleUpgrade: (request: IncomingMessage, socket: Duplex, head: Buffer) => boolean
  /** Closes every socket with 1012 (service restart) and stops. */
  readonly close: () => Promise<void>
}

const maxPayload = 4096

const refuse = (socket: Duplex, status: number, reason: string) => {
  const body = JSON.stringify({
    type: "about:blank",
    title: reason,
    status,
    code: "realtime_refused",
  })
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  )
}

/**
 * Creates the socket server.
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeRealtimeSocket = (options: RealtimeSocketOptions): RealtimeSocket => {
  const { app, presence } = options
  const onError = options.onError ?? (() => {})
  const typingMs = options.typingMs ?? 2_000
  const wss = new WebSocketServer({ noServer: true, maxPayload, perMessageDeflate: false })
  const alive = new WeakMap<WebSocket, boolean>()
  let closing = false

  const ping = setInterval(() => {
    for (const ws of wss.clients) {
      if (alive.get(ws) === false) {
        ws.terminate()
        continue
      }
      alive.set(ws, false)
      ws.ping()
    }
  }, options.pingMs ?? 30_000)
  ping.unref()

  const admit = async (request: IncomingMessage): Promise<Topic | [number, string]> => {
    const url = new URL(request.url ?? "/", "http://localhost")
    const key = url.searchParams.get("key") ?? ""
    const threadKey = url.searchParams.get("thread") ?? ""
    if (threadKey === "" || threadKey.length > 1024) return [400, "Bad Request"]
    const site = await app.kommies.sites.byPublicKey(key).catch(() => null)
    if (site === null) return [401, "Unauthorized"]
    const origin = request.headers.origin
    const allowed =
      site.allowedOrigins.includes("*") ||
      (origin !== undefined && site.allowedOrigins.includes(origin))
    if (!allowed) return [403, "Forbidden"]
    return { siteId: site.id, threadKey }
  }

  const serve = (ws: WebSocket, topic: Topic) => {
    const id = randomUUID()
    let name = "Someone"
    let lastTyping = 0
    const member: Member = {
      id,
      send: (message: ServerMessage) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message))
      },
    }
    alive.set(ws, true)
    options.onOpen?.()
    ws.on("pong", () => alive.set(ws, true))
    ws.on("error", () => ws.terminate())
    ws.on("message", (data, isBinary) => {
      if (isBinary) return
      let message: { type?: unknown; token?: unknown }
      try {
        message = JSON.parse(data.toString()) as typeof message
      } catch {
        return
      }
      if (message.type === "typing") {
        const now = Date.now()
        if (now - lastTyping < typingMs) return
        lastTyping = now
        presence.typing(topic, member, name).catch(onError)
      } else if (message.type === "identify" && typeof message.token === "string") {
        const siteId = topic.siteId as Ids.SiteId
        app.kommies.auth
          .actorFromToken(siteId, message.token)
          .then((actor) =>
            actor._tag === "commenter"
              ? app.kommies.commenters.get(siteId, actor.commenterId)
              : null,
          )
          .then(
            (commenter) => {
              if (commenter !== null) name = commenter.displayName
            },
            () => {}, // a bad token leaves the socket anonymous
          )
      }
    })
    ws.on("close", () => {
      options.onClose?.()
      presence.leave(topic, member).catch(onError)
    })
    presence.join(topic, member).catch(onError)
  }

  return {
    handleUpgrade: (request, socket, head) => {
      const path = (request.url ?? "").split("?")[0]
      if (path !== realtimePath) return false
      if (closing) {
        refuse(socket, 503, "Service Unavailable")
        return true
      }
      admit(request).then(
        (result) => {
          if (Array.isArray(result)) return refuse(socket, result[0], result[1])
          wss.handleUpgrade(request, socket, head, (ws) => serve(ws, result))
        },
        (error) => {
          onError(error)
          refuse(socket, 500, "Internal Server Error")
        },
      )
      return true
    },
    close: async () => {
      closing = true
      clearInterval(ping)
      for (const ws of wss.clients) ws.close(1012, "server restarting")
      // a second for the close handshakes, then whatever is left is cut
      const deadline = Date.now() + 1_000
      while (wss.clients.size > 0 && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 20))
      for (const ws of wss.clients) ws.terminate()
      await presence.close()
      await new Promise<void>((resolve) => wss.close(() => resolve()))
    },
  }
}
