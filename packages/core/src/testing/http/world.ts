/**
 * What each run of the HTTP conformance suite stands on: the real API
 * (`makeHandler` over the memory store, no `prefix` option: the adapter's mount
 * path is the only place it is written), a seeded site, an EventBus that counts
 * open subscriptions per thread, and the host's server started through the
 * adapter under test. Internal: adapters meet it through `HttpConformance.run`.
 */
import { Effect, Layer } from "effect"
import { type KommiesHandler, makeHandler } from "../../http/Handler.js"
import type { Server, Start } from "../HttpConformance.js"
import type { SiteId, ThreadId } from "../../Ids.js"
import * as Kommies from "../../Kommies.js"
import * as MemoryEventBus from "../../memory/MemoryEventBus.js"
import * as MemoryStore from "../../memory/MemoryStore.js"
import { EventBus } from "../../ports/EventBus.js"
import { type Client, client } from "./client.js"

/** The mount path every run uses. */
export const prefix = "/kommies"

/** The site's one allowed origin (besides the API's own). */
export const allowedOrigin = "https://blog.example"

/** The API's body limit in the suite: small, so a JSON body over it passes every host parser. */
export const maxBodyBytes = 16 * 1024

/** Open EventBus subscriptions, per thread. */
const countingBus = (open: Map<ThreadId, number>) =>
  Layer.effect(
    EventBus,
    Effect.map(MemoryEventBus.make, (bus) => ({
      publish: bus.publish,
      subscribe: (siteId: SiteId, threadId: ThreadId | null) =>
        Effect.acquireRelease(
          Effect.sync(() => {
            if (threadId !== null) open.set(threadId, (open.get(threadId) ?? 0) + 1)
          }),
          () =>
            Effect.sync(() => {
              if (threadId !== null) open.set(threadId, (open.get(threadId) ?? 0) - 1)
            }),
        ).pipe(Effect.zipRight(bus.subscribe(siteId, threadId))),
    })),
  ).pipe(Layer.provide(Layer.scope))

/** A running world: the API behind the adapter, and what the cases need to drive it. */
export interface World {
  readonly instance: KommiesHandler
  readonly kommies: Kommies.Kommies
  readonly publicKey: string
  readonly mountJsonParser: boolean
  /** The API's base URL: the server's URL and the prefix. */
  readonly base: string
  readonly api: Client
  /** Open subscriptions of a thread's event streams. */
  readonly subscriptions: (threadId: string) => number
  readonly stop: () => Promise<void>
}

/**
 * Builds the API, seeds a site, and starts the host app through `start`.
 */
export const startWorld = async (start: Start, mountJsonParser: boolean): Promise<World> => {
  const open = new Map<ThreadId, number>()
  const kommies = Kommies.make({
    stores: Layer.merge(MemoryStore.layer, countingBus(open)),
    tokens: { secret: "http-conformance-secret-http-conformance-secret" },
    passwords: { ln: 4 },
  })
  const { site } = await kommies.sites.create({
    name: "HTTP conformance",
    allowedOrigins: [allowedOrigin],
    settings: { minSubmitMillis: 0 },
  })
  const instance = makeHandler({ kommies, rateLimits: false, maxBodyBytes, heartbeatMs: 1_000 })
  let server: Server
  try {
    server = await start({ instance, prefix, mountJsonParser })
  } catch (error) {
    await instance.dispose()
    await kommies.dispose()
    throw error
  }
  const base = `${server.url.replace(/\/+$/, "")}${prefix}`
  let stopped: Promise<void> | undefined
  return {
    instance,
    kommies,
    publicKey: site.publicKey,
    mountJsonParser,
    base,
    api: client(base, site.publicKey),
    subscriptions: (threadId) => open.get(threadId as ThreadId) ?? 0,
    stop: () => {
      stopped ??= (async () => {
        await instance.dispose()
        await server.close()
        await kommies.dispose()
      })()
      return stopped
    },
  }
}
