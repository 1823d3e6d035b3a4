/**
 * Prometheus metrics of one server, on a registry of its own (two servers in
 * one process, as in tests, never share counters): requests by route, method
 * and status, their durations, open event streams and WebSockets, and the
 * process metrics of prom-client.
 *
 * @since 0.1.0
 */
import type { FastifyInstance } from "fastify"
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client"

/** The registry and the instruments other parts update. */
export interface Metrics {
  readonly registry: Registry
  readonly openWebSockets: Gauge
  readonly openEventStreams: Gauge
}

/** Creates the registry and its instruments. */
export const makeMetrics = (): Metrics => {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry })
  return {
    registry,
    openWebSockets: new Gauge({
      name: "kommies_websockets_open",
      help: "WebSocket connections open on this process",
      registers: [registry],
    }),
    openEventStreams: new Gauge({
      name: "kommies_event_streams_open",
      help: "Server-Sent Events streams (GET /api/threads/{key}/events) open on this process",
      registers: [registry],
    }),
  }
}

/**
 * A route label with bounded cardinality. Fastify's route pattern where it has
 * one; the API is one catch-all route in Fastify, so its paths are reduced
 * here: ids and thread keys become placeholders.
 */
export const routeLabel = (pattern: string | undefined, path: string, status: number): string => {
  if (pattern !== undefined && pattern !== "" && !pattern.endsWith("*")) return pattern
  if (!path.startsWith("/api/") && path !== "/api")
    return status === 404 ? "(unmatched)" : (pattern ?? "(unmatched)")
  const parts = path.split("?")[0]!.split("/").slice(2)
  const out: Array<string> = []
  for (let i = 0; i < parts.length && i < 4; i++) {
    const part = parts[i]!
    const previous = parts[i - 1]
    if (previous === "threads") out.push(":key")
    else if (previous === "comments" || previous === "commenters" || previous === "sites")
      out.push(":id")
    else if (previous === "oauth") out.push(":provider")
    else if (/^[a-z-]{1,24}$/.test(part)) out.push(part)
    else out.push(":param")
  }
  return `/api/${out.join("/")}`
}

/**
 * Counts every request and its duration, hijacked API replies included (they
 * skip Fastify's reply hooks, so the raw response's `finish`/`close` is used).
 */
export const instrument = (app: FastifyInstance, metrics: Metrics): void => {
  const requests = new Counter({
    name: "kommies_http_requests_total",
    help: "HTTP requests answered, by route, method and status",
    labelNames: ["route", "method", "status"],
    registers: [metrics.registry],
  })
  const durations = new Histogram({
    name: "kommies_http_request_duration_seconds",
    help: "Time from request to the end of the response, by route, method and status (event streams excluded)",
    labelNames: ["route", "method", "status"],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [metrics.registry],
  })
  app.addHook("onRequest", (request, reply, done) => {
    const started = performance.now()
    const path = request.url
    const stream = request.method === "GET" && /^\/api\/threads\/[^/?]+\/events(\?|$)/.test(path)
    if (stream) metrics.openEventStreams.inc()
    let counted = false
    const count = () => {
      if (counted) return
      counted = true
      if (stream) metrics.openEventStreams.dec()
      const status = reply.raw.statusCode
      const labels = {
        route: routeLabel(request.routeOptions.url, path, status),
        method: request.method,
        status: String(status),
      }
      requests.inc(labels)
      if (!stream) durations.observe(labels, (performance.now() - started) / 1000)
    }
    reply.raw.once("finish", count)
    reply.raw.once("close", count)
    done()
  })
}
