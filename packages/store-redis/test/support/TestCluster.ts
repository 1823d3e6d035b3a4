/**
 * A throwaway 3-master Redis Cluster on loopback ports, for the cluster run of
 * the conformance suite: three `redis-server --cluster-enabled yes` processes
 * in a temporary folder, joined by `redis-cli --cluster create`, stopped and
 * removed by `stop`.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process"
import { existsSync, mkdtempSync, rmSync } from "node:fs"
import { createServer } from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { promisify } from "node:util"
import { Redis } from "ioredis"

const run = promisify(execFile)

/** A running cluster. */
export interface Started {
  readonly ok: true
  readonly nodes: ReadonlyArray<{ readonly host: string; readonly port: number }>
  readonly stop: () => Promise<void>
}

/** Why no cluster could start. */
export interface NotStarted {
  readonly ok: false
  readonly reason: string
}

const which = (name: string): string | undefined =>
  [`/usr/bin/${name}`, `/usr/local/bin/${name}`, `/usr/sbin/${name}`].find(existsSync)

const isFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const server = createServer()
    server.once("error", () => resolve(false))
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)))
  })

/** Three ports whose cluster bus ports (+10000) are free too. */
const freePorts = async (): Promise<Array<number>> => {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 21_000 + Math.floor(Math.random() * 20_000)
    const ports = [base, base + 1, base + 2]
    const checks = await Promise.all(ports.flatMap((p) => [isFree(p), isFree(p + 10_000)]))
    if (checks.every(Boolean)) return ports
  }
  throw new Error("no free loopback ports for a cluster")
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

const waitFor = async (what: string, check: () => Promise<boolean>, ms = 15_000) => {
  const until = Date.now() + ms
  while (Date.now() < until) {
    if (await check().catch(() => false)) return
    await sleep(100)
  }
  throw new Error(`timed out waiting for ${what}`)
}

const clusterOk = async (port: number) => {
  const client = new Redis({
    port,
    host: "127.0.0.1",
    lazyConnect: true,
    retryStrategy: () => null,
  })
  client.on("error", () => {})
  try {
    await client.connect()
    const info = String(await client.call("CLUSTER", "INFO"))
    return info.includes("cluster_state:ok") && info.includes("cluster_slots_assigned:16384")
  } finally {
    client.disconnect()
  }
}

/** Starts the cluster, or says why it cannot. */
export const start = async (): Promise<Started | NotStarted> => {
  const server = which("redis-server")
  const cli = which("redis-cli")
  if (server === undefined) return { ok: false, reason: "redis-server is not installed" }
  if (cli === undefined) return { ok: false, reason: "redis-cli is not installed" }
  const dir = mkdtempSync(join(tmpdir(), "kommies-redis-cluster-"))
  const processes: Array<ChildProcess> = []
  const stop = async () => {
    for (const p of processes) p.kill("SIGKILL")
    await Promise.all(
      processes.map(
        (p) =>
          new Promise<void>((resolve) => {
            if (p.exitCode !== null || p.signalCode !== null) resolve()
            else p.once("exit", () => resolve())
          }),
      ),
    )
    rmSync(dir, { recursive: true, force: true })
  }
  try {
    const ports = await freePorts()
    for (const port of ports) {
      // biome-ignore format: one option per line reads better
      const args = [
        "--port", String(port), "--bind", "127.0.0.1", "--dir", dir,
        "--cluster-enabled", "yes", "--cluster-config-file", `nodes-${port}.conf`,
        "--cluster-node-timeout", "5000", "--save", "", "--appendonly", "no",
        "--protected-mode", "no", "--loglevel", "warning", "--logfile", join(dir, `${port}.log`),
      ]
      processes.push(spawn(server, args, { stdio: "ignore" }))
    }
    for (const port of ports) {
      await waitFor(`redis-server on port ${port}`, async () => {
        const client = new Redis({ port, lazyConnect: true, retryStrategy: () => null })
        client.on("error", () => {})
        try {
          await client.connect()
          return (await client.ping()) === "PONG"
        } finally {
          client.disconnect()
        }
      })
    }
    await run(cli, [
      "--cluster",
      "create",
      ...ports.map((p) => `127.0.0.1:${p}`),
      "--cluster-replicas",
      "0",
      "--cluster-yes",
    ])
    for (const port of ports) await waitFor(`cluster_state:ok on ${port}`, () => clusterOk(port))
    return { ok: true, nodes: ports.map((port) => ({ host: "127.0.0.1", port })), stop }
  } catch (error) {
    await stop()
    return { ok: false, reason: error instanceof Error ? error.message : String(error) }
  }
}
