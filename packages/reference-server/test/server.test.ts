import { existsSync, readdirSync } from "node:fs"
import { createRequire } from "node:module"
import { dirname, join } from "node:path"
import { describe, expect, it } from "vitest"
import { demoKey, postComment, start, threadBodies } from "./support/servers.js"

describe("startServer (memory stores)", async () => {
  const server = await start()

  it("/health – should answer ok", async () => {
    const response = await fetch(`${server.url}/health`)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ status: "ok" })
  })

  it("/ready – should be ready once started", async () => {
    const response = await fetch(`${server.url}/ready`)
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ status: "ready", checks: { database: "ok" } })
  })

  it("request ids – should echo a sane incoming id and pass it to the API", async () => {
    const page = await fetch(`${server.url}/health`, { headers: { "x-request-id": "abc-123" } })
    expect(page.headers.get("x-request-id")).toBe("abc-123")
    const api = await fetch(`${server.url}/api/health`, { headers: { "x-request-id": "abc-456" } })
    expect(api.headers.get("x-request-id")).toBe("abc-456")
    const insane = await fetch(`${server.url}/health`, { headers: { "x-request-id": "a b<c>" } })
    const generated = insane.headers.get("x-request-id")
    expect(generated).toMatch(/^[A-Za-z0-9_-]{8,}$/)
  })

  it("security headers – should send a CSP that allows only this server's scripts", async () => {
    const response = await fetch(`${server.url}/`)
    const csp = response.headers.get("content-security-policy") ?? ""
    expect(csp).toContain("script-src 'self'")
    expect(csp).toContain("object-src 'none'")
    expect(response.headers.get("x-content-type-options")).toBe("nosniff")
  })

  it("/demo – should embed comments on the demo site's public key, and embed.js is loadable cross-origin", async () => {
    const key = await demoKey(server)
    expect(key).toMatch(/^kp_/)
    const embed = await fetch(`${server.url}/embed.js`)
    expect(embed.status).toBe(200)
    expect(embed.headers.get("content-type")).toContain("javascript")
    expect(embed.headers.get("cross-origin-resource-policy")).toBe("cross-origin")
    expect((await fetch(`${server.url}/locales/de.js`)).status).toBe(200)
    // the parts embed.js loads beside itself
    const parts = readdirSync(
      dirname(createRequire(import.meta.url).resolve("@kommies/widget-solid/embed.js")),
    ).filter((name) => /^embed-.*\.js$/.test(name))
    expect(parts.length).toBeGreaterThan(0)
    for (const part of parts) expect((await fetch(`${server.url}/${part}`)).status).toBe(200)
    expect((await fetch(`${server.url}/locales/..%2Fembed.js`)).status).toBe(404)
  })

  it("/api – should serve the comments API (also under /kommies, embed.js's default)", async () => {
    const key = await demoKey(server)
    await postComment(server.url, key, "/post/1", "Hello from the API", server.app.publicUrl)
    expect(await threadBodies(server.url, key, "/post/1")).toEqual(["<p>Hello from the API</p>"])
    const alias = await fetch(`${server.url}/kommies/threads/%2Fpost%2F1/comments?key=${key}`)
    expect(alias.status).toBe(200)
  })

  it("/docs – should redirect to the API docs", async () => {
    const response = await fetch(`${server.url}/docs`, { redirect: "manual" })
    expect(response.status).toBe(302)
    expect(response.headers.get("location")).toBe("/api/docs")
    const docs = await fetch(`${server.url}/api/docs`)
    expect(docs.status).toBe(200)
  })

  it("/metrics – should count requests by route, method and status", async () => {
    await fetch(`${server.url}/health`)
    const text = await (await fetch(`${server.url}/metrics`)).text()
    expect(text).toMatch(
      /kommies_http_requests_total\{route="\/health",method="GET",status="200"\} \d+/,
    )
    expect(text).toMatch(
      /kommies_http_requests_total\{route="\/api\/threads\/:key\/comments",method="POST",status="201"\}|route="\/api\/threads\/:key\/comments",method="POST"/,
    )
    expect(text).toContain("kommies_http_request_duration_seconds_bucket")
    expect(text).toContain("kommies_websockets_open 0")
    expect(text).toContain("process_cpu_user_seconds_total")
  })

  it("/dashboard – should mount the dashboard API and serve the app's index.html for client routes", async () => {
    const config = await fetch(`${server.url}/dashboard/api/config`)
    expect(config.status).toBe(200)
    expect(await config.json()).toMatchObject({ mode: "standalone", apiBase: "/api" })
    const route = await fetch(`${server.url}/dashboard/sites/123/moderation`)
    if (existsSync(join(import.meta.dirname, "..", "dist", "dashboard", "index.html"))) {
      expect(route.status).toBe(200)
      expect(route.headers.get("content-type")).toContain("text/html")
      expect(await route.text()).toContain("/dashboard/")
    } else {
      expect(route.status).toBe(503)
      expect(await route.text()).toContain("The dashboard is not built")
    }
    expect((await fetch(`${server.url}/dashboard/missing.js`)).status).toBe(404)
  })

  it("unknown paths – should answer 404", async () => {
    expect((await fetch(`${server.url}/nope`)).status).toBe(404)
    expect((await fetch(`${server.url}/dashboard/api/nope`)).status).toBe(404)
  })
})
