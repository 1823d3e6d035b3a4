/**
 * The real Kommies API in process for the React and Vue widget tests (shared
 * from here, imported by relative path): `makeHandler` over the
 * memory store, reached through the clients' `fetch`, with the memory mailer
 * (for emailed codes), SSO, and roles.
 */
import { createHmac } from "node:crypto"
import { createClient, type KommiesClient, memoryStorage } from "@kommies/client"
import { Kommies } from "@kommies/core"
import { makeHandler } from "@kommies/core/http"
import { MemoryMailer } from "@kommies/core/memory"

const secret = "widget-test-secret-0123456789abcdef-0123"
const ssoSecret = "widget-test-sso-secret-0123456789abcdef"
export const baseUrl = "http://kommies.test/api"

type Settings = Parameters<ReturnType<typeof Kommies.make>["sites"]["create"]>[0]["settings"]

/**
 * jsdom brings its own AbortSignal, which Node's Request refuses: the request
 * goes without it, and an abort cancels the response body instead (what ends
 * a realtime stream).
 */
const abortable = (response: Response, signal: AbortSignal | null | undefined) => {
  if (!signal || !response.body) return response
  const reader = response.body.getReader()
  const stop = () => void reader.cancel().catch(() => {})
  if (signal.aborted) stop()
  else signal.addEventListener("abort", stop)
  const body = new ReadableStream<Uint8Array>({
    pull: async (controller) => {
      const { done, value } = await reader.read()
      if (done) controller.close()
      else controller.enqueue(value)
    },
    cancel: stop,
  })
  return new Response(body, response)
}

/** The API and helpers of one test site. */
export interface Api {
  readonly siteKey: string
  readonly fetch: (input: string, init?: RequestInit) => Promise<Response>
  readonly client: (storage?: ReturnType<typeof memoryStorage>) => KommiesClient
  readonly codeSentTo: (email: string) => Promise<string>
  readonly promote: (client: KommiesClient, role: "moderator" | "admin") => Promise<void>
  readonly ssoToken: (subject: string, name: string) => string
  readonly close: () => Promise<void>
}

export const startApi = async (settings: Settings = {}): Promise<Api> => {
  const kommies = Kommies.make({
    tokens: { secret },
    passwords: { ln: 4 },
    mailer: MemoryMailer.layer,
  })
  const { site } = await kommies.sites.create({
    name: "Widget test",
    settings: { minSubmitMillis: 0, ...settings },
  })
  const web = makeHandler({
    kommies,
    prefix: "/api",
    rateLimits: false,
    heartbeatMs: 50,
    sso: { secret: ssoSecret },
  })
  const fetch = async (input: string, { signal, ...init }: RequestInit = {}) =>
    abortable(await web.handler(new Request(input, init)), signal)
  const clients: Array<KommiesClient> = []

  /** A client like the browser's, reading realtime with fetch (jsdom has no EventSource). */
  const client = (storage = memoryStorage()) => {
    const c = createClient({ baseUrl, siteKey: site.publicKey, storage, fetch, EventSource: false })
    clients.push(c)
    return c
  }

  const runtime = kommies.runtime as unknown as { runPromise: <A>(effect: unknown) => Promise<A> }
  /** The 6-digit code last emailed to `email`. */
  const codeSentTo = async (email: string) => {
    const mailer = await runtime.runPromise<{ sentTo: (to: string) => unknown }>(
      MemoryMailer.MemoryMailer,
    )
    const sent = await runtime.runPromise<ReadonlyArray<{ text: string }>>(mailer.sentTo(email))
    const code = /\b(\d{6})\b/.exec(sent.at(-1)?.text ?? "")?.[1]
    if (!code) throw new Error(`no code sent to ${email}`)
    return code
  }

  /** Gives the signed-in commenter of `c` a role, and refreshes its token. */
  const promote = async (c: KommiesClient, role: "moderator" | "admin") => {
    const id = c.getSnapshot().commenter?.id
    if (!id) throw new Error("sign in first")
    await kommies.commenters.setRole(kommies.actors.secretKey(site.id), id as never, role)
    await c.refresh()
  }

  /** A token the host app signs for its user (HS256), for `POST /auth/sso`. */
  const ssoToken = (subject: string, name: string) => {
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url")
    const body = `${part({ alg: "HS256", typ: "JWT" })}.${part({
      sub: subject,
      name,
      iat: Math.floor(Date.now() / 1000),
    })}`
    return `${body}.${createHmac("sha256", ssoSecret).update(body).digest("base64url")}`
  }

  const close = async () => {
    for (const c of clients) c.dispose()
    await web.dispose()
    await kommies.dispose()
  }

  return {
    siteKey: site.publicKey,
    fetch,
    client,
    codeSentTo,
    promote,
    ssoToken,
    close,
  }
}
