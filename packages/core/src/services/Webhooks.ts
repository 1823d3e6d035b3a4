/**
 * Webhooks: a site's endpoints, and signed deliveries of its events with
 * retries. Signing follows the common `t=<unix seconds>,v1=<hex HMAC-SHA256
 * of "<t>.<body>">` scheme, so receivers can check freshness and integrity.
 *
 * Endpoint secrets are needed to sign, so they cannot be hashed; they are
 * encrypted at rest with AES-GCM under the configured key.
 *
 * @since 0.1.0
 */
import { hkdf } from "@noble/hashes/hkdf.js"
import { hmac } from "@noble/hashes/hmac.js"
import { sha256 } from "@noble/hashes/sha2.js"
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js"
import { Clock, Context, Effect, Layer, Option } from "effect"
import type { DomainEvent, EventType } from "../domain/Event.js"
import type { WebhookDelivery, WebhookEndpoint } from "../domain/Webhook.js"
import {
  InvalidInput,
  NotFound,
  type Forbidden,
  type StoreError,
  type Unauthorized,
} from "../Errors.js"
import { secureToken, uuidv7, type WebhookId } from "../Ids.js"
import { constantTimeEqual } from "../internal/crypto.js"
import { WebhookSender } from "../ports/WebhookSender.js"
import { WebhookStore } from "../ports/WebhookStore.js"
import type { Actor } from "./Actor.js"
import { authorize } from "./Permissions.js"

/** @since 0.1.0 @category models */
export interface WebhooksConfig {
  /** Key material (at least 32 characters) that endpoint secrets are encrypted under. */
  readonly encryptionKey: string
  /** Attempts before a delivery is given up. Default 10. */
  readonly maxAttempts?: number
}

/** An endpoint as its owner sees it: never the secret. @since 0.1.0 @category models */
export type EndpointView = Omit<WebhookEndpoint, "secret">

/** @since 0.1.0 @category models */
export interface WebhooksShape {
  readonly create: (
    actor: Actor,
    input: { readonly url: string; readonly events: ReadonlyArray<string> },
  ) => Effect.Effect<
    { readonly endpoint: EndpointView; readonly secret: string },
    InvalidInput | Forbidden | Unauthorized | StoreError
  >
  readonly list: (
    actor: Actor,
  ) => Effect.Effect<ReadonlyArray<EndpointView>, Forbidden | Unauthorized | StoreError>
  readonly update: (
    actor: Actor,
    id: WebhookId,
    patch: {
      readonly url?: string
      readonly events?: ReadonlyArray<string>
      readonly active?: boolean
    },
  ) => Effect.Effect<EndpointView, InvalidInput | NotFound | Forbidden | Unauthorized | StoreError>
  readonly remove: (
    actor: Actor,
    id: WebhookId,
  ) => Effect.Effect<void, NotFound | Forbidden | Unauthorized | StoreError>
  /** Replaces the signing secret; returns the new one, shown once. */
  readonly rotateSecret: (
    actor: Actor,
    id: WebhookId,
  ) => Effect.Effect<string, NotFound | Forbidden | Unauthorized | StoreError>
  readonly deliveries: (
    actor: Actor,
    id: WebhookId,
  ) => Effect.Effect<
    ReadonlyArray<WebhookDelivery>,
    NotFound | Forbidden | Unauthorized | StoreError
  >
  /** Sends what is due; returns how many were delivered. Run it from a job. */
  readonly deliverDue: (limit?: number) => Effect.Effect<number, StoreError, WebhookSender>
}

/** @since 0.1.0 @category tags */
export class Webhooks extends Context.Tag("@kommies/core/Webhooks")<Webhooks, WebhooksShape>() {}

const eventTypes: ReadonlySet<string> = new Set<EventType>([
  "comment.created",
  "comment.edited",
  "comment.deleted",
  "comment.approved",
  "comment.rejected",
  "comment.spam",
  "comment.reported",
  "vote.changed",
  "thread.locked",
  "thread.unlocked",
  "commenter.banned",
  "commenter.unbanned",
  "commenter.role",
])

const validUrl = (url: string) => {
  try {
    const parsed = new URL(url)
    if (
      (parsed.protocol === "https:" || parsed.protocol === "http:") &&
      url.length <= 2048 &&
      parsed.username === ""
    )
      return Effect.succeed(parsed.href)
  } catch {}
  return Effect.fail(
    new InvalidInput({ code: "webhook_url_invalid", message: "A webhook URL is an http(s) URL" }),
  )
}

