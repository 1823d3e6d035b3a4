/**
 * Two `kommies start` processes (the built bin) on one real PostgreSQL and
 * one real Redis: an event stream on one hears a comment posted through the
 * other, presence over WebSocket counts readers on both, and SIGTERM ends
 * each with exit code 0.
 */
import { type ChildProcess, spawn } from "node:child_process"
import { existsSync } from "node:fs"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { postComment } from "./support/servers.js"
import { eventStream, readersOnBoth, sharedStores } from "./support/twoServers.js"

const cli = join(import.meta.dirname, "..", "dist", "cli.js")

interface Child {
  readonly process: ChildProcess
  readonly url: string
  readonly exited: Promise<number | null>
  output: string
}

/** Starts `kommies start` on a free port; resolves once it printed its URL. */
const startChild = (env: Record<string, string>): Promise<Child> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, "start", "--port", "0"], {
      env: { PATH: process.env.PATH ?? "", LOG_LEVEL: "warn", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    })
    const exited = new Promise<number | null>((done) => child.on("exit", (code) => done(code)))
    let output = ""
    const timer = setTimeout(() => reject(new Error(`no start in 60 s:\n${output}`)), 60_000)
    const onData = (chunk: Buffer) => {
      output += String(chunk)
      const url = /running \(\w+ mode\), listening on (http:\/\/\S+)/.exec(output)?.[1]
      if (url !== undefined) {
        clearTimeout(timer)
        resolve({ process: child, url, exited, output })
      }
    }
    child.stdout.on("data", onData)
    child.stderr.on("data", onData)
    exited.then((code) => reject(new Error(`exited with ${code} before starting:\n${output}`)))
  })

describe("two kommies processes on PostgreSQL and Redis", async () => {
  if (!existsSync(cli)) {
    if (process.env.KOMMIES_REQUIRE_SERVICES === "1")
      it("dist/cli.js is required (KOMMIES_REQUIRE_SERVICES=1)", () => {
        throw new Error("dist/cli.js is missing: npm run build -w @kommies/reference-server")
      })
    else
      it.skip("skipped: dist/cli.js is not built (npm run build -w @kommies/reference-server)", () => {})
    return
  }
  const publicUrl = "http://localhost:9"
  const shared = await sharedStores("multi", publicUrl)
  if (shared === undefined) return
  const { env } = shared
  const children = await Promise.all([startChild(env), startChild(env)])
  afterAll(() => {
    for (const child of children) child.process.kill("SIGKILL")
  })
  const [a, b] = children

  it("events – should reach an SSE client on one process for a comment posted through the other", async () => {
    const html = await (await fetch(`${a.url}/demo`)).text()
    const key = /data-kommies-site="(kp_[^"]+)"/.exec(html)![1]!
    expect(await (await fetch(`${b.url}/demo`)).text()).toContain(key)

    const events = await eventStream(a.url, key, "/multi", "Across processes")
    await postComment(b.url, key, "/multi", "Across processes", publicUrl)
    expect(await events.seen).toContain("comment.created")
    events.close()
  })

  it("presence – should count WebSocket readers on both processes", async () => {
    const html = await (await fetch(`${a.url}/demo`)).text()
    const key = /data-kommies-site="(kp_[^"]+)"/.exec(html)![1]!
    const [onA, onB] = await readersOnBoth(a.url, b.url, key, "/multi", publicUrl)
    onB.socket.send(JSON.stringify({ type: "typing" }))
    expect(await onA.next((m) => m.type === "typing")).toMatchObject({ type: "typing" })
    onA.socket.close()
    onB.socket.close()
  })

  it("SIGTERM – should shut each process down gracefully with exit code 0", async () => {
    for (const child of children) child.process.kill("SIGTERM")
    expect(await Promise.all(children.map((c) => c.exited))).toEqual([0, 0])
  })
})
