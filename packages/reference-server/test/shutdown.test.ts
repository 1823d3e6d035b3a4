import { request } from "node:http"
import { describe, expect, it } from "vitest"
import { startServer } from "../src/server/start.js"
import { openSocket } from "./support/sockets.js"
import { demoKey, memoryStores, testConfig } from "./support/servers.js"

/** Reads an SSE response until it ends; resolves with everything it sent. */
const readStream = async (response: Response) => {
  const reader = response.body!.getReader()
  const decoder = new TextDecoder()
  let text = ""
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return text
    text += decoder.decode(value, { stream: true })
  }
}

describe("graceful shutdown", () => {
  it("close – should finish in-flight requests, tell SSE clients to reconnect, close sockets with 1012", async () => {
    const server = await startServer(testConfig(), { stores: memoryStores() })
    const origin = server.app.publicUrl
    const key = await demoKey(server)
    const guest = (await (
      await fetch(`${server.url}/api/auth/guest`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-kommies-key": key },
        body: JSON.stringify({ displayName: "Ada" }),
      })
    ).json()) as { accessToken: string }

    const events = await fetch(`${server.url}/api/threads/%2Fbye/events?key=${key}`)
    expect(events.headers.get("content-type")).toContain("text/event-stream")
    const streamed = readStream(events)
    const socket = await openSocket(server.url, key, "/bye", origin)
    await socket.next((m) => m.type === "presence")

    // A post whose body is still arriving when shutdown starts.
    const body = JSON.stringify({ body: "Posted during shutdown" })
    const inFlight = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const url = new URL(`${server.url}/api/threads/%2Fbye/comments`)
      const req = request(
        url,
        {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "content-length": Buffer.byteLength(body),
            "x-kommies-key": key,
            authorization: `Bearer ${guest.accessToken}`,
          },
        },
        (res) => {
          let text = ""
          res.on("data", (chunk) => {
            text += chunk
          })
          res.on("end", () => resolve({ status: res.statusCode ?? 0, text }))
        },
      )
      req.on("error", reject)
      req.write(body.slice(0, 10))
      setTimeout(() => req.end(body.slice(10)), 300)
    })
    await new Promise((r) => setTimeout(r, 100))

    const startedAt = Date.now()
    const closing = server.close({ graceMs: 5_000 })
    const [posted, sent, socketClosed] = await Promise.all([inFlight, streamed, socket.closed])
    await closing
    // done when the work is, not at the end of the grace period
    expect(Date.now() - startedAt).toBeLessThan(4_000)

    expect(posted.status).toBe(201)
    expect(posted.text).toContain("Posted during shutdown")
    // The stream ended cleanly with a hint to reconnect (elsewhere) and resume.
    expect(sent).toContain("retry:")
    expect(sent).toContain("event: reconnect")
    expect(socketClosed.code).toBe(1012)
    await expect(fetch(`${server.url}/health`)).rejects.toThrow()
  })

  it("close – should make /ready answer 503 while shutting down", async () => {
    const server = await startServer(testConfig(), { stores: memoryStores() })
    const events = await fetch(`${server.url}/api/threads/%2Fx/events?key=${await demoKey(server)}`)
    const closing = server.close({ graceMs: 2_000 })
    // the keep-alive connection of this stream is still open; a new request is refused or 503
    const ready = await fetch(`${server.url}/ready`).then(
      (r) => r.status,
      () => 0,
    )
    expect([0, 503]).toContain(ready)
    await readStream(events)
    await closing
  })
})
