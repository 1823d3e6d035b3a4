/**
 * Port: sending one webhook delivery over HTTP.
 *
 * @since 0.1.0
 */
import { Context, Data, Effect, Layer } from "effect"

/** @since 0.1.0 @category models */
export interface OutgoingWebhook {
  readonly url: string
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
}

/** @since 0.1.0 @category errors */
export class WebhookSendError extends Data.TaggedError("WebhookSendError")<{
  readonly message: string
}> {}

/** @since 0.1.0 @category ports */
export interface WebhookSenderShape {
  /** POSTs the delivery; answers the HTTP status, or fails when no answer came. */
  readonly send: (webhook: OutgoingWebhook) => Effect.Effect<number, WebhookSendError>
}

/** @since 0.1.0 @category ports */
export class WebhookSender extends Context.Tag("@kommies/core/WebhookSender")<
  WebhookSender,
  WebhookSenderShape
>() {}

/**
 * Sends with the platform's `fetch`, giving up after `timeoutMs` (default 10 s).
 * It does not stop deliveries to private networks: a hosted service should
 * provide a sender that does.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerFetch = (
  options: { readonly timeoutMs?: number } = {},
): Layer.Layer<WebhookSender> =>
  Layer.succeed(WebhookSender, {
    send: (webhook) =>
      Effect.tryPromise({
        try: async (signal) => {
          const response = await fetch(webhook.url, {
            method: "POST",
            headers: webhook.headers,
            body: webhook.body,
            redirect: "manual",
            signal: AbortSignal.any([signal, AbortSignal.timeout(options.timeoutMs ?? 10_000)]),
          })
          await response.body?.cancel()
          return response.status
        },
        catch: (error) =>
          new WebhookSendError({ message: error instanceof Error ? error.message : String(error) }),
      }),
  })
