/**
 * WebhookStore in memory: each site's endpoints, and deliveries (due ones found
 * across sites).
 *
 * @since 0.1.0
 */
import { Effect, Option } from "effect"
import type { WebhookDelivery, WebhookEndpoint } from "../domain/Webhook.js"
import type { WebhookStoreShape } from "../ports/WebhookStore.js"
import { pageSize } from "./SortedIds.js"
import { addToIndex, compareIds, duplicate, peek, type State, site, snapshot } from "./State.js"

const fileDelivery = (state: State, delivery: WebhookDelivery): void => {
  state.deliveries.set(delivery.id, delivery)
  if (delivery.status === "pending") state.pendingDeliveries.add(delivery.id)
  else state.pendingDeliveries.delete(delivery.id)
}

/**
 * The memory WebhookStore over shared state. Removing an endpoint removes its
 * deliveries too.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (state: State): WebhookStoreShape => ({
  insert: (endpoint) =>
    Effect.suspend(() => {
      const data = site(state, endpoint.siteId)
      if (data.webhooks.has(endpoint.id)) return Effect.fail(duplicate("webhook", endpoint.id))
      data.webhooks.set(endpoint.id, snapshot(endpoint))
      return Effect.void
    }),

  get: (siteId, id) =>
    Effect.sync(() => Option.fromNullable(peek(state, siteId)?.webhooks.get(id))),

  list: (siteId) =>
    Effect.sync(() => {
      const webhooks = peek(state, siteId)?.webhooks
      if (webhooks === undefined) return []
      return Array.from(webhooks.values()).sort(
        (a: WebhookEndpoint, b: WebhookEndpoint) =>
          a.createdAt - b.createdAt || compareIds(a.id, b.id),
      )
    }),

  update: (endpoint) =>
    Effect.sync(() => {
      const data = peek(state, endpoint.siteId)
      if (data?.webhooks.has(endpoint.id)) data.webhooks.set(endpoint.id, snapshot(endpoint))
    }),

  remove: (siteId, id) =>
    Effect.sync(() => {
      const data = peek(state, siteId)
      if (data === undefined || !data.webhooks.delete(id)) return false
      for (const deliveryId of data.deliveriesByEndpoint.get(id) ?? []) {
        state.deliveries.delete(deliveryId)
        state.pendingDeliveries.delete(deliveryId)
      }
      data.deliveriesByEndpoint.delete(id)
      return true
    }),

  insertDelivery: (delivery) =>
    Effect.suspend(() => {
      if (state.deliveries.has(delivery.id)) return Effect.fail(duplicate("delivery", delivery.id))
      const stored = snapshot(delivery)
      fileDelivery(state, stored)
      addToIndex(site(state, stored.siteId).deliveriesByEndpoint, stored.endpointId, stored.id)
      return Effect.void
    }),

  dueDeliveries: (now, limit) =>
    Effect.sync(() => {
      const due: Array<WebhookDelivery> = []
      for (const id of state.pendingDeliveries) {
        const delivery = state.deliveries.get(id)
        if (delivery !== undefined && delivery.nextAttemptAt <= now) due.push(delivery)
      }
      return due
        .sort((a, b) => a.createdAt - b.createdAt || compareIds(a.id, b.id))
        .slice(0, pageSize(limit))
    }),

  updateDelivery: (delivery) =>
    Effect.sync(() => {
      const current = state.deliveries.get(delivery.id)
      if (current === undefined) return
      // The site and endpoint a delivery is filed under never change.
      fileDelivery(
        state,
        snapshot({ ...delivery, siteId: current.siteId, endpointId: current.endpointId }),
      )
    }),

  listDeliveries: (siteId, endpointId, limit) =>
    Effect.sync(() => {
      const ids = peek(state, siteId)?.deliveriesByEndpoint.get(endpointId)
      if (ids === undefined) return []
      const out: Array<WebhookDelivery> = []
      for (const id of ids) {
        const delivery = state.deliveries.get(id)
        if (delivery !== undefined) out.push(delivery)
      }
      return out
        .sort((a, b) => b.createdAt - a.createdAt || compareIds(b.id, a.id))
        .slice(0, pageSize(limit))
    }),
})
