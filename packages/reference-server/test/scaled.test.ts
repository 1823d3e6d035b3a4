/**
 * Two servers in this process on one real PostgreSQL and one real Redis, as
 * two processes would share them: one site however they start, presence
 * counted across both, typing and comments fanned out.
 */
import { get } from "node:http"
import { Redis } from "ioredis"
import { describe, expect, it } from "vitest"
import { type RunningServer, startServer } from "../src/server/start.js"
import { openSocket } from "./support/sockets.js"
import { demoKey, postComment, testConfig } from "./support/servers.js"
import {
  databaseUrl,
  freshPrefix,
  freshSchema,
  isMissing,
  redisUrl,
  reportMissing,
} from "./support/services.js"

describe("two servers on PostgreSQL and Redis", async () => {
  const schema = await freshSchema("scaled")
  const prefix = await freshPrefix("scaled")
  if (isMissing(schema)) return reportMissing(schema)
  if (isMissing(prefix)) return reportMissing(prefix)
  const env = {
    DATABASE_URL: databaseUrl,
    DATABASE_SCHEMA: schema,
    DATABASE_POOL_SIZE: "4",
    REDIS_URL: redisUrl,
    REDIS_PREFIX: prefix,
    KOMMIES_SECRET: "s".repeat(64),
    KOMMIES_PUBLIC_URL: "http://localhost:9",
  }
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
    const onA = await openSocket(a.url, key, "/shared", origin)
    await onA.next((m) => m.type === "presence" && m.count === 1)
    const onB = await openSocket(b.url, key, "/shared", origin)
    await onB.next((m) => m.type === "presence" && m.count === 2)
    await onA.next((m) => m.type === "presence" && m.count === 2)
    onB.socket.send(JSON.stringify({ type: "typing" }))
    expect(await onA.next((m) => m.type === "typing")).toEqual({ type: "typing", name: "Someone" })
    onB.socket.close()
    await onA.next((m) => m.type === "presence" && m.count === 1)
    onA.socket.close()
  })

  it("events – should reach an SSE client on one server for a comment posted through the other", async () => {
    const [a, b] = servers as [RunningServer, RunningServer]
    const key = await demoKey(a)
    // node:http, not fetch: like a browser, it closes its socket when done
    let text = ""
    const request = get(`${a.url}/api/threads/%2Ffanout/events?key=${key}`)
    const seen = new Promise<string>((resolve, reject) => {
      request.on("response", (response) =>
        response.on("data", (chunk) => {
          text += String(chunk)
          if (text.includes("comment.created")) resolve(text)
        }),
      )
      request.on("error", reject)
      setTimeout(() => reject(new Error(`no event in 10 s: ${JSON.stringify(text)}`)), 10_000)
    })
    await new Promise((r) => setTimeout(r, 300))
    await postComment(b.url, key, "/fanout", "Across servers", "http://localhost:9")
    expect(await seen).toContain("comment.created")
    request.destroy()
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
