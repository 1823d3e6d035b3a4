/**
 * A world for the dashboard API tests: a real `Kommies.make()` (memory
 * stores unless a suite passes its own), a recording mailer to read codes
 * and invitation links from, the comments API at `/api` and the dashboard
 * API at `/dashboard/api` in one Fastify app, and browsers with cookie jars
 * that talk to it through `inject`.
 */
import { kommies as kommiesPlugin } from "@kommies/adapter-fastify"
import { Kommies, Mailer, type PaymentProvider, type Stores, type EventBus } from "@kommies/core"
import { makeHandler } from "@kommies/core/http"
import { MemoryMailer } from "@kommies/core/memory"
import { Effect, Layer } from "effect"
import Fastify, { type FastifyInstance, type LightMyRequestResponse } from "fastify"
import type { AppContext } from "../src/AppContext.js"
import type { DashboardConfig, SessionInfo } from "../src/dashboard-api/contract.js"
import { type DashboardApiOptions, dashboardApi } from "../src/dashboard-api/index.js"

export const PUBLIC_URL = "https://comments.example"
export const PASSWORD = "correct horse battery"

export interface WorldOptions {
  readonly mode?: "standalone" | "saas"
  readonly stores?: Layer.Layer<Stores.Stores | EventBus.EventBus, unknown>
  readonly paymentProvider?: Layer.Layer<PaymentProvider.PaymentProvider, unknown>
  readonly plans?: Kommies.Options["plans"]
  readonly plugin?: Omit<DashboardApiOptions, "app">
  readonly secureCookies?: boolean
}

export interface World {
  readonly fastify: FastifyInstance
  readonly app: AppContext
  readonly kommies: Kommies.Kommies
  /** The emails sent to an address, oldest first. */
  readonly mails: (to: string) => Promise<ReadonlyArray<Mailer.Email>>
  /** The last 6-digit code mailed to an address. */
  readonly lastCode: (to: string) => Promise<string>
  readonly browser: (origin?: string) => Browser
  readonly close: () => Promise<void>
}

export const makeWorld = async (options: WorldOptions = {}): Promise<World> => {
  const { mailer, outbox } = Effect.runSync(MemoryMailer.make)
  const mode = options.mode ?? "saas"
  const kommies = Kommies.make({
    ...(options.stores === undefined ? {} : { stores: options.stores }),
    ...(options.paymentProvider === undefined ? {} : { paymentProvider: options.paymentProvider }),
    ...(options.plans === undefined ? {} : { plans: options.plans }),
    mode: mode === "saas" ? "saas" : "selfHosted",
    mailer: Layer.succeed(Mailer.Mailer, mailer),
    tokens: { secret: "dashboard-api-tests-secret-0123456789abcdef" },
  })
  const standalone =
    mode === "standalone" ? (await kommies.sites.create({ name: "The one site" })).site.id : null
  const app: AppContext = {
    kommies,
    mode,
    publicUrl: PUBLIC_URL,
    secureCookies: options.secureCookies ?? true,
    billingEnabled: options.paymentProvider !== undefined,
    standaloneSiteId: standalone,
    demoSiteId: standalone ?? "00000000-0000-7000-8000-000000000000",
  }
  const fastify = Fastify()
  await fastify.register(kommiesPlugin, {
    prefix: "/api",
    instance: makeHandler({ kommies, rateLimits: false }),
  })
  await fastify.register(dashboardApi, { prefix: "/dashboard/api", app, ...options.plugin })
  await fastify.ready()
  const mails = (to: string) => Effect.runPromise(outbox.sentTo(to))
  const lastCode = async (to: string) => {
    const last = (await mails(to)).at(-1)
    const code = last === undefined ? undefined : /\b(\d{6})\b/.exec(last.subject)?.[1]
    if (code === undefined) throw new Error(`no code mailed to ${to}`)
    return code
  }
  return {
    fastify,
    app,
    kommies,
    mails,
    lastCode,
    browser: (origin = PUBLIC_URL) => new Browser(fastify, origin),
    close: async () => {
      await fastify.close()
      await kommies.dispose()
    },
  }
}

export interface Call {
  readonly body?: unknown
  /** Sent as is (a string body is not JSON-encoded). */
  readonly raw?: string
  readonly headers?: Record<string, string>
  /** Send `Authorization: Bearer` with this browser's access token (default: when it has one). */
  readonly auth?: boolean
  /** Send `X-CSRF-Token` from the cookie (default: true). */
  readonly csrf?: boolean
  /** Send `Origin` (default: true). */
  readonly origin?: boolean
  readonly remoteAddress?: string
}

/** A browser: a cookie jar, the access token in memory, an origin. */
export class Browser {
  readonly cookies = new Map<string, string>()
  accessToken: string | null = null
  constructor(
    readonly fastify: FastifyInstance,
    readonly origin: string,
  ) {}

  async call(method: string, path: string, call: Call = {}): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = {}
    if (this.cookies.size > 0)
      headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ")
    if (call.origin !== false) headers.origin = this.origin
    const csrf = this.cookies.get("kommies_csrf")
    if (call.csrf !== false && csrf !== undefined) headers["x-csrf-token"] = csrf
    if (call.auth !== false && this.accessToken !== null)
      headers.authorization = `Bearer ${this.accessToken}`
    let payload: string | undefined
    if (call.raw !== undefined) payload = call.raw
    else if (call.body !== undefined) payload = JSON.stringify(call.body)
    if (payload !== undefined) headers["content-type"] = "application/json"
    const res = await this.fastify.inject({
      method: method as "GET",
      url: `/dashboard/api${path}`,
      headers: { ...headers, ...call.headers },
      ...(payload === undefined ? {} : { payload }),
      ...(call.remoteAddress === undefined ? {} : { remoteAddress: call.remoteAddress }),
    })
    for (const c of res.cookies as ReadonlyArray<{
      name: string
      value: string
      maxAge?: number
    }>) {
      if (c.value === "" || c.maxAge === 0) this.cookies.delete(c.name)
      else this.cookies.set(c.name, c.value)
    }
    return res
  }

  /** `GET /config`: the CSRF cookie. */
  async config(): Promise<DashboardConfig> {
    return (await this.call("GET", "/config")).json()
  }

  /** Keeps the access token of a session answer. */
  keep(res: LightMyRequestResponse): SessionInfo {
    if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body}`)
    const session = res.json<SessionInfo>()
    this.accessToken = session.accessToken
    return session
  }
}

/** Signs up and verifies with the mailed code; the browser ends signed in. */
export const signUp = async (
  world: World,
  email: string,
  browser: Browser = world.browser(),
): Promise<{ readonly browser: Browser; readonly session: SessionInfo }> => {
  await browser.config()
  const signup = await browser.call("POST", "/signup", {
    body: { email, password: PASSWORD, name: email.split("@")[0] },
  })
  if (signup.statusCode !== 200) throw new Error(`signup: ${signup.statusCode} ${signup.body}`)
  const { challengeId } = signup.json<{ challengeId: string }>()
  const verify = await browser.call("POST", "/verify", {
    body: { challengeId, code: await world.lastCode(email) },
  })
  return { browser, session: browser.keep(verify) }
}

/** The problem body of a response, checked to be problem+json. */
export const problemOf = (res: LightMyRequestResponse) => {
  const type = String(res.headers["content-type"])
  if (!type.startsWith("application/problem+json"))
    throw new Error(`not a problem: ${res.statusCode} ${type} ${res.body}`)
  return res.json<{ status: number; code: string; field?: string; retryAfter?: number }>()
}
