/**
 * Random requests on every route (but the event stream): random path
 * segments, query parameters and bodies, as nobody, a moderator or the owner.
 * None may get a 5xx, and every error is problem+json.
 */
import fc from "fast-check"
import { afterAll, beforeAll, expect, it } from "vitest"
import { routes } from "../../src/http/Routes.js"
import { type Harness, harness } from "./support.js"

let h: Harness
let moderator = ""
beforeAll(async () => {
  h = await harness({ handler: { sso: { secret: "sso-secret-sso-secret-sso-secret-0123456789" } } })
  moderator = (await h.member("Mo", "moderator")).token
})
afterAll(async () => {
  await h.close()
})

const segment = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme" }),
  fc.constantFrom(
    "%FF",
    "%00",
    "..",
    "%2F",
    "x".repeat(700),
    "01900000-0000-7000-8000-000000000000",
  ),
)
const value = fc.jsonValue({ maxDepth: 4 })
const keys = fc.constantFrom(
  ...["body", "direction", "reason", "note", "ids", "email", "password", "displayName", "token"],
  ...["refreshToken", "challengeId", "code", "kind", "durationSeconds", "role", "name"],
  ...["allowedOrigins", "moderation", "maxDepth", "rateLimits", "parentId", "elapsedMs", "url"],
)
const params = fc.constantFrom(
  ...["sort", "limit", "cursor", "replies", "threads", "kind", "after", "before", "days", "month"],
)
const body = fc.oneof(
  fc.record({ json: fc.oneof(value, fc.dictionary(keys, value)) }),
  fc.record({ raw: fc.string({ unit: "binary" }) }),
)

it("fuzz – should never answer a random request with a 5xx", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...routes.filter((r) => !r.path.endsWith("/events"))),
      fc.array(segment, { minLength: 2, maxLength: 2 }),
      body,
      fc.constantFrom("nobody", "moderator", "owner"),
      fc.dictionary(params, fc.string()),
      async (route, segments, payload, who, query) => {
        let i = 0
        const path = route.path
          .split("/")
          .map((p) => (p.startsWith(":") ? encodeURIComponent(segments[i++] ?? "x") : p))
          .join("/")
        const search = new URLSearchParams(query).toString()
        const reply = await h.call(route.method, `${path}${search ? `?${search}` : ""}`, {
          ...(route.method === "GET"
            ? {}
            : "json" in payload
              ? { body: payload.json }
              : { raw: payload.raw, headers: { "content-type": "application/json" } }),
          ...(who === "moderator" ? { token: moderator } : {}),
          ...(who === "owner" ? { token: h.secretKey, key: null } : {}),
        })
        const label = `${route.method} ${path} → ${reply.status} ${reply.text.slice(0, 300)}`
        expect(reply.status, label).toBeLessThan(500)
        if (reply.status >= 400)
          expect(reply.headers.get("content-type"), label).toBe("application/problem+json")
      },
    ),
    { numRuns: 600 },
  )
}, 60_000)
