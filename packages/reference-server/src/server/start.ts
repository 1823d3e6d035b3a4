/**
 * `startServer`: the reference server assembled from the packages — core
 * services over the configured stores, the HTTP API through adapter-fastify,
 * the dashboard, billing, pages, realtime and operations routes — listening.
 *
 * @since 0.1.0
 */
import { randomBytes } from "node:crypto"
import type { AddressInfo } from "node:net"
import {
  Kommies,
  type EventBus,
  type Mailer,
  type PaymentProvider,
  type Stores,
} from "@kommies/core"
import { kommies as kommiesPlugin } from "@kommies/adapter-fastify"
import { makeHandler } from "@kommies/core/http"
import { type Layer, Redacted } from "effect"
import Fastify from "fastify"
import type { AppContext } from "../AppContext.js"
import { billingWebhook, StripeProvider } from "../billing/index.js"
import { dashboardApi } from "../dashboard-api/index.js"
import { loadOrCreateSecret } from "../config/secret.js"
import type { ServerConfig } from "../config/ServerConfig.js"
import * as Presence from "../realtime/Presence.js"
import { makeRealtimeSocket } from "../realtime/RealtimeSocket.js"
import { registerSecurity } from "./security.js"
import { consoleMailer, smtpMailer } from "./mailers.js"
import { instrument, makeMetrics } from "./metrics.js"
import { ops } from "./ops.js"
import { pages } from "./pages.js"
import { demoSiteId, ensureSite, originsOf, standaloneSiteId } from "./sites.js"
import { storesOf } from "./stores.js"

/**
 * Parts `startServer` takes from the caller instead of the config (tests:
 * memory stores, a mailer whose emails they read, a fake payment provider).
 *
 * @since 0.1.0
 * @category models
 */
export interface StartOverrides {
  readonly mailer?: Layer.Layer<Mailer.Mailer, unknown>
  readonly paymentProvider?: Layer.Layer<PaymentProvider.PaymentProvider, unknown>
  readonly stores?: Layer.Layer<Stores.Stores | EventBus.EventBus, unknown>
}

/**
 * A listening server.
 *
 * @since 0.1.0
 * @category models
 */
export interface RunningServer {
  /** Where it listens, e.g. `http://127.0.0.1:8787` (the actual port when 0 was asked). */
  readonly url: string
  /** What every route plugin received. */
  readonly app: AppContext
  /**
   * Shuts down gracefully: `/ready` turns 503, sockets close with 1012, event
   * streams are told to reconnect, new connections are refused, in-flight
   * requests get up to `graceMs` (default 10 s) to finish, then the services
   * are disposed. Safe to call twice.
   */
  readonly close: (options?: { readonly graceMs?: number }) => Promise<void>
}

/** Request ids a client may choose (the same rule as the API's). */
const saneRequestId = /^[A-Za-z0-9._:@/+=-]{1,128}$/

/** The API's mount points: `/api`, and `/kommies`, where embed.js and count.js look by default. */
const apiPrefixes = ["/api", "/kommies"] as const

/**
 * Starts the reference server and resolves once it listens and its site (the
 * standalone site or the demo site) exists. Rejects with a clear message when
 * a store cannot be reached or the configuration cannot work.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import { loadConfig, startServer } from "@kommies/reference-server"
 *
 * const server = await startServer(loadConfig({ ...process.env, PORT: "0" }))
 * console.log(`listening on ${server.url}`)
 * await server.close()
 */
