/**
 * Operations routes and mounting: health and readiness, request ids, the
 * OpenAPI document and docs page under the mount prefix (written once, at the
 * adapter), and per-site CORS through the host framework.
 */
import { expect } from "vitest"
import { type HttpGroup, should } from "../case.js"
import { allowedOrigin, prefix } from "../world.js"

export const ops: HttpGroup = {
  name: "operations and mounting",
  cases: [
    should("GET /health – should answer 200 with X-Request-Id and X-Process-Time", async (w) => {
      const reply = await w.api.call("GET", "/health", { key: false })
      expect(reply.status).toBe(200)
      expect(reply.body).toEqual({ status: "ok" })
      expect(reply.headers.get("x-request-id")).toMatch(/^[A-Za-z0-9._:@/+=-]{1,128}$/)
      expect(Number(reply.headers.get("x-process-time"))).toBeGreaterThanOrEqual(0)
      const named = await w.api.call("GET", "/health", {
        key: false,
        headers: { "x-request-id": "conformance-42" },
      })
      expect(named.headers.get("x-request-id")).toBe("conformance-42")
    }),

    should("GET /ready – should answer 200 when the stores answer", async (w) => {
      const reply = await w.api.call("GET", "/ready", { key: false })
      expect(reply.status).toBe(200)
      expect(reply.body.status).toBe("ready")
    }),

    should("GET /openapi.json – should name the mount prefix as its server", async (w) => {
      const reply = await w.api.call("GET", "/openapi.json", { key: false })
      expect(reply.status).toBe(200)
      expect(reply.body.openapi).toBe("3.1.0")
      expect(reply.body.servers[0].url).toBe(prefix)
      expect(reply.body.paths["/threads/{key}/comments"]).toBeDefined()
    }),

    should("GET /docs – should link every page under the mount prefix", async (w) => {
      const reply = await w.api.call("GET", "/docs", { key: false })
      expect(reply.status).toBe(200)
      expect(reply.headers.get("content-type")).toMatch(/^text\/html/)
      expect(reply.text).toContain(`href="${prefix}/openapi.json"`)
      expect(reply.text).toContain(`href="${prefix}/health"`)
      const linked = [...reply.text.matchAll(/href="([^"]*)"/g)].map((m) => m[1] ?? "")
      expect(linked.length).toBeGreaterThan(1)
      for (const href of linked) expect(href.startsWith(`${prefix}/`), href).toBe(true)
    }),

    should("X-Forwarded-Prefix – should not let a client move the documents' links", async (w) => {
      const spoofed = { key: false, headers: { "x-forwarded-prefix": "/phish" } }
      const spec = await w.api.call("GET", "/openapi.json", spoofed)
      expect(spec.body.servers[0].url).toBe(prefix)
      const docs = await w.api.call("GET", "/docs", spoofed)
      expect(docs.text).not.toContain("/phish")
    }),

    should("unknown route – should answer 404 problem+json, and a wrong method 405", async (w) => {
      const missing = await w.api.call("GET", "/nowhere")
      expect(missing.status).toBe(404)
      expect(missing.headers.get("content-type")).toBe("application/problem+json")
      expect(missing.body.code).toBe("not_found")
      const wrong = await w.api.call("PUT", "/health", { key: false })
      expect(wrong.status).toBe(405)
      expect(wrong.body.code).toBe("method_not_allowed")
      expect(wrong.headers.get("allow")).toContain("GET")
    }),

    should("CORS – should allow the site's origins and refuse writes from others", async (w) => {
      const preflight = await w.api.call("OPTIONS", `/auth/guest?key=${w.publicKey}`, {
        key: false,
        headers: {
          origin: allowedOrigin,
          "access-control-request-method": "POST",
          "access-control-request-headers": "content-type",
        },
      })
      expect(preflight.status).toBe(204)
      expect(preflight.headers.get("access-control-allow-origin")).toBe(allowedOrigin)
      const allowed = await w.api.call("POST", "/auth/guest", {
        json: { displayName: "Ana" },
        headers: { origin: allowedOrigin },
      })
      expect(allowed.status).toBe(200)
      expect(allowed.headers.get("access-control-allow-origin")).toBe(allowedOrigin)
      expect(allowed.headers.get("vary")).toContain("Origin")
      const refused = await w.api.call("POST", "/auth/guest", {
        json: { displayName: "Eve" },
        headers: { origin: "https://evil.example" },
      })
      expect(refused.status).toBe(403)
      expect(refused.body.code).toBe("origin_forbidden")
      expect(refused.headers.get("access-control-allow-origin")).toBeNull()
    }),
  ],
}