const validEvents = (events: ReadonlyArray<string>) =>
  events.length > 0 && events.length <= 50 && events.every((e) => e === "*" || eventTypes.has(e))
    ? Effect.succeed([...new Set(events)])
    : Effect.fail(
        new InvalidInput({
          code: "webhook_events_invalid",
          message: "Name known event types, or *",
        }),
      )

/**
 * The `Kommies-Signature` header value for a body at a time.
 *
 * @since 0.1.0
 * @category signing
 */
export const sign = (secret: string, body: string, unixSeconds: number): string =>
  `t=${unixSeconds},v1=${bytesToHex(hmac(sha256, utf8ToBytes(secret), utf8ToBytes(`${unixSeconds}.${body}`)))}`

/**
 * Checks a `Kommies-Signature` header, for receivers: right secret, and not
 * older than `toleranceSeconds` (default 300). Compares in constant time.
 *
 * @since 0.1.0
 * @category signing
 * @example
 * Webhooks.verify(req.headers["kommies-signature"], rawBody, secret, Date.now() / 1000)
 */
export const verify = (
  header: string,
  body: string,
  secret: string,
  nowSeconds: number,
  toleranceSeconds = 300,
): boolean => {
  const parts = Object.fromEntries(
    header.split(",").map((p) => p.trim().split("=", 2) as [string, string]),
  )
  const t = Number(parts.t)
  if (
    !Number.isInteger(t) ||
    Math.abs(nowSeconds - t) > toleranceSeconds ||
    typeof parts.v1 !== "string"
  )
    return false
  return constantTimeEqual(sign(secret, body, t).split("v1=")[1] ?? "", parts.v1)
}

/**
 * Files a delivery for every active endpoint of the event's site that wants
 * it. Called for every event by `Events.emit` when a WebhookStore is present.
 *
 * @since 0.1.0
 * @category events
 */
export const enqueue = (event: DomainEvent): Effect.Effect<void, StoreError, WebhookStore> =>
  Effect.gen(function* () {
    const store = yield* WebhookStore
    const endpoints = (yield* store.list(event.siteId)).filter(
      (e) => e.active && (e.events.includes("*") || e.events.includes(event.type)),
    )
    if (endpoints.length === 0) return
    const payload = JSON.stringify({
      id: event.id,
      type: event.type,
      siteId: event.siteId,
      threadId: event.threadId,
      seq: event.seq,
      createdAt: event.createdAt,
      data: event.data,
    })
    for (const endpoint of endpoints)
      yield* store.insertDelivery({
        id: yield* uuidv7,
        siteId: event.siteId,
        endpointId: endpoint.id,
        eventId: event.id,
        eventType: event.type,
        payload,
        status: "pending",
        attempts: 0,
        nextAttemptAt: event.createdAt,
        lastError: null,
        createdAt: event.createdAt,
      })
  })

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes))
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0))

/** AES-GCM with a key derived from the configured material. */
const cipher = (material: string) => {
  const raw = hkdf(
    sha256,
    utf8ToBytes(material),
    utf8ToBytes("kommies"),
    utf8ToBytes("webhook-secrets"),
    32,
  )
  const key = globalThis.crypto.subtle.importKey("raw", raw, "AES-GCM", false, [
    "encrypt",
    "decrypt",
  ])
  return {
    encrypt: (plain: string) =>
      Effect.promise(async () => {
        const iv = globalThis.crypto.getRandomValues(new Uint8Array(12))
        const sealed = new Uint8Array(
          await globalThis.crypto.subtle.encrypt(
            { name: "AES-GCM", iv },
            await key,
            utf8ToBytes(plain),
          ),
        )
        return `v1.${toBase64(iv)}.${toBase64(sealed)}`
      }),
    decrypt: (stored: string) =>
      Effect.tryPromise(async () => {
        const [, iv, sealed] = stored.split(".")
        const plain = await globalThis.crypto.subtle.decrypt(
          { name: "AES-GCM", iv: fromBase64(iv ?? "") },
          await key,
          fromBase64(sealed ?? ""),
        )
        return new TextDecoder().decode(plain)
      }).pipe(Effect.option),
  }
}

const view = ({ secret: _secret, ...rest }: WebhookEndpoint): EndpointView => rest

