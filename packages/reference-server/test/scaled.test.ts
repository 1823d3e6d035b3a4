/**
 * Two servers in this process on one real PostgreSQL and one real Redis, as
 * two processes would share them: one site however they start, presence
 * counted across both, typing and comments fanned out.
 */
import { Redis } from "ioredis"
import { describe, expect, it } from "vitest"
import { type RunningServer, startServer } from "../src/server/start.js"
import { demoKey, postComment, testConfig } from "./support/servers.js"
import { redisUrl } from "./support/services.js"
import { eventStream, readersOnBoth, sharedStores } from "./support/twoServers.js"

describe("two servers on PostgreSQL and Redis", async () => {
  const shared = await sharedStores("scaled", "http://localhost:9")
  if (shared === undefined) return
  const { env, prefix } = shared
  let servers: Array<RunningServer> = []

  it("first start – should create one site when two servers start at once", async () => {
    servers = await Promise.all([startServer(testConfig(env)), startServer(testConfig(env))])
    const [a, b] = servers as [RunningServer, RunningServer]
    expect(await demoKey(a)).toBe(await demoKey(b))
  })

  it("presence and typing – should count readers on both servers and reach across them", async () => {
    const [a, b] = servers as [RunningServer, RunningServer]
    const key = await demoKey(a)
    const origin = "http://localhost:9"
    const [onA, onB] = await readersOnBoth(a.url, b.url, key, "/shared", origin)
    onB.socket.send(JSON.stringify({ type: "typing" }))
    expect(await onA.next((m) => m.type === "typing")).toEqual({ type: "typing", name: "Someone" })
    onB.socket.close()
    await onA.next((m) => m.type === "presence" && m.count === 1)
    onA.socket.close()
  })

  it("events – should reach an SSE client on one server for a comment posted through the other", async () => {
    const [a, b] = servers as [RunningServer, RunningServer]
    const key = await demoKey(a)
    const events = await eventStream(a.url, key, "/fanout", "comment.created")
    await postComment(b.url, key, "/fanout", "Across servers", "http://localhost:9")
    expect(await events.seen).toContain("comment.created")
    events.close()
  })

  it("close – should be quick and leave no presence behind", async () => {
    const startedAt = Date.now()
    await Promise.all(servers.map((s) => s.close({ graceMs: 5_000 })))
    expect(Date.now() - startedAt).toBeLessThan(4_000)
    const redis = new Redis(redisUrl)
    const [, keys] = await redis.scan("0", "MATCH", `${prefix}*presence*`, "COUNT", 1000)
    await redis.quit()
    expect(keys).toEqual([])
  })
})
