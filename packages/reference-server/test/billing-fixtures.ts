/**
 * What the billing suites share: Stripe's event samples from ../shared/corpora,
 * plans, a local stand-in for Stripe's API, and a Fastify app with the webhook
 * route over a real Kommies instance.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs"
import { createServer, type IncomingHttpHeaders, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { type Ids, Kommies, type Plan } from "@kommies/core"
import Fastify, { type FastifyInstance, type LightMyRequestResponse } from "fastify"
import Stripe from "stripe"
import type { AppContext } from "../src/AppContext.js"
import { billingWebhook } from "../src/billing/index.js"
import * as StripeProvider from "../src/billing/StripeProvider.js"

export const corpusDir = join(
  dirname(fileURLToPath(import.meta.url)),
  "../../../../shared/corpora/stripe/events",
)
export const hasCorpus = existsSync(corpusDir)

/** A Stripe event sample as a mutable object (each call reads the file anew). */
// biome-ignore lint/suspicious/noExplicitAny: Stripe's JSON, edited freely by the tests
export type RawEvent = Record<string, any>
export const loadEvent = (name: string): RawEvent =>
  JSON.parse(readFileSync(join(corpusDir, `${name}.json`), "utf8")) as RawEvent
export const sampleNames = (): ReadonlyArray<string> =>
  readdirSync(corpusDir)
    .filter((f) => f.endsWith(".json"))
    .map((f) => f.replace(/\.json$/, ""))

/** The price of the samples' subscription. */
export const proPrice = "price_1PgafmB7WZ01zgkW6dKueIc5"
export const businessPrice = "price_business_test"

export const plans: ReadonlyArray<Plan.Plan> = [
  {
    id: "free",
    name: "Free",
    limits: { comments: 2, threadLoads: null, activeCommenters: null, apiCalls: null },
    grace: 0,
    priceId: null,
    monthlyPriceCents: 0,
  },
  {
    id: "pro",
    name: "Pro",
    limits: { comments: 5, threadLoads: null, activeCommenters: null, apiCalls: null },
    grace: 0,
    priceId: proPrice,
    monthlyPriceCents: 2000,
  },
  {
    id: "business",
    name: "Business",
    limits: { comments: null, threadLoads: null, activeCommenters: null, apiCalls: null },
    grace: 0,
    priceId: businessPrice,
    monthlyPriceCents: 4900,
  },
]

export const secretKey = "sk_test_kommies0123456789abcdef"
export const webhookSecret = "whsec_kommies_test_0123456789abcdef"

/** Signs `payload` the way Stripe does. */
export const sign = (payload: string, secret = webhookSecret, timestamp?: number): string =>
  Stripe.webhooks.generateTestHeaderString({
    payload,
    secret,
    ...(timestamp === undefined ? {} : { timestamp }),
  })

/** One request the stand-in received. */
export interface Received {
  readonly method: string
  readonly path: string
  readonly headers: IncomingHttpHeaders
  readonly form: URLSearchParams
}

/** What the stand-in answers: a status and a JSON body. */
export type Responder = (request: Received) => { readonly status: number; readonly body: unknown }

/** A local HTTP server standing in for api.stripe.com. */
export interface FakeStripe {
  readonly port: number
  readonly received: Array<Received>
  /** Replaced by tests to answer differently. */
  respond: Responder
  readonly close: () => Promise<void>
}

export const startFakeStripe = async (respond: Responder): Promise<FakeStripe> => {
  const received: Array<Received> = []
  let server: Server | undefined
  const fake: FakeStripe = {
    port: 0,
    received,
    respond,
    close: () =>
      new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())),
  }
  server = createServer((req, res) => {
    const chunks: Array<Buffer> = []
    req.on("data", (chunk: Buffer) => chunks.push(chunk))
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1")
      const body = Buffer.concat(chunks).toString("utf8")
      const request: Received = {
        method: req.method ?? "GET",
        path: url.pathname,
        headers: req.headers,
        form: new URLSearchParams(req.method === "GET" ? url.search : body),
      }
      received.push(request)
      const answer = fake.respond(request)
      res.writeHead(answer.status, { "content-type": "application/json", "request-id": "req_1" })
      res.end(JSON.stringify(answer.body))
    })
  })
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve))
  Object.assign(fake, { port: (server.address() as AddressInfo).port })
  return fake
}

