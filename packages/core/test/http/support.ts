/** Shared setup of the HTTP tests: a facade over memory stores, a site, and the web handler. */
import { Effect, type ManagedRuntime } from "effect"
import type { SiteSettings } from "../../src/domain/Site.js"
import type { Role } from "../../src/domain/Role.js"
import { type HandlerOptions, makeHandler, type RequestContext } from "../../src/http.js"
import type { CommenterId } from "../../src/Ids.js"
import * as Kommies from "../../src/Kommies.js"
import * as MemoryMailer from "../../src/memory/MemoryMailer.js"
import * as Actor from "../../src/services/Actor.js"

export const secret = "http-test-secret-http-test-secret-0123456789"
export const origin = "https://blog.example"

/** A parsed response. */
export interface Reply {
  readonly status: number
  readonly headers: Headers
  // biome-ignore lint/suspicious/noExplicitAny: tests read JSON freely
  readonly body: any
  readonly text: string
}

export interface CallOptions {
  /** JSON body (serialized), or a raw string with `raw`. */
  readonly body?: unknown
  readonly raw?: string | Uint8Array
  readonly token?: string
  /** The public key; null sends none. Default: the site's. */
  readonly key?: string | null
  readonly headers?: Record<string, string>
  readonly context?: RequestContext
  readonly signal?: AbortSignal
}

export const read = async (response: Response): Promise<Reply> => {
  const text = await response.text()
  const type = response.headers.get("content-type") ?? ""
  return {
    status: response.status,
    headers: response.headers,
    body: text !== "" && type.includes("json") ? JSON.parse(text) : text,
    text,
  }
}

/** A site, the facade, the handler, and helpers to call it. */
export const harness = async (
  options: {
    readonly handler?: Omit<HandlerOptions, "kommies">
    readonly kommies?: Kommies.Options
    readonly settings?: Partial<SiteSettings>
    readonly allowedOrigins?: ReadonlyArray<string>
  } = {},
) => {
  const kommies = Kommies.make({
    tokens: { secret },
    passwords: { ln: 4 },
    mailer: MemoryMailer.layer,
    ...options.kommies,
  })
  const { site, secretKey } = await kommies.sites.create({
    name: "Test site",
    settings: { minSubmitMillis: 0, ...options.settings },
    allowedOrigins: options.allowedOrigins ?? [origin],
  })
  const web = makeHandler({ kommies, rateLimits: false, ...options.handler })

  const request = (method: string, path: string, o: CallOptions = {}) => {
    const headers: Record<string, string> = { ...o.headers }
    const key = o.key === undefined ? site.publicKey : o.key
    if (key !== null) headers["x-kommies-key"] = key
    if (o.token !== undefined) headers.authorization = `Bearer ${o.token}`
    let body: BodyInit | undefined
    if (o.raw !== undefined) body = o.raw as BodyInit
    else if (o.body !== undefined) {
      body = JSON.stringify(o.body)
      headers["content-type"] ??= "application/json"
    }
    return new Request(`http://api.test${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body }),
      ...(o.signal === undefined ? {} : { signal: o.signal }),
    })
  }
  const call = async (method: string, path: string, o: CallOptions = {}) =>
    read(await web.handler(request(method, path, o), o.context))

  /** A guest commenter signed in over HTTP, optionally promoted (and their token refreshed). */
  const member = async (name: string, role: Role = "user") => {
    const signed = await call("POST", "/auth/guest", { body: { displayName: name } })
    if (signed.status !== 200) throw new Error(`guest sign-in failed: ${signed.text}`)
    const id = signed.body.commenter.id as CommenterId
    if (role === "user")
      return {
        id,
        token: signed.body.accessToken as string,
        refreshToken: signed.body.refreshToken as string,
      }
    await kommies.commenters.setRole(Actor.secretKey(site.id), id, role)
    const fresh = await call("POST", "/auth/refresh", {
      body: { refreshToken: signed.body.refreshToken },
    })
    return {
      id,
      token: fresh.body.accessToken as string,
      refreshToken: fresh.body.refreshToken as string,
    }
  }

  /** Posts a comment and returns its view. */
  const post = async (token: string, thread: string, body: string, parentId?: string) => {
    const reply = await call("POST", `/threads/${encodeURIComponent(thread)}/comments`, {
      token,
      body: { body, ...(parentId === undefined ? {} : { parentId }) },
    })
    if (reply.status !== 201) throw new Error(`post failed: ${reply.text}`)
    return reply.body
  }

  const outbox = (to: string) =>
    (
      kommies.runtime as unknown as ManagedRuntime.ManagedRuntime<
        MemoryMailer.MemoryMailer,
        unknown
      >
    ).runPromise(Effect.flatMap(MemoryMailer.MemoryMailer, (m) => m.sentTo(to)))

  const close = async () => {
    await web.dispose()
    await kommies.dispose()
  }
  return {
    kommies,
    site,
    secretKey,
    handler: web.handler,
    fastPath: web.fastPath,
    dispose: web.dispose,
    request,
    call,
    member,
    post,
    outbox,
    close,
  }
}

export type Harness = Awaited<ReturnType<typeof harness>>
