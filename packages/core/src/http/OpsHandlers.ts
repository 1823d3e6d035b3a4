/**
 * Handlers of the operations routes: liveness, readiness (the stores
 * answer), the OpenAPI document and the docs page.
 *
 * @since 0.1.0
 */
import { HttpApiBuilder, HttpServerResponse } from "@effect/platform"
import { Duration, Effect, Option } from "effect"
import type { SiteId, ThreadId } from "../Ids.js"
import { EventLog } from "../ports/EventLog.js"
import { SiteStore } from "../ports/SiteStore.js"
import { ThreadStore } from "../ports/ThreadStore.js"
import { KommiesApi } from "./Api.js"
import { RequestInfoTag } from "./Caller.js"
import { HttpConfig } from "./Config.js"
import * as Docs from "./Docs.js"
import * as Problem from "./Problem.js"

const probeSite = "00000000-0000-7000-8000-000000000000" as SiteId

/**
 * The operations routes.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = HttpApiBuilder.group(KommiesApi, "ops", (handlers) =>
  Effect.gen(function* () {
    const config = yield* HttpConfig
    // The documents of each mount prefix seen (normally one), made once.
    const documents = new Map<string, { readonly spec: string; readonly html: string }>()
    const documentsFor = Effect.map(Effect.serviceOption(RequestInfoTag), (info) => {
      const mount = Option.match(info, {
        onNone: () => config.prefix,
        onSome: (i) => i.mount ?? config.prefix,
      })
      let found = documents.get(mount)
      if (found === undefined) {
        const spec = Docs.openApi(mount)
        found = { spec: JSON.stringify(spec), html: Docs.page(spec, mount) }
        if (documents.size < 16) documents.set(mount, found)
      }
      return found
    })
    const headers = { "cache-control": "public, max-age=300", vary: "X-Forwarded-Prefix" }
    return handlers
      .handle("health", () => Effect.succeed({ status: "ok" as const }))
      .handle("ready", () =>
        Effect.gen(function* () {
          const sites = yield* SiteStore
          const threads = yield* ThreadStore
          const log = yield* EventLog
          yield* Effect.all(
            [
              sites.get(probeSite),
              threads.getByKey(probeSite, "/ready"),
              log.lastSeq(probeSite, "_ready" as ThreadId),
            ],
            { concurrency: "unbounded" },
          ).pipe(Effect.timeoutFail({ duration: Duration.seconds(3), onTimeout: () => "timeout" }))
          return {
            status: "ready" as const,
            checks: { sites: "ok" as const, threads: "ok" as const, events: "ok" as const },
          }
        }).pipe(
          Effect.mapError(() => Problem.make(503, "not_ready", "A store did not answer in time")),
        ),
      )
      .handle("openapi", () =>
        Effect.map(documentsFor, (documents) =>
          HttpServerResponse.text(documents.spec, { contentType: "application/json", headers }),
        ),
      )
      .handle("docs", () =>
        Effect.map(documentsFor, (documents) =>
          HttpServerResponse.text(documents.html, {
            contentType: "text/html; charset=utf-8",
            headers,
          }),
        ),
      )
  }),
)