/**
 * Builds the Webhooks service.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (config: WebhooksConfig): Effect.Effect<WebhooksShape, never, WebhookStore> =>
  Effect.gen(function* () {
    if (config.encryptionKey.length < 32)
      return yield* Effect.dieMessage("Webhooks: encryptionKey needs 32+ characters")
    const store = yield* WebhookStore
    const box = cipher(config.encryptionKey)
    const maxAttempts = config.maxAttempts ?? 10

    const owned = (actor: Actor, id: WebhookId) =>
      Effect.flatMap(authorize(actor, "webhooks.manage"), () => store.get(actor.siteId, id)).pipe(
        Effect.flatMap(
          Option.match({
            onNone: () =>
              Effect.fail(new NotFound({ code: "webhook_not_found", message: "No such webhook" })),
            onSome: Effect.succeed,
          }),
        ),
      )

    const deliverOne = (delivery: WebhookDelivery, now: number) =>
      Effect.gen(function* () {
        const endpoint = yield* store.get(delivery.siteId, delivery.endpointId)
        const secret = Option.isSome(endpoint)
          ? yield* box.decrypt(endpoint.value.secret)
          : Option.none()
        if (Option.isNone(endpoint) || !endpoint.value.active || Option.isNone(secret)) {
          yield* store.updateDelivery({
            ...delivery,
            status: "failed",
            lastError: "endpoint gone or inactive",
          })
          return false
        }
        const sender = yield* WebhookSender
        const result = yield* Effect.either(
          sender.send({
            url: endpoint.value.url,
            body: delivery.payload,
            headers: {
              "content-type": "application/json",
              "user-agent": "Kommies-Webhooks/1",
              "kommies-event": delivery.eventType,
              "kommies-delivery": delivery.id,
              "kommies-signature": sign(secret.value, delivery.payload, Math.floor(now / 1000)),
            },
          }),
        )
        const status = result._tag === "Right" ? result.right : 0
        if (status >= 200 && status < 300) {
          yield* store.updateDelivery({
            ...delivery,
            status: "delivered",
            attempts: delivery.attempts + 1,
            lastError: null,
          })
          return true
        }
        const attempts = delivery.attempts + 1
        const lastError = result._tag === "Left" ? result.left.message : `HTTP ${status}`
        yield* store.updateDelivery({
          ...delivery,
          attempts,
          lastError,
          status: attempts >= maxAttempts ? "failed" : "pending",
          nextAttemptAt: now + Math.min(30_000 * 2 ** (attempts - 1), 24 * 3_600_000),
        })
        return false
      })

    return {
      create: (actor, input) =>
        Effect.gen(function* () {
          yield* authorize(actor, "webhooks.manage")
          const url = yield* validUrl(input.url)
          const events = yield* validEvents(input.events)
          const secret = `whsec_${yield* secureToken(24)}`
          const endpoint: WebhookEndpoint = {
            id: (yield* uuidv7) as WebhookId,
            siteId: actor.siteId,
            url,
            secret: yield* box.encrypt(secret),
            events,
            active: true,
            createdAt: yield* Clock.currentTimeMillis,
          }
          yield* store.insert(endpoint)
          return { endpoint: view(endpoint), secret }
        }),
      list: (actor) =>
        Effect.flatMap(authorize(actor, "webhooks.manage"), () => store.list(actor.siteId)).pipe(
          Effect.map((all) => all.map(view)),
        ),
      update: (actor, id, patch) =>
        Effect.gen(function* () {
          const endpoint = yield* owned(actor, id)
          const next: WebhookEndpoint = {
            ...endpoint,
            ...(patch.url === undefined ? {} : { url: yield* validUrl(patch.url) }),
            ...(patch.events === undefined ? {} : { events: yield* validEvents(patch.events) }),
            ...(patch.active === undefined ? {} : { active: patch.active }),
          }
          yield* store.update(next)
          return view(next)
        }),
      remove: (actor, id) =>
        Effect.flatMap(owned(actor, id), () => store.remove(actor.siteId, id)).pipe(Effect.asVoid),
      rotateSecret: (actor, id) =>
        Effect.gen(function* () {
          const endpoint = yield* owned(actor, id)
          const secret = `whsec_${yield* secureToken(24)}`
          yield* store.update({ ...endpoint, secret: yield* box.encrypt(secret) })
          return secret
        }),
      deliveries: (actor, id) =>
        Effect.flatMap(owned(actor, id), () => store.listDeliveries(actor.siteId, id, 50)),
      deliverDue: (limit = 50) =>
        Effect.gen(function* () {
          const now = yield* Clock.currentTimeMillis
          const due = yield* store.dueDeliveries(now, limit)
          const sent = yield* Effect.forEach(due, (d) => deliverOne(d, now), { concurrency: 4 })
          return sent.filter(Boolean).length
        }),
    }
  })

/**
 * The Webhooks service as a Layer over the WebhookStore.
 *
 * @since 0.1.0
 * @category layers
 * @example
 * const WebhooksLive = Webhooks.layer({ encryptionKey: process.env.KOMMIES_WEBHOOK_KEY! })
 */
export const layer = (config: WebhooksConfig): Layer.Layer<Webhooks, never, WebhookStore> =>
  Layer.effect(Webhooks, make(config))
