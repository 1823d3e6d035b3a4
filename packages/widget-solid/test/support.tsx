/**
 * Helpers of the widget tests: the real Kommies API in process (`makeHandler`
 * over memory stores), clients that reach it through `fetch`, rendering into
 * jsdom, and waiting for the DOM.
 */
import { createHmac } from "node:crypto"
import { Kommies } from "@kommies/core"
import { makeHandler } from "@kommies/core/http"
import { MemoryMailer } from "@kommies/core/memory"
import { createClient, type KommiesClient, memoryStorage } from "@kommies/client"
import type { JSX } from "solid-js"
import { render } from "solid-js/web"
import { KommiesProvider } from "../src/index.js"

export const secret = "widget-solid-test-secret-0123456789abcdef"
export const ssoSecret = "widget-solid-sso-secret-0123456789abcdef"
export const baseUrl = "http://kommies.test/api"

export interface Server {
  readonly kommies: ReturnType<typeof Kommies.make>
  readonly web: ReturnType<typeof makeHandler>
  /** `fetch` into the handler. */
  readonly fetch: (input: string | URL | Request, init?: RequestInit) => Promise<Response>
  /** Every request the handler answered: "GET /api/counts?…". */
  readonly requests: Array<string>
  dispose(): Promise<void>
}

/**
 * The API in process. jsdom's AbortSignal is not Node's, so a request's
 * signal is left out (the handler's dispose ends open event streams).
 */
export const startServer = (prefix = "/api"): Server => {
  const kommies = Kommies.make({
    tokens: { secret },
    passwords: { ln: 4 },
    mailer: MemoryMailer.layer,
  })
  const web = makeHandler({
    kommies,
    prefix,
    rateLimits: false,
    heartbeatMs: 50,
    sso: { secret: ssoSecret },
  })
  const requests: Array<string> = []
  const fetch = (input: string | URL | Request, init: RequestInit = {}) => {
    const { signal: _, ...rest } = init
    const url = typeof input === "string" || input instanceof URL ? String(input) : input.url
    const request = new Request(url, rest)
    const { pathname, search } = new URL(url)
    requests.push(`${request.method} ${pathname}${search}`)
    return web.handler(request)
  }
  return {
    kommies,
    web,
    fetch,
    requests,
    dispose: async () => {
      await web.dispose()
      await kommies.dispose()
    },
  }
}

/** A site that publishes at once and takes comments as fast as tests type. */
export const createSite = async (server: Server, settings: Record<string, unknown> = {}) => {
  const { site } = await server.kommies.sites.create({
    name: "Widget test",
    settings: { minSubmitMillis: 0, ...settings },
  } as never)
  return site
}

export const clientFor = (server: Server, siteKey: string, storage = memoryStorage()) =>
  createClient({ baseUrl, siteKey, storage, fetch: server.fetch })

/** Renders inside a provider of `client`; returns the container and `dispose`. */
export const mount = (client: KommiesClient, view: () => JSX.Element) => {
  const container = document.createElement("div")
  document.body.append(container)
  const dispose = render(
    () => <KommiesProvider client={client}>{view()}</KommiesProvider>,
    container,
  )
  return {
    container,
    dispose: () => {
      dispose()
      container.remove()
    },
  }
}

/** Waits until `check` returns something truthy (or throws its last error). */
export const until = async <A,>(check: () => A | null | undefined | false, ms = 5_000) => {
  const started = Date.now()
  let last: unknown
  for (;;) {
    try {
      const value = check()
      if (value) return value
    } catch (error) {
      last = error
    }
    if (Date.now() - started > ms)
      throw last instanceof Error ? last : new Error(`timed out: ${check.toString()}`)
    await new Promise((r) => setTimeout(r, 10))
  }
}

/** The element matching `selector` whose text includes `text`. */
export const byText = <E extends Element = HTMLElement>(
  root: ParentNode,
  selector: string,
  text: string | RegExp,
): E | undefined =>
  [...root.querySelectorAll<E>(selector)].find((el) =>
    typeof text === "string" ? el.textContent?.includes(text) : text.test(el.textContent ?? ""),
  )

/** Types into a field as a person would (an `input` event). */
export const type = (field: Element | null | undefined, value: string) => {
  const el = field as HTMLInputElement | HTMLTextAreaElement
  el.value = value
  el.dispatchEvent(new Event("input", { bubbles: true }))
}

export const submit = (form: Element | null | undefined) =>
  (form as HTMLFormElement).dispatchEvent(new Event("submit", { bubbles: true, cancelable: true }))

/** The last 6-digit code the memory mailer sent to `email`. */
export const codeSentTo = async (server: Server, email: string) => {
  const runtime = server.kommies.runtime as unknown as {
    runPromise: <A>(effect: unknown) => Promise<A>
  }
  const mailer = await runtime.runPromise<{ sentTo: (to: string) => unknown }>(
    MemoryMailer.MemoryMailer,
  )
  const sent = await runtime.runPromise<ReadonlyArray<{ text: string }>>(mailer.sentTo(email))
  const code = /\b(\d{6})\b/.exec(sent.at(-1)?.text ?? "")?.[1]
  if (!code) throw new Error(`no code sent to ${email}`)
  return code
}

/** A host-signed SSO token (HS256), as a host app would make one for its user. */
export const ssoToken = (claims: Record<string, unknown>) => {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url")
  const now = Math.floor(Date.now() / 1000)
  const body = `${encode({ alg: "HS256", typ: "JWT" })}.${encode({ iat: now, exp: now + 300, ...claims })}`
  return `${body}.${createHmac("sha256", ssoSecret).update(body).digest("base64url")}`
}
