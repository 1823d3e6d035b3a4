/**
 * WebhookStore cases: endpoints and deliveries.
 */
import { expect } from "@effect/vitest"
import { Effect, Option } from "effect"
import type { WebhookDelivery } from "../../domain/Webhook.js"
import type { WebhookId } from "../../Ids.js"
import { WebhookStore } from "../../ports/WebhookStore.js"
import * as Fixtures from "../fixtures.js"
import { type Group, must } from "./case.js"
import * as Seed from "./seed.js"

const endpointOf = (overrides: Parameters<typeof Fixtures.webhookEndpoint>[1] = {}) =>
  Effect.gen(function* () {
    const store = yield* WebhookStore
    const site = yield* Seed.site()
    const endpoint = yield* Fixtures.webhookEndpoint(site.id, overrides)
    yield* store.insert(endpoint)
    return { site, endpoint }
  })

/** The caller's own deliveries among `due`, in the order the store gave them. */
const mine = (due: ReadonlyArray<WebhookDelivery>, own: ReadonlyArray<WebhookDelivery>) => {
  const ids = new Set(own.map((d) => d.id))
  return due.filter((d) => ids.has(d.id))
}

/** WebhookStore: endpoints and deliveries. */
export const webhooks: Group = {
  name: "WebhookStore",
  cases: [
    must(
      "WebhookStore.insert – should store an endpoint that get returns as written",
      Effect.gen(function* () {
        const store = yield* WebhookStore
        const { site, endpoint } = yield* endpointOf({
          events: ["comment.created", "vote.changed"],
        })
        expect(yield* store.get(site.id, endpoint.id)).toEqual(Option.some(endpoint))
        expect(yield* store.get(site.id, yield* Fixtures.id<WebhookId>())).toEqual(Option.none())
      }),
    ),
    must(
      "WebhookStore.list – should list the site's endpoints",
      Effect.gen(function* () {
        const store = yield* WebhookStore
        const { site, endpoint } = yield* endpointOf()
        const second = yield* Fixtures.webhookEndpoint(site.id, { active: false })
        yield* store.insert(second)
        yield* endpointOf()
        const listed = yield* store.list(site.id)
        expect(Seed.idSet(listed)).toEqual(Seed.idSet([endpoint, second]))
        expect(listed.find((e) => e.id === second.id)).toEqual(second)
      }),
    ),
    must(
      "WebhookStore.update – should replace the endpoint",
      Effect.gen(function* () {
        const store = yield* WebhookStore
        const { site, endpoint } = yield* endpointOf()
        const changed = {
          ...endpoint,
          url: "https://hooks.example.test/moved",
          events: ["comment.deleted"],
          active: false,
          secret: `whsec_${yield* Fixtures.token}`,
        }
        yield* store.update(changed)
        expect(yield* store.get(site.id, endpoint.id)).toEqual(Option.some(changed))
        expect(yield* store.list(site.id)).toEqual([changed])
      }),
    ),
    must(
      "WebhookStore.remove – should delete the endpoint once and say whether it existed",
      Effect.gen(function* () {
        const store = yield* WebhookStore
        const { site, endpoint } = yield* endpointOf()
        expect(yield* store.remove(site.id, endpoint.id)).toBe(true)
        expect(yield* store.get(site.id, endpoint.id)).toEqual(Option.none())
        expect(yield* store.list(site.id)).toEqual([])
        expect(yield* store.remove(site.id, endpoint.id)).toBe(false)
      }),
    ),
    must(
      "WebhookStore.listDeliveries – should list the endpoint's deliveries newest first, at most limit",
      Effect.gen(function* () {
        const store = yield* WebhookStore
        const { site, endpoint } = yield* endpointOf()
        const other = yield* Fixtures.webhookEndpoint(site.id)
        yield* store.insert(other)
        const ids = yield* Seed.orderedIds<string>(4)
        const deliveries = yield* Effect.forEach(ids, (id, i) =>
          Fixtures.webhookDelivery(endpoint, {
            id,
            createdAt: 1_800_000_000_000 + i,
            status: i === 0 ? "delivered" : "pending",
          }),
        )
        for (const d of deliveries) yield* store.insertDelivery(d)
        yield* store.insertDelivery(yield* Fixtures.webhookDelivery(other))
        const newest = [...deliveries].reverse()
        expect(yield* store.listDeliveries(site.id, endpoint.id, 10)).toEqual(newest)
        expect(yield* store.listDeliveries(site.id, endpoint.id, 3)).toEqual(newest.slice(0, 3))
      }),
    ),
    must(
      "WebhookStore.dueDeliveries – should return pending deliveries due at now across sites, oldest first",
      Effect.gen(function* () {
        const store = yield* WebhookStore
        const a = yield* endpointOf()
        const b = yield* endpointOf()
        const start = yield* Seed.window
        const at = (offset: number) => ({
          nextAttemptAt: start + offset,
          createdAt: start + offset,
        })
        const own = [
          yield* Fixtures.webhookDelivery(a.endpoint, at(1)),
          yield* Fixtures.webhookDelivery(b.endpoint, at(2)),
          yield* Fixtures.webhookDelivery(a.endpoint, { ...at(3), status: "delivered" }),
          yield* Fixtures.webhookDelivery(b.endpoint, { ...at(4), status: "failed", attempts: 8 }),
          yield* Fixtures.webhookDelivery(a.endpoint, at(9)),
        ]
        for (const d of [...own].reverse()) yield* store.insertDelivery(d)
        const [first, second, , , later] = own
        expect(mine(yield* store.dueDeliveries(start + 5, 1_000), own)).toEqual([first, second])
        expect(mine(yield* store.dueDeliveries(start + 9, 1_000), own)).toEqual([
          first,
          second,
          later,
        ])
        expect(mine(yield* store.dueDeliveries(start, 1_000), own)).toEqual([])
        const one = yield* store.dueDeliveries(start + 9, 1)
        expect(one.length).toBe(1)
        expect(one[0]!.nextAttemptAt).toBeLessThanOrEqual(start + 1)
      }),
    ),
    must(
      "WebhookStore.updateDelivery – should replace the delivery, so delivered ones stop being due",
      Effect.gen(function* () {
        const store = yield* WebhookStore
        const { site, endpoint } = yield* endpointOf()
        const start = yield* Seed.window
        const own = [
          yield* Fixtures.webhookDelivery(endpoint, {
            nextAttemptAt: start + 1,
            createdAt: start + 1,
          }),
          yield* Fixtures.webhookDelivery(endpoint, {
            nextAttemptAt: start + 2,
            createdAt: start + 2,
          }),
        ]
        for (const d of own) yield* store.insertDelivery(d)
        const delivered = { ...own[0]!, status: "delivered" as const, attempts: 1 }
        const retry = { ...own[1]!, attempts: 1, nextAttemptAt: start + 12, lastError: "HTTP 500" }
        yield* store.updateDelivery(delivered)
        yield* store.updateDelivery(retry)
        expect(mine(yield* store.dueDeliveries(start + 11, 1_000), own)).toEqual([])
        expect(mine(yield* store.dueDeliveries(start + 12, 1_000), own)).toEqual([retry])
        const listed = yield* store.listDeliveries(site.id, endpoint.id, 10)
        expect(Seed.idSet(listed)).toEqual(Seed.idSet(own))
        expect(listed.find((d) => d.id === delivered.id)).toEqual(delivered)
      }),
    ),
  ],
}
