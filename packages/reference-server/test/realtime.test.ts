import { describe, expect, it } from "vitest"
import { openSocket } from "./support/sockets.js"
import { demoKey, start } from "./support/servers.js"

describe("realtime WebSocket (one process)", async () => {
  const server = await start()
  const origin = server.app.publicUrl
  const key = await demoKey(server)

  it("presence – should count the readers of a thread and tell everyone when it changes", async () => {
    const a = await openSocket(server.url, key, "/presence", origin)
    await a.next((m) => m.type === "presence" && m.count === 1)
    const b = await openSocket(server.url, key, "/presence", origin)
    await b.next((m) => m.type === "presence" && m.count === 2)
    await a.next((m) => m.type === "presence" && m.count === 2)
    const other = await openSocket(server.url, key, "/elsewhere", origin)
    await other.next((m) => m.type === "presence" && m.count === 1)
    const metrics = await (await fetch(`${server.url}/metrics`)).text()
    expect(metrics).toContain("kommies_websockets_open 3")
    b.socket.close()
    await a.next((m) => m.type === "presence" && m.count === 1)
    a.socket.close()
    other.socket.close()
  })

  it("typing – should reach the other readers, not the typist, at most once per 2 s", async () => {
    const a = await openSocket(server.url, key, "/typing", origin)
    const b = await openSocket(server.url, key, "/typing", origin)
    await a.next((m) => m.type === "presence" && m.count === 2)
    a.socket.send(JSON.stringify({ type: "typing" }))
    a.socket.send(JSON.stringify({ type: "typing" }))
    a.socket.send(JSON.stringify({ type: "typing" }))
    expect(await b.next((m) => m.type === "typing")).toEqual({ type: "typing", name: "Someone" })
    await new Promise((r) => setTimeout(r, 300))
    expect(b.messages.filter((m) => m.type === "typing")).toHaveLength(1)
    expect(a.messages.filter((m) => m.type === "typing")).toHaveLength(0)
    a.socket.close()
    b.socket.close()
  })

  it("identify – should name the typist by their commenter token", async () => {
    const guest = await fetch(`${server.url}/api/auth/guest`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-kommies-key": key, origin },
      body: JSON.stringify({ displayName: "Grace" }),
    })
    const { accessToken } = (await guest.json()) as { accessToken: string }
    const a = await openSocket(server.url, key, "/named", origin)
    const b = await openSocket(server.url, key, "/named", origin)
    a.socket.send(JSON.stringify({ type: "identify", token: accessToken }))
    await new Promise((r) => setTimeout(r, 100))
    a.socket.send(JSON.stringify({ type: "typing" }))
    expect(await b.next((m) => m.type === "typing")).toEqual({ type: "typing", name: "Grace" })
    a.socket.close()
    b.socket.close()
  })

  it("admission – should refuse an unknown key, a foreign origin and a missing thread", async () => {
    await expect(openSocket(server.url, "kp_unknownkey12345", "/t", origin)).rejects.toMatchObject({
      status: 401,
    })
    await expect(openSocket(server.url, key, "/t", "https://evil.example")).rejects.toMatchObject({
      status: 403,
    })
    await expect(openSocket(server.url, key, "", origin)).rejects.toMatchObject({ status: 400 })
  })

  it("message size – should close a socket that sends more than 4 KiB", async () => {
    const a = await openSocket(server.url, key, "/big", origin)
    a.socket.send("x".repeat(5_000))
    expect((await a.closed).code).toBe(1009)
  })
})
