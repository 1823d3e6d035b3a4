/**
 * Starting servers in tests: memory stores unless a test asks for more,
 * port 0, quiet logs, and a thread helper that posts through the API.
 */
import { mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import type { EventBus, Stores } from "@kommies/core"
import { MemoryEventBus, MemoryStore } from "@kommies/core/memory"
import { Layer } from "effect"
import { afterAll } from "vitest"
import { loadConfig } from "../../src/config/loadConfig.js"
import { type RunningServer, type StartOverrides, startServer } from "../../src/server/start.js"

/** A config for tests: port 0, silent logs, plus `env`. */
export const testConfig = (env: Record<string, string | undefined> = {}) =>
  loadConfig({ PORT: "0", LOG_LEVEL: "silent", ...env })

/** Memory stores for one server. */
export const memoryStores = (): Layer.Layer<Stores.Stores | EventBus.EventBus> =>
  Layer.merge(MemoryStore.layer, MemoryEventBus.layer)

/** Starts a server and closes it after the file. */
export const start = async (
  env: Record<string, string | undefined> = {},
  overrides: StartOverrides = { stores: memoryStores() },
): Promise<RunningServer> => {
  const server = await startServer(testConfig(env), overrides)
  afterAll(() => server.close({ graceMs: 2_000 }))
  return server
}

/** A temporary folder removed after the file. */
export const tempDir = async (label: string): Promise<string> => {
  const dir = await mkdtemp(join(tmpdir(), `kommies-${label}-`))
  afterAll(() => rm(dir, { recursive: true, force: true }))
  return dir
}

/** The demo site's public key, read from the demo page. */
export const demoKey = async (server: RunningServer): Promise<string> => {
  const html = await (await fetch(`${server.url}/demo`)).text()
  const key = /data-kommies-site="(kp_[^"]+)"/.exec(html)?.[1]
  if (key === undefined) throw new Error(`no key on the demo page: ${html.slice(0, 200)}`)
  return key
}

/** Signs in as a guest and posts a comment on `thread` through the API. */
export const postComment = async (
  base: string,
  key: string,
  thread: string,
  body: string,
  origin?: string,
): Promise<{ readonly id: string }> => {
  const headers = {
    "content-type": "application/json",
    "x-kommies-key": key,
    ...(origin === undefined ? {} : { origin }),
  }
  const guest = await fetch(`${base}/api/auth/guest`, {
    method: "POST",
    headers,
    body: JSON.stringify({ displayName: "Ada" }),
  })
  if (!guest.ok) throw new Error(`guest sign-in: ${guest.status} ${await guest.text()}`)
  const { accessToken } = (await guest.json()) as { accessToken: string }
  const posted = await fetch(`${base}/api/threads/${encodeURIComponent(thread)}/comments`, {
    method: "POST",
    headers: { ...headers, authorization: `Bearer ${accessToken}` },
    body: JSON.stringify({ body }),
  })
  if (!posted.ok) throw new Error(`post: ${posted.status} ${await posted.text()}`)
  const json = (await posted.json()) as { id?: string; comment?: { id: string } }
  return { id: json.comment?.id ?? json.id ?? "" }
}

/** The rendered bodies (HTML) of a thread's first page, through the API. */
export const threadBodies = async (base: string, key: string, thread: string) => {
  const response = await fetch(
    `${base}/api/threads/${encodeURIComponent(thread)}/comments?key=${key}`,
  )
  if (!response.ok) throw new Error(`list: ${response.status} ${await response.text()}`)
  const json = (await response.json()) as {
    comments?: Array<{ html: string }>
    items?: Array<{ html: string }>
  }
  return (json.comments ?? json.items ?? []).map((c) => c.html)
}
