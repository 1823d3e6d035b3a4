/**
 * The servers of the dashboard's browser tests: a reference server on port 0
 * (memory stores, a recording mailer to read codes and invitation links
 * from), and a tiny page on another origin where the copied embed snippet
 * goes.
 */
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import { Mailer, type PaymentProvider } from "@kommies/core"
import { MemoryEventBus, MemoryMailer, MemoryStore } from "@kommies/core/memory"
import { Effect, Layer } from "effect"
import { loadConfig } from "../../src/config/loadConfig.js"
import { type RunningServer, startServer } from "../../src/server/start.js"

/** A server and the emails it sent. */
export interface World {
  readonly server: RunningServer
  /** Where browsers open the dashboard: the server's public URL (same origin for cookies and CSRF). */
  readonly origin: string
  readonly mails: (to: string) => Promise<ReadonlyArray<Mailer.Email>>
  /** The last 6-digit code mailed to `to`, among the emails after the first `since`. */
  readonly code: (to: string, since?: number) => Promise<string>
  /** The invitation link of the last invitation mailed to `to`, on this server. */
  readonly invitation: (to: string) => Promise<string>
}

/** Starts a saas server with memory stores and a mailer the test reads; billing only with a payment provider. */
export const startWorld = async (
  env: Record<string, string> = {},
  paymentProvider?: Layer.Layer<PaymentProvider.PaymentProvider>,
): Promise<World> => {
  const { mailer, outbox } = Effect.runSync(MemoryMailer.make)
  const server = await startServer(
    loadConfig({ PORT: "0", LOG_LEVEL: "silent", KOMMIES_MODE: "saas", ...env }),
    {
      mailer: Layer.succeed(Mailer.Mailer, mailer),
      stores: Layer.merge(MemoryStore.layer, MemoryEventBus.layer),
      ...(paymentProvider === undefined ? {} : { paymentProvider }),
    },
  )
  const mails = (to: string) => Effect.runPromise(outbox.sentTo(to))
  /** The last match in the emails to `to`; mail may leave a moment after the answer, so wait up to 5 s. */
  const last = async (to: string, pattern: RegExp, since = 0) => {
    for (let waited = 0; ; waited += 100) {
      const found = (await mails(to))
        .slice(since)
        .map((mail) => pattern.exec(`${mail.text}\n${mail.html ?? ""}`)?.[1])
        .filter((match): match is string => match !== undefined)
        .at(-1)
      if (found !== undefined) return found
      if (waited >= 5_000) throw new Error(`no email to ${to} matching ${pattern}`)
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }
  return {
    server,
    origin: server.app.publicUrl,
    mails,
    code: (to, since) => last(to, /\b(\d{6})\b/, since),
    invitation: async (to) =>
      `${server.app.publicUrl}/dashboard/#/invite/${await last(to, /\/dashboard\/#\/invite\/([^\s"<&]+)/)}`,
  }
}

/** A page on another origin whose body the test sets: where the copied snippet goes. */
export interface EmbedPage {
  readonly origin: string
  setBody: (html: string) => void
  readonly close: () => Promise<void>
}

export const startEmbedPage = async (): Promise<EmbedPage> => {
  let body = "<p>No snippet yet</p>"
  const http = createServer((request, response) => {
    if (request.url !== "/" && !request.url?.startsWith("/post")) {
      response.writeHead(404).end()
      return
    }
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" })
    response.end(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A blog post</title></head>` +
        `<body><main><h1>A blog post</h1>${body}</main></body></html>`,
    )
  })
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve))
  const { port } = http.address() as AddressInfo
  return {
    origin: `http://127.0.0.1:${port}`,
    setBody: (html) => {
      body = html
    },
    close: () =>
      new Promise<void>((resolve) => {
        http.closeAllConnections()
        http.close(() => resolve())
      }),
  }
}
