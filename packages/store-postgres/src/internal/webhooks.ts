/**
 * WebhookStore on PostgreSQL: each site's endpoints, and their deliveries
 * (removed with the endpoint, in the same statement; due ones found across
 * sites through a partial index of pending deliveries).
 */
import type { SqlClient } from "@effect/sql/SqlClient"
import type { Row } from "@effect/sql/SqlConnection"
import type { Ids, Webhook, WebhookStore } from "@kommies/core"
import { Effect } from "effect"
import { attempt } from "./errors.js"
import { json, num, oneOrNone, pageSize, parsed, strOrNull } from "./sql.js"

const endpointColumns = `id, site_id, url, secret, events, active, created_at`

const toEndpoint = (row: Row): Webhook.WebhookEndpoint => ({
  id: row.id as Ids.WebhookId,
  siteId: row.site_id as Ids.SiteId,
  url: String(row.url),
  secret: String(row.secret),
  events: parsed<Array<string>>(row.events),
  active: row.active === true,
  createdAt: num(row.created_at),
})

const deliveryColumns = `id, site_id, endpoint_id, event_id, event_type, payload, status,
  attempts, next_attempt_at, last_error, created_at`

const toDelivery = (row: Row): Webhook.WebhookDelivery => ({
  id: String(row.id),
  siteId: row.site_id as Ids.SiteId,
  endpointId: row.endpoint_id as Ids.WebhookId,
  eventId: String(row.event_id),
  eventType: String(row.event_type),
  payload: String(row.payload),
  status: row.status as Webhook.DeliveryStatus,
  attempts: num(row.attempts),
  nextAttemptAt: num(row.next_attempt_at),
  lastError: strOrNull(row.last_error),
  createdAt: num(row.created_at),
})

/** WebhookStore over `sql`. */
export const make = (sql: SqlClient): WebhookStore.WebhookStoreShape => {
  const endpoints = sql.literal(endpointColumns)
  const deliveries = sql.literal(deliveryColumns)
  return {
    insert: (e) =>
      sql`INSERT INTO webhook_endpoints (${endpoints}) VALUES (
        ${e.id}, ${e.siteId}, ${e.url}, ${e.secret}, ${json(e.events)}::jsonb, ${e.active},
        ${e.createdAt}
      )`.pipe(Effect.asVoid, attempt("WebhookStore.insert")),

    get: (siteId, id) =>
      sql`SELECT ${endpoints} FROM webhook_endpoints WHERE id = ${id} AND site_id = ${siteId}`.pipe(
        Effect.map((rows) => oneOrNone(rows, toEndpoint)),
        attempt("WebhookStore.get"),
      ),

    list: (siteId) =>
      sql`SELECT ${endpoints} FROM webhook_endpoints WHERE site_id = ${siteId}
        ORDER BY created_at, id`.pipe(
        Effect.map((rows) => rows.map(toEndpoint)),
        attempt("WebhookStore.list"),
      ),

    update: (e) =>
      sql`UPDATE webhook_endpoints SET url = ${e.url}, secret = ${e.secret},
        events = ${json(e.events)}::jsonb, active = ${e.active}, created_at = ${e.createdAt}
        WHERE id = ${e.id} AND site_id = ${e.siteId}`.pipe(
        Effect.asVoid,
        attempt("WebhookStore.update"),
      ),

    remove: (siteId, id) =>
      sql`WITH gone AS (
        DELETE FROM webhook_endpoints WHERE id = ${id} AND site_id = ${siteId} RETURNING id
      ), deliveries AS (
        DELETE FROM webhook_deliveries WHERE endpoint_id IN (SELECT id FROM gone)
      )
      SELECT 1 FROM gone`.pipe(
        Effect.map((rows) => rows.length > 0),
        attempt("WebhookStore.remove"),
      ),

    insertDelivery: (d) =>
      sql`INSERT INTO webhook_deliveries (${deliveries}) VALUES (
        ${d.id}, ${d.siteId}, ${d.endpointId}, ${d.eventId}, ${d.eventType}, ${d.payload},
        ${d.status}, ${d.attempts}, ${d.nextAttemptAt}, ${d.lastError}, ${d.createdAt}
      )`.pipe(Effect.asVoid, attempt("WebhookStore.insertDelivery")),

    dueDeliveries: (now, limit) =>
      pageSize(limit) === 0
        ? Effect.succeed([])
        : sql`SELECT ${deliveries} FROM webhook_deliveries
            WHERE status = 'pending' AND next_attempt_at <= ${now}
            ORDER BY created_at, id LIMIT ${pageSize(limit)}`.pipe(
            Effect.map((rows) => rows.map(toDelivery)),
            attempt("WebhookStore.dueDeliveries"),
          ),

    // The site and endpoint a delivery is filed under never change.
    updateDelivery: (d) =>
      sql`UPDATE webhook_deliveries SET event_id = ${d.eventId}, event_type = ${d.eventType},
        payload = ${d.payload}, status = ${d.status}, attempts = ${d.attempts},
        next_attempt_at = ${d.nextAttemptAt}, last_error = ${d.lastError},
        created_at = ${d.createdAt}
        WHERE id = ${d.id}`.pipe(Effect.asVoid, attempt("WebhookStore.updateDelivery")),

    listDeliveries: (siteId, endpointId, limit) =>
      pageSize(limit) === 0
        ? Effect.succeed([])
        : sql`SELECT ${deliveries} FROM webhook_deliveries
            WHERE endpoint_id = ${endpointId} AND site_id = ${siteId}
            ORDER BY created_at DESC, id DESC LIMIT ${pageSize(limit)}`.pipe(
            Effect.map((rows) => rows.map(toDelivery)),
            attempt("WebhookStore.listDeliveries"),
          ),
  }
}
