/**
 * A throwaway redis-server on a free loopback port, in a temporary folder, that
 * a test may kill and start again on the same port (outage and reconnection).
 */
import { type ChildProcess, spawn } from "node:child_process"
import { existsSync, mkdtempSync, rmSync } from "node:fs"
import { createServer } from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Redis } from "ioredis"

/** A server the test controls. */
export interface Server {
  readonly url: string
  readonly kill: () => Promise<void>
  readonly start: () => Promise<void>
  readonly remove: () => Promise<void>
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer()
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const address = server.address()
      const port = typeof address === "object" && address !== null ? address.port : 0
      server.close(() => resolve(port))
    })
  })

/** Starts one, or says why it cannot. */
export const start = async (): Promise<Server | string> => {
  const binary = ["/usr/bin/redis-server", "/usr/local/bin/redis-server"].find(existsSync)
  if (binary === undefined) return "redis-server is not installed"
  const port = await freePort()
  const dir = mkdtempSync(join(tmpdir(), "kommies-redis-"))
  let process: ChildProcess | undefined
  const kill = async () => {
    const p = process
    process = undefined
    if (p === undefined || p.exitCode !== null) return
    await new Promise<void>((resolve) => {
      p.once("exit", () => resolve())
      p.kill("SIGKILL")
    })
  }
  const up = async () => {
    // biome-ignore format: one option per line reads better
    process = spawn(binary, [
      "--port", String(port), "--bind", "127.0.0.1", "--dir", dir,
      "--save", "", "--appendonly", "no", "--loglevel", "warning",
    ], { stdio: "ignore" })
    const until = Date.now() + 10_000
    while (Date.now() < until) {
      const client = new Redis({ port, lazyConnect: true, retryStrategy: () => null })
      client.on("error", () => {})
      const ok = await client
        .connect()
        .then(() => client.ping())
        .catch(() => null)
      client.disconnect()
      if (ok === "PONG") return
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    throw new Error(`redis-server did not answer on port ${port}`)
  }
  try {
    await up()
  } catch (error) {
    await kill()
    rmSync(dir, { recursive: true, force: true })
    return error instanceof Error ? error.message : String(error)
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    kill,
    start: up,
    remove: async () => {
      await kill()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