export const startServer = async (
  config: ServerConfig,
  overrides: StartOverrides = {},
): Promise<RunningServer> => {
  const fastify = Fastify({
    logger: { level: config.logLevel },
    trustProxy:
      config.trustProxy === false
        ? false
        : config.trustProxy === true
          ? true
          : [...config.trustProxy],
    requestIdHeader: false,
    genReqId: (request) => {
      const incoming = request.headers["x-request-id"]
      return typeof incoming === "string" && saneRequestId.test(incoming)
        ? incoming
        : randomBytes(12).toString("base64url")
    },
    // SSE and WebSocket connections must not hold shutdown: in-flight requests do.
    forceCloseConnections: "idle",
    return503OnClosing: true,
  })
  const log = fastify.log

  const secret =
    config.secret !== null
      ? Redacted.value(config.secret)
      : overrides.stores !== undefined
        ? randomBytes(32).toString("hex")
        : await loadOrCreateSecret(config.dataDir)
  const choice =
    overrides.stores !== undefined
      ? {
          stores: overrides.stores,
          rateLimiter: undefined,
          description: "stores given by the caller",
        }
      : storesOf(config)
  const billing = config.mode === "saas" ? config.billing : null
  const mailer =
    overrides.mailer ??
    (config.smtpUrl === null ? consoleMailer(log) : smtpMailer(config.smtpUrl, config.mailFrom))
  const paymentProvider =
    overrides.paymentProvider ??
    (billing === null ? undefined : StripeProvider.layer(billing.stripe))
  const kommies = Kommies.make({
    stores: choice.stores,
    mode: config.mode === "saas" ? "saas" : "selfHosted",
    ...(billing === null ? {} : { plans: billing.plans, defaultPlanId: billing.defaultPlanId }),
    tokens: { secret },
    mailer,
    ...(choice.rateLimiter === undefined ? {} : { rateLimiter: choice.rateLimiter }),
    ...(paymentProvider === undefined ? {} : { paymentProvider }),
  })
  // Build the services now (connect, migrate): a bad database fails the start, not a request.
  try {
    await kommies.runtime.runtime()
  } catch (error) {
    await kommies.dispose().catch(() => {})
    await fastify.close().catch(() => {})
    throw new Error(`Kommies could not start: ${messageOf(error)}`, { cause: error })
  }

  let publicUrl = config.publicUrl ?? `http://localhost:${config.port}`
  const app: AppContext = {
    kommies,
    mode: config.mode,
    get publicUrl() {
      return publicUrl
    },
    get secureCookies() {
      return publicUrl.startsWith("https:")
    },
    billingEnabled: billing !== null || overrides.paymentProvider !== undefined,
    standaloneSiteId: config.mode === "standalone" ? standaloneSiteId : null,
    demoSiteId: config.mode === "standalone" ? standaloneSiteId : demoSiteId,
  }

  let serving = false
  let demoKey: string | null = null
  const metrics = makeMetrics()
  const presence =
    config.redisUrl === null
      ? Presence.local()
      : await Presence.redis({
          url: Redacted.value(config.redisUrl),
          prefix: config.redisPrefix,
          onError: (error) => log.warn({ err: error }, "realtime: Redis failed"),
        }).catch(async (error: unknown) => {
          await kommies.dispose().catch(() => {})
          await fastify.close().catch(() => {})
          throw new Error(`Kommies could not reach Redis for presence: ${messageOf(error)}`, {
            cause: error,
          })
        })
  const realtime = makeRealtimeSocket({
    app,
    presence,
    onOpen: () => metrics.openWebSockets.inc(),
    onClose: () => metrics.openWebSockets.dec(),
    onError: (error) => log.warn({ err: error }, "realtime: a socket failed"),
  })
  fastify.server.on("upgrade", (request, socket, head) => {
    if (!realtime.handleUpgrade(request, socket, head)) socket.destroy()
  })

  fastify.addHook("onRequest", (request, reply, done) => {
    // The API reads the id from the request, so its logs and problems carry the same one.
    request.raw.headers["x-request-id"] = request.id
    reply.header("x-request-id", request.id)
    done()
  })
  instrument(fastify, metrics)
  await registerSecurity(fastify, {
    publicUrl: () => publicUrl,
    secure: config.publicUrl?.startsWith("https:") ?? false,
  })
  await fastify.register(ops, { app, metrics, serving: () => serving })

  const handler = makeHandler({ kommies, trustProxy: config.trustProxy !== false })
  for (const prefix of apiPrefixes)
    await fastify.register(kommiesPlugin, { prefix, instance: handler })
  await fastify.register(dashboardApi, { prefix: "/dashboard/api", app })
  await fastify.register(billingWebhook, { app })
  await fastify.register(pages, { app, demoKey: () => demoKey })

  let address: AddressInfo
  try {
    await fastify.listen({ port: config.port, host: config.host })
    address = fastify.server.address() as AddressInfo
  } catch (error) {
    await realtime.close().catch(() => {})
    await fastify.close().catch(() => {})
    await kommies.dispose().catch(() => {})
    throw new Error(
      `Kommies could not listen on ${config.host}:${config.port}: ${messageOf(error)}`,
      {
        cause: error,
      },
    )
  }
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address
  const url = `http://${host === "0.0.0.0" || host === "[::]" ? "localhost" : host}:${address.port}`
  if (config.publicUrl === null) publicUrl = `http://localhost:${address.port}`

  const closeAll = async (graceMs: number) => {
    serving = false
    await realtime
      .close()
      .catch((error) => log.warn({ err: error }, "realtime did not close cleanly"))
    // The adapter disposes the API first (preClose): event streams end with `event: reconnect`.
    let timer: NodeJS.Timeout | undefined
    const closed = fastify.close()
    // A keep-alive connection whose last request finishes after close() began stays
    // open, idle, until its client leaves: close such connections as they go idle.
    const sweep = setInterval(() => fastify.server.closeIdleConnections(), 50)
    const late = await Promise.race([
      closed.then(() => false),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(true), graceMs)
      }),
    ])
    clearTimeout(timer)
    clearInterval(sweep)
    if (late) {
      log.warn(
        { graceMs },
        "requests still running after the grace period: closing their connections",
      )
      fastify.server.closeAllConnections()
      await closed
    }
    await kommies.dispose()
  }

  try {
    const site = await ensureSite(kommies, {
      id: app.demoSiteId as typeof standaloneSiteId,
      name: config.mode === "standalone" ? (config.siteName ?? "My site") : "Kommies demo",
      rename: config.mode === "standalone" ? config.siteName : null,
      origins: [
        ...new Set([
          ...originsOf(publicUrl),
          ...(config.mode === "standalone" ? config.allowedOrigins : []),
        ]),
      ],
    })
    demoKey = site.publicKey
    if (site.secretKey !== null)
      log.info(
        { siteId: app.demoSiteId, publicKey: site.publicKey },
        config.mode === "standalone" ? "created the site" : "created the demo site",
      )
  } catch (error) {
    await closeAll(1_000).catch(() => {})
    throw new Error(`Kommies could not create its site: ${messageOf(error)}`, { cause: error })
  }
  serving = true
  log.info({ url, publicUrl, mode: config.mode, stores: choice.description }, "Kommies is ready")

  let closing: Promise<void> | undefined
  return {
    url,
    app,
    close: (options) => {
      closing ??= closeAll(options?.graceMs ?? 10_000)
      return closing
    },
  }
}

const messageOf = (error: unknown): string =>
  error instanceof Error
    ? error.message
    : typeof error === "object" && error !== null && "message" in error
      ? String((error as { message: unknown }).message)
      : String(error)