/** Provider settings against the stand-in, without retries so failures show at once. */
export const providerConfig = (fake: FakeStripe): StripeProvider.StripeConfig => ({
  secretKey,
  webhookSecret,
  prices: { pro: proPrice, business: businessPrice },
  apiHost: "127.0.0.1",
  apiPort: fake.port,
  apiProtocol: "http",
  maxNetworkRetries: 0,
})

/** A Kommies instance, one site, and a Fastify app with the webhook route. */
export interface Harness {
  readonly kommies: Kommies.Kommies
  readonly app: FastifyInstance
  /** What the route was registered with. */
  readonly context: AppContext
  readonly siteId: Ids.SiteId
  readonly overview: () => ReturnType<Kommies.Kommies["billing"]["overview"]>
  /** Posts `payload` (signed with the test secret unless `signature` is given). */
  readonly post: (payload: string, signature?: string | null) => Promise<LightMyRequestResponse>
  /** Adds a comment as a fresh guest; resolves or rejects with the service's error. */
  readonly comment: (body: string) => Promise<unknown>
  readonly close: () => Promise<void>
}

export const harness = async (options: {
  readonly config?: StripeProvider.StripeConfig | null
  readonly stores?: Kommies.Options["stores"]
}): Promise<Harness> => {
  const config = options.config ?? null
  const kommies = Kommies.make({
    mode: "saas",
    plans,
    defaultPlanId: "free",
    tokens: { secret: "billing-test-secret-billing-test-secret-0123" },
    passwords: { ln: 4 },
    ...(config === null ? {} : { paymentProvider: StripeProvider.layer(config) }),
    ...(options.stores === undefined ? {} : { stores: options.stores }),
  })
  const { site } = await kommies.sites.create({
    name: "Billing test",
    settings: { minSubmitMillis: 0 },
  })
  const context: AppContext = {
    kommies,
    mode: "saas",
    publicUrl: "http://localhost:8787",
    secureCookies: false,
    billingEnabled: config !== null,
    standaloneSiteId: null,
    demoSiteId: site.id,
  }
  const app = Fastify({ logger: false })
  await app.register(billingWebhook, { app: context, bodyLimit: 64 * 1024 })
  await app.ready()
  let n = 0
  return {
    kommies,
    app,
    context,
    siteId: site.id,
    overview: () => kommies.billing.overview(kommies.actors.secretKey(site.id)),
    post: (payload, signature) =>
      app.inject({
        method: "POST",
        url: "/billing/stripe/webhook",
        headers: {
          "content-type": "application/json; charset=utf-8",
          ...(signature === null ? {} : { "stripe-signature": signature ?? sign(payload) }),
        },
        payload,
      }),
    comment: async (body) => {
      const guest = await kommies.commenters.guest(site.id, { displayName: `Guest ${++n}` })
      const actor = await kommies.actors.commenter(site.id, guest.id)
      return kommies.comments.create(actor, { threadKey: "/post/1", body })
    },
    close: async () => {
      await app.close()
      await kommies.dispose()
    },
  }
}

/**
 * A corpus sample made to name `siteId` where Kommies' own checkout puts it
 * (session reference, subscription and invoice metadata), stamped at `created`.
 */
export const forSite = (name: string, siteId: string, created: number, id?: string): RawEvent => {
  const event = loadEvent(name)
  const object = event.data.object
  event.created = created
  if (id !== undefined) event.id = id
  if (name.startsWith("checkout.")) object.client_reference_id = siteId
  if (name.startsWith("customer.subscription.")) object.metadata = { siteId }
  if (name.startsWith("invoice.")) object.parent.subscription_details.metadata = { siteId }
  return event
}
