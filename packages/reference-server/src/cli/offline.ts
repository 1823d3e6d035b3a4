/**
 * The services without the HTTP server, for the CLI's one-shot commands:
 * the same stores, secret and mode as `start` would use.
 *
 * @since 0.1.0
 */
import { Kommies } from "@kommies/core"
import { Redacted } from "effect"
import { loadOrCreateSecret } from "../config/secret.js"
import type { ServerConfig } from "../config/ServerConfig.js"
import { storesOf } from "../server/stores.js"

/** Runs `work` with the Kommies services of `config`, then releases them. */
export const withKommies = async <A>(
  config: ServerConfig,
  work: (kommies: Kommies.Kommies) => Promise<A>,
): Promise<A> => {
  const secret =
    config.secret !== null
      ? Redacted.value(config.secret)
      : await loadOrCreateSecret(config.dataDir)
  const choice = storesOf(config)
  const kommies = Kommies.make({
    stores: choice.stores,
    mode: config.mode === "saas" ? "saas" : "selfHosted",
    tokens: { secret },
    ...(choice.rateLimiter === undefined ? {} : { rateLimiter: choice.rateLimiter }),
  })
  try {
    await kommies.runtime.runtime()
    return await work(kommies)
  } finally {
    await kommies.dispose()
  }
}
