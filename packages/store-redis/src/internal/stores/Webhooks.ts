/**
 * WebhookStore on Redis: endpoints in a hash per site; deliveries as global
 * records (found by id) with each endpoint's delivery ids by creation time in
 * the site's slot, and the global due queue of pending deliveries.
 *
 * @since 0.1.0
 */
import { Errors, type Webhook as WebhookModule, type WebhookStore } from "@kommies/core"
import { Effect, Option } from "effect"
import { global, site, siteBase } from "../keys.js"
import { parseRecord } from "../rows.js"
import { compareIds, decoding, pageSize, run, script } from "../run.js"
import type { RedisConnectionShape } from "../../RedisConnection.js"
import * as Due from "./Due.js"

type WebhookEndpoint = WebhookModule.WebhookEndpoint
type WebhookDelivery = WebhookModule.WebhookDelivery

/**
 * The Redis WebhookStore over a connection. Removing an endpoint removes its
 * deliveries too.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (conn: RedisConnectionShape): WebhookStore.WebhookStoreShape => {
  const p = conn.prefix
  const baseOf = (siteId: string) => siteBase(p, siteId)
  const queue = global.deliveryQueue(p)
  const fetchDelivery = (what: string) => (id: string) =>
    run(conn, what, (c) => c.get(global.delivery(p, id))).pipe(
      Effect.flatMap((json) =>
        decoding(conn, what, () =>
          json === null ? undefined : parseRecord<WebhookDelivery>(json, `delivery ${id}`),
        ),
      ),
    )
  const due: Due.Due<WebhookDelivery> = {
    fetch: fetchDelivery("WebhookStore.dueDeliveries"),
    pending: (d) => d.status === "pending",
    nextAttemptAt: (d) => d.nextAttemptAt,
    createdAt: (d) => d.createdAt,
  }
  const fileInQueue = (what: string, d: WebhookDelivery) =>
    run(conn, what, (c) =>
      d.status === "pending" ? c.zadd(queue, d.nextAttemptAt, d.id) : c.zrem(queue, d.id),
    )

  return {
    insert: (endpoint) =>
      run(conn, "WebhookStore.insert", (c) =>
        c.hsetnx(baseOf(endpoint.siteId) + site.webhooks, endpoint.id, JSON.stringify(endpoint)),
      ).pipe(
        Effect.flatMap((added) =>
          added === 1
            ? Effect.void
            : Effect.fail(
                new Errors.StoreError({
                  reason: "Conflict",
                  message: `webhook ${endpoint.id} already exists`,
                }),
              ),
        ),
      ),

    get: (siteId, id) =>
      run(conn, "WebhookStore.get", (c) => c.hget(baseOf(siteId) + site.webhooks, id)).pipe(
        Effect.flatMap((json) =>
          decoding(conn, "WebhookStore.get", () =>
            json === null
              ? Option.none()
              : Option.some(parseRecord<WebhookEndpoint>(json, "webhook")),
          ),
        ),
      ),

    list: (siteId) =>
      run(conn, "WebhookStore.list", (c) => c.hvals(baseOf(siteId) + site.webhooks)).pipe(
        Effect.flatMap((values) =>
          decoding(conn, "WebhookStore.list", () =>
            values
              .map((v) => parseRecord<WebhookEndpoint>(v, "webhook"))
              .sort((a, b) => a.createdAt - b.createdAt || compareIds(a.id, b.id)),
          ),
        ),
      ),

    update: (endpoint) =>
      script(conn, "WebhookStore.update", "kmHashReplace", [
        baseOf(endpoint.siteId) + site.webhooks,
        endpoint.id,
        JSON.stringify(endpoint),
      ]).pipe(Effect.asVoid),

    remove: (siteId, id) =>
      Effect.gen(function* () {
        const base = baseOf(siteId)
        const reply = yield* script(conn, "WebhookStore.remove", "kmWebhookRemove", [
          base + site.webhooks,
          base + site.deliveries(id),
          id,
        ])
        if (!Array.isArray(reply)) return false
        const deliveries = (reply as Array<string>).slice(1)
        yield* Effect.forEach(
          deliveries,
          (d) =>
            run(conn, "WebhookStore.remove", (c) => c.del(global.delivery(p, d))).pipe(
              Effect.zipRight(run(conn, "WebhookStore.remove", (c) => c.zrem(queue, d))),
            ),
          { concurrency: 16, discard: true },
        )
        return true
      }),

    insertDelivery: (delivery) =>
      Effect.gen(function* () {
        const stored = yield* run(conn, "WebhookStore.insertDelivery", (c) =>
          c.set(global.delivery(p, delivery.id), JSON.stringify(delivery), "NX"),
        )
        if (stored === null) {
          return yield* new Errors.StoreError({
            reason: "Conflict",
            message: `delivery ${delivery.id} already exists`,
          })
        }
        yield* run(conn, "WebhookStore.insertDelivery", (c) =>
          c.zadd(
            baseOf(delivery.siteId) + site.deliveries(delivery.endpointId),
            delivery.createdAt,
            delivery.id,
          ),
        )
        if (delivery.status === "pending")
          yield* fileInQueue("WebhookStore.insertDelivery", delivery)
      }),

    dueDeliveries: (now, limit) =>
      Due.page(conn, "WebhookStore.dueDeliveries", queue, now, limit, due),

    updateDelivery: (delivery) =>
      Effect.gen(function* () {
        const current = yield* fetchDelivery("WebhookStore.updateDelivery")(delivery.id)
        if (current === undefined) return
        // The site and endpoint a delivery is filed under never change.
        const next = { ...delivery, siteId: current.siteId, endpointId: current.endpointId }
        yield* run(conn, "WebhookStore.updateDelivery", (c) =>
          c.set(global.delivery(p, delivery.id), JSON.stringify(next), "XX"),
        )
        yield* fileInQueue("WebhookStore.updateDelivery", next)
      }),

    listDeliveries: (siteId, endpointId, limit) =>
      Effect.gen(function* () {
        const size = pageSize(limit)
        if (size === 0) return []
        const ids = yield* run(conn, "WebhookStore.listDeliveries", (c) =>
          c.zrevrange(baseOf(siteId) + site.deliveries(endpointId), 0, size - 1),
        )
        const found = yield* Effect.forEach(ids, fetchDelivery("WebhookStore.listDeliveries"), {
          concurrency: 16,
        })
        return found.filter((d): d is WebhookDelivery => d !== undefined)
      }),
  }
}
