import { Effect } from "effect"
import { Mailer } from "@kommies/core"
import { describe, expect, it } from "vitest"
import { consoleMailer } from "../src/server/mailers.js"
import { demoSiteId } from "../src/server/sites.js"
import { startServer } from "../src/server/start.js"
import { demoKey, start, testConfig } from "./support/servers.js"

describe("saas mode", async () => {
  const server = await start({ KOMMIES_MODE: "saas" })

  it("demo site – should exist for /demo, with no standalone site", async () => {
    expect(server.app.mode).toBe("saas")
    expect(server.app.standaloneSiteId).toBeNull()
    expect(server.app.demoSiteId).toBe(demoSiteId)
    const site = await server.app.kommies.sites.get(demoSiteId)
    expect(await demoKey(server)).toBe(site.publicKey)
    expect(site.allowedOrigins).toContain(server.app.publicUrl)
    const config = await (await fetch(`${server.url}/dashboard/api/config`)).json()
    expect(config).toMatchObject({ mode: "saas", billingEnabled: false })
  })

  it("event streams – should be counted in /metrics while open", async () => {
    const key = await demoKey(server)
    const controller = new AbortController()
    const stream = await fetch(`${server.url}/api/threads/%2Fm/events?key=${key}`, {
      signal: controller.signal,
    })
    expect(stream.status).toBe(200)
    const open = await (await fetch(`${server.url}/metrics`)).text()
    expect(open).toContain("kommies_event_streams_open 1")
    await stream.body?.cancel()
    controller.abort()
  })
})

describe("console mailer", () => {
  it("send – should log each email (codes included) as one structured line, with one warning", async () => {
    const lines: Array<{ level: string; fields: Record<string, unknown>; message: string }> = []
    const log = {
      info: (fields: Record<string, unknown>, message: string) =>
        lines.push({ level: "info", fields, message }),
      warn: (fields: Record<string, unknown>, message: string) =>
        lines.push({ level: "warn", fields, message }),
    }
    const mailer = consoleMailer(log)
    const send = (text: string) =>
      Effect.runPromise(
        Effect.flatMap(Mailer.Mailer, (m) =>
          m.send({ to: "a@example.com", subject: "Your code", text }),
        ).pipe(Effect.provide(mailer)),
      )
    await send("Code: 123456")
    await send("Code: 654321")
    expect(lines.filter((l) => l.level === "warn")).toHaveLength(1)
    expect(lines.filter((l) => l.level === "warn")[0]!.message).toContain("not sent")
    expect(lines.filter((l) => l.level === "info").map((l) => l.fields.mail)).toEqual([
      { to: "a@example.com", subject: "Your code", text: "Code: 123456" },
      { to: "a@example.com", subject: "Your code", text: "Code: 654321" },
    ])
  })
})

describe("unreachable stores", () => {
  it("start – should fail with a message naming the database, not a stack trace", async () => {
    const config = testConfig({
      DATABASE_URL: "postgres://kommies:secret-password@127.0.0.1:1/nowhere",
      KOMMIES_SECRET: "x".repeat(40),
    })
    const failure = await startServer(config).then(
      () => null,
      (error: unknown) => error as Error,
    )
    expect(failure?.message).toMatch(/^Kommies could not start: .*127\.0\.0\.1:1/)
    expect(failure?.message).not.toContain("secret-password")
  })
})
