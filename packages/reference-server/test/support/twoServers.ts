/**
 * Two servers sharing one store, as two processes behind a load balancer
 * would: the environment that points both at the same fresh PostgreSQL
 * schema and Redis prefix, readers joining a thread on each, and an event
 * stream on one that waits for what is posted through the other.
 */
import { get } from "node:http"
import { openSocket, type TestSocket } from "./sockets.js"
import {
  databaseUrl,
  freshPrefix,
  freshSchema,
  isMissing,
  redisUrl,
  reportMissing,
} from "./services.js"

/** What both servers are started with, and the Redis prefix they share. */
export interface SharedStores {
  readonly env: Record<string, string>
  readonly prefix: string
}

/**
 * A fresh schema and key prefix (`label` names them) for servers at
 * `publicUrl`; undefined once a missing service has been reported.
 */
export const sharedStores = async (
  label: string,
  publicUrl: string,
): Promise<SharedStores | undefined> => {
  const schema = await freshSchema(label)
  const prefix = await freshPrefix(label)
  if (isMissing(schema)) {
    reportMissing(schema)
    return undefined
  }
  if (isMissing(prefix)) {
    reportMissing(prefix)
    return undefined
  }
  return {
    prefix,
    env: {
      DATABASE_URL: databaseUrl,
      DATABASE_SCHEMA: schema,
      DATABASE_POOL_SIZE: "4",
      REDIS_URL: redisUrl,
      REDIS_PREFIX: prefix,
      KOMMIES_SECRET: "s".repeat(64),
      KOMMIES_PUBLIC_URL: publicUrl,
    },
  }
}

/**
 * A reader on `a` and then one on `b` of the same thread, returned once
 * each has seen the presence count that includes both.
 */
export const readersOnBoth = async (
  a: string,
  b: string,
  key: string,
  thread: string,
  origin: string,
): Promise<readonly [TestSocket, TestSocket]> => {
  const onA = await openSocket(a, key, thread, origin)
  await onA.next((m) => m.type === "presence" && m.count === 1)
  const onB = await openSocket(b, key, thread, origin)
  await onB.next((m) => m.type === "presence" && m.count === 2)
  await onA.next((m) => m.type === "presence" && m.count === 2)
  return [onA, onB]
}

/** A thread's event stream, waiting for a text to appear in it. */
export interface EventStream {
  /** Everything received up to the first chunk that holds the text; rejects after 10 s. */
  readonly seen: Promise<string>
  readonly close: () => void
}

/**
 * Opens `thread`'s event stream on `base` and resolves once it has had time
 * to subscribe, so that what is posted next is not missed.
 */
export const eventStream = async (
  base: string,
  key: string,
  thread: string,
  until: string,
): Promise<EventStream> => {
  // node:http, not fetch: like a browser, it closes its socket when done
  let text = ""
  const request = get(`${base}/api/threads/${encodeURIComponent(thread)}/events?key=${key}`)
  const seen = new Promise<string>((resolve, reject) => {
    request.on("response", (response) =>
      response.on("data", (chunk) => {
        text += String(chunk)
        if (text.includes(until)) resolve(text)
      }),
    )
    request.on("error", reject)
    setTimeout(() => reject(new Error(`no event in 10 s: ${JSON.stringify(text)}`)), 10_000)
  })
  await new Promise((r) => setTimeout(r, 300))
  return { seen, close: () => request.destroy() }
}
