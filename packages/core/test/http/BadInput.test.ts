/**
 * Malformed requests across routes: each gets a 4xx problem+json with a
 * stable code, never a 5xx, and writes nothing.
 */
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { CommenterStore } from "../../src/ports/CommenterStore.js"
import { type Harness, harness } from "./support.js"

type Who = "ann" | "mod" | "owner" | "none"

interface Case {
  readonly name: string
  readonly method: string
  /** `{c}` is Ann's comment id, `{ann}` Ann's commenter id. */
  readonly path: string
  readonly who?: Who
  readonly body?: unknown
  readonly raw?: string | Uint8Array
  readonly headers?: Record<string, string>
  readonly key?: string | null
  readonly status: number
  readonly code?: string
}

const json = { "content-type": "application/json" }
const nested = `{"body":${"[".repeat(5_000)}${"]".repeat(5_000)}}`

const cases: ReadonlyArray<Case> = [
  // Bodies that are not what the route reads.
  {
    name: "malformed JSON",
    method: "POST",
    path: "/threads/t/comments",
    who: "ann",
    raw: '{"body": "x"',
    headers: json,
    status: 400,
    code: "malformed_json",
  },
  {
    name: "trailing garbage after JSON",
    method: "POST",
    path: "/threads/t/comments",
    who: "ann",
    raw: '{"body":"x"} extra',
    headers: json,
    status: 400,
    code: "malformed_json",
  },
  {
    name: "wrong content type",
    method: "POST",
    path: "/threads/t/comments",
    who: "ann",
    raw: "body=x",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    status: 415,
    code: "unsupported_media_type",
  },
  {
    name: "no content type",
    method: "POST",
    path: "/threads/t/comments",
    who: "ann",
    raw: '{"body":"x"}',
    status: 415,
    code: "unsupported_media_type",
  },
  {
    name: "array body",
    method: "POST",
    path: "/threads/t/comments",
    who: "ann",
    body: ["x"],
    status: 400,
    code: "bad_request",
  },
  {
    name: "string body",
    method: "POST",
    path: "/threads/t/comments",
    who: "ann",
    body: "x",
    status: 400,
    code: "bad_request",
  },
  {
    name: "null body",
    method: "POST",
    path: "/threads/t/comments",
    who: "ann",
    body: null,
    status: 400,
    code: "bad_request",
  },
  {
    name: "empty body",
    method: "POST",
    path: "/threads/t/comments",
    who: "ann",
    raw: "",
    headers: json,
    status: 400,
    code: "bad_request",
  },
  {
    name: "missing field",
    method: "POST",
    path: "/threads/t/comments",
    who: "ann",
    body: {},
    status: 400,
    code: "bad_request",
  },
  {
    name: "wrong type",
    method: "POST",
    path: "/threads/t/comments",
    who: "ann",
    body: { body: 42 },
    status: 400,
    code: "bad_request",
  },
  {
    name: "unknown key",
    method: "POST",
    path: "/threads/t/comments",
    who: "ann",
    body: { body: "x", status: "approved" },
    status: 400,
    code: "bad_request",
  },
  {
    name: "__proto__ key",
    method: "POST",
    path: "/threads/t/comments",
    who: "ann",
    raw: '{"body":"x","__proto__":{"admin":true}}',
    headers: json,
    status: 400,
    code: "bad_request",
  },
  {
    name: "deeply nested value",
    method: "POST",
    path: "/threads/t/comments",
    who: "ann",
    raw: nested,
    headers: json,
    status: 400,
    code: "json_too_deep",
  },
  {
    name: "body over the size limit",
    method: "POST",
    path: "/threads/t/comments",
    who: "ann",
    body: { body: "x".repeat(70_000) },
    status: 413,
    code: "body_too_large",
  },
  {
    name: "bad UTF-8 in the body",
    method: "POST",
    path: "/threads/t/comments",
    who: "ann",
    raw: new Uint8Array([
      0x7b, 0x22, 0x62, 0x6f, 0x64, 0x79, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d,
    ]),
    headers: json,
    status: 400,
    code: "bad_encoding",
  },
  {
    name: "blank comment",
    method: "POST",
    path: "/threads/t/comments",
    who: "ann",
    body: { body: "   \n " },
    status: 422,
    code: "body_empty",
  },
  {
    name: "comment over the site's length",
    method: "POST",
    path: "/threads/t/comments",
    who: "ann",
    body: { body: "y".repeat(10_001) },
    status: 422,
    code: "body_too_long",
  },
  {
    name: "unknown parent",
    method: "POST",
    path: "/threads/t/comments",
    who: "ann",
    body: { body: "x", parentId: "01900000-0000-7000-8000-000000000000" },
    status: 422,
    code: "parent_invalid",
  },
  {
    name: "parent of the wrong type",
    method: "POST",
    path: "/threads/t/comments",
    who: "ann",
    body: { body: "x", parentId: 7 },
    status: 400,
    code: "bad_request",
  },
  {
    name: "negative elapsedMs",
    method: "POST",
    path: "/threads/t/comments",
    who: "ann",
    body: { body: "x", elapsedMs: -1 },
    status: 400,
    code: "bad_request",
  },
  {
    name: "infinite elapsedMs",
    method: "POST",
    path: "/threads/t/comments",
    who: "ann",
    raw: '{"body":"x","elapsedMs":1e400}',
    headers: json,
    status: 400,
    code: "bad_request",
  },
  {
    name: "honeypot over its length",
    method: "POST",
    path: "/threads/t/comments",
    who: "ann",
    body: { body: "x", honeypot: "h".repeat(1_001) },
    status: 400,
    code: "bad_request",
  },
  {
    name: "control character in the thread key",
    method: "POST",
    path: "/threads/a%00b/comments",
    who: "ann",
    body: { body: "x" },
    status: 400,
    code: "thread_key_invalid",
  },
  {
    name: "thread key over 512 characters",
    method: "POST",
    path: `/threads/${"k".repeat(600)}/comments`,
    who: "ann",
    body: { body: "x" },
    status: 400,
    code: "thread_key_invalid",
  },
  {
    name: "bad UTF-8 in the path",
    method: "POST",
    path: "/threads/%FF%FE/comments",
    who: "ann",
    body: { body: "x" },
    status: 400,
    code: "bad_encoding",
  },
  {
    name: "broken percent-encoding in the query",
    method: "GET",
    path: "/threads/t/comments?cursor=%E0%A4%A",
    status: 400,
    code: "bad_encoding",
  },
  // Query parameters.
  {
    name: "limit 0",
    method: "GET",
    path: "/threads/t/comments?limit=0",
    status: 400,
    code: "bad_request",
  },
  {
    name: "limit not a number",
    method: "GET",
    path: "/threads/t/comments?limit=ten",
    status: 400,
    code: "bad_request",
  },
  {
    name: "limit not an integer",
    method: "GET",
    path: "/threads/t/comments?limit=1.5",
    status: 400,
    code: "bad_request",
  },
  {
    name: "unknown sort",
    method: "GET",
    path: "/threads/t/comments?sort=random",
    status: 400,
    code: "bad_request",
  },
  {
    name: "garbage cursor",
    method: "GET",
    path: "/threads/t/comments?cursor=!!!not-a-cursor",
    status: 400,
    code: "cursor_invalid",
  },
  {
    name: "base64 that is not a cursor",
    method: "GET",
    path: "/threads/t/comments?cursor=eyJ2IjoyfQ",
    status: 400,
    code: "cursor_invalid",
  },
  {
    name: "too many inline replies",
    method: "GET",
    path: "/threads/t/comments?replies=99",
    status: 400,
    code: "bad_request",
  },
  {
    name: "counts without threads",
    method: "GET",
    path: "/counts",
    status: 400,
    code: "bad_request",
  },
  {
    name: "counts of too many threads",
    method: "GET",
    path: `/counts?threads=${Array.from({ length: 201 }, (_, i) => `p${i}`).join(",")}`,
    status: 400,
    code: "too_many_threads",
  },
  {
    name: "negative Last-Event-ID",
    method: "GET",
    path: "/threads/t/events",
    headers: { "last-event-id": "-1" },
    status: 400,
    code: "bad_request",
  },
  {
    name: "queue kind unknown",
    method: "GET",
    path: "/moderation/queue?kind=everything",
    who: "mod",
    status: 400,
    code: "bad_request",
  },
  {
    name: "analytics of 0 days",
    method: "GET",
    path: "/site/analytics?days=0",
    who: "owner",
    status: 400,
    code: "bad_request",
  },
  {
    name: "usage of month 13",
    method: "GET",
    path: "/site/usage?month=2025-13",
    who: "owner",
    status: 400,
    code: "bad_request",
  },
  // Paths, methods, credentials.
  {
    name: "unknown comment",
    method: "GET",
    path: "/comments/01900000-0000-7000-8000-000000000000",
    status: 404,
    code: "comment_not_found",
  },
  {
    name: "comment id over 64 characters",
    method: "GET",
    path: `/comments/${"9".repeat(65)}`,
    status: 400,
    code: "bad_request",
  },
  { name: "unknown route", method: "GET", path: "/wp-admin", status: 404, code: "not_found" },
  {
    name: "wrong method",
    method: "PUT",
    path: "/threads/t/comments",
    who: "ann",
    body: { body: "x" },
    status: 405,
    code: "method_not_allowed",
  },
  {
    name: "key of no site",
    method: "GET",
    path: "/threads/t/comments",
    key: "kp_nosuchsite0000",
    status: 401,
    code: "key_invalid",
  },
  {
    name: "malformed key",
    method: "GET",
    path: "/threads/t/comments",
    key: "hello",
    status: 401,
    code: "key_invalid",
  },
  {
    name: "no key",
    method: "GET",
    path: "/threads/t/comments",
    key: null,
    status: 401,
    code: "key_required",
  },
  {
    name: "Basic authorization",
    method: "POST",
    path: "/threads/t/comments",
    headers: { authorization: "Basic YTpi" },
    body: { body: "x" },
    status: 401,
    code: "authorization_invalid",
  },
  {
    name: "forged access token",
    method: "POST",
    path: "/threads/t/comments",
    headers: { authorization: "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0." },
    body: { body: "x" },
    status: 401,
  },
  {
    name: "forged secret key",
    method: "GET",
    path: "/site",
    headers: { authorization: "Bearer ks_abcdef.abcdefghijklmnopqrstuvwxyz" },
    key: null,
    status: 401,
    code: "key_invalid",
  },
  // Other routes' bodies.
  {
    name: "edit to nothing",
    method: "PATCH",
    path: "/comments/{c}",
    who: "ann",
    body: { body: "" },
    status: 422,
    code: "body_empty",
  },
  {
    name: "edit with the wrong key",
    method: "PATCH",
    path: "/comments/{c}",
    who: "ann",
    body: { text: "x" },
    status: 400,
    code: "bad_request",
  },
  {
    name: "vote sideways",
    method: "POST",
    path: "/comments/{c}/vote",
    who: "mod",
    body: { direction: "sideways" },
    status: 400,
    code: "bad_request",
  },
  {
    name: "vote with an extra key",
    method: "POST",
    path: "/comments/{c}/vote",
    who: "mod",
    body: { direction: "up", weight: 10 },
    status: 400,
    code: "bad_request",
  },
  {
    name: "vote anonymously",
    method: "POST",
    path: "/comments/{c}/vote",
    body: { direction: "up" },
    status: 401,
    code: "sign_in_required",
  },
  {
    name: "report with an unknown reason",
    method: "POST",
    path: "/comments/{c}/report",
    who: "mod",
    body: { reason: "because" },
    status: 400,
    code: "bad_request",
  },
  {
    name: "report note too long",
    method: "POST",
    path: "/comments/{c}/report",
    who: "mod",
    body: { reason: "other", note: "n".repeat(1_001) },
    status: 400,
    code: "bad_request",
  },
  {
    name: "preview of a number",
    method: "POST",
    path: "/preview",
    body: { body: 1 },
    status: 400,
    code: "bad_request",
  },
  {
    name: "mark read with ids as a string",
    method: "POST",
    path: "/notifications/read",
    who: "ann",
    body: { ids: "all" },
    status: 400,
    code: "bad_request",
  },
  {
    name: "guest without a name",
    method: "POST",
    path: "/auth/guest",
    body: { displayName: " " },
    status: 422,
    code: "name_invalid",
  },
  {
    name: "guest asking for a role",
    method: "POST",
    path: "/auth/guest",
    body: { displayName: "Eve", role: "owner" },
    status: 400,
    code: "bad_request",
  },
  {
    name: "register with no email",
    method: "POST",
    path: "/auth/register",
    body: { email: "nope", displayName: "Eve", password: "long enough password" },
    status: 422,
    code: "email_invalid",
  },
  {
    name: "register without a password",
    method: "POST",
    path: "/auth/register",
    body: { email: "eve@example.com", displayName: "Eve" },
    status: 400,
    code: "bad_request",
  },
  {
    name: "login with wrong types",
    method: "POST",
    path: "/auth/login",
    body: { email: 1, password: [] },
    status: 400,
    code: "bad_request",
  },
  {
    name: "verify a made-up challenge",
    method: "POST",
    path: "/auth/verify",
    body: { challengeId: "made-up", code: "123456" },
    status: 401,
    code: "code_invalid",
  },
  {
    name: "refresh with garbage",
    method: "POST",
    path: "/auth/refresh",
    body: { refreshToken: "garbage" },
    status: 401,
  },
  {
    name: "sso when not configured",
    method: "POST",
    path: "/auth/sso",
    body: { token: "x.y.z" },
    status: 404,
    code: "sso_disabled",
  },
  {
    name: "ban of an unknown kind",
    method: "POST",
    path: "/commenters/{ann}/ban",
    who: "mod",
    body: { kind: "forever" },
    status: 400,
    code: "bad_request",
  },
  {
    name: "ban for negative seconds",
    method: "POST",
    path: "/commenters/{ann}/ban",
    who: "mod",
    body: { durationSeconds: -5 },
    status: 400,
    code: "bad_request",
  },
  {
    name: "role anonymous",
    method: "PUT",
    path: "/commenters/{ann}/role",
    who: "owner",
    body: { role: "anonymous" },
    status: 400,
    code: "bad_request",
  },
  {
    name: "role god",
    method: "PUT",
    path: "/commenters/{ann}/role",
    who: "owner",
    body: { role: "god" },
    status: 400,
    code: "bad_request",
  },
  {
    name: "settings out of range",
    method: "PATCH",
    path: "/site/settings",
    who: "owner",
    body: { maxDepth: 99 },
    status: 400,
    code: "bad_request",
  },
  {
    name: "settings with an unknown key",
    method: "PATCH",
    path: "/site/settings",
    who: "owner",
    body: { darkMode: true },
    status: 400,
    code: "bad_request",
  },
  {
    name: "settings with half the rate limits",
    method: "PATCH",
    path: "/site/settings",
    who: "owner",
    body: { rateLimits: { anonymousPerMinute: 1 } },
    status: 400,
    code: "bad_request",
  },
  {
    name: "origin that is no origin",
    method: "PATCH",
    path: "/site",
    who: "owner",
    body: { allowedOrigins: ["javascript:alert(1)"] },
    status: 422,
    code: "origin_invalid",
  },
  {
    name: "site without a name",
    method: "PATCH",
    path: "/site",
    who: "owner",
    body: { name: "" },
    status: 422,
    code: "name_invalid",
  },
  {
    name: "rotate a private key",
    method: "POST",
    path: "/site/keys/private/rotate",
    who: "owner",
    status: 400,
    code: "bad_request",
  },
]

let h: Harness
let tokens: Record<Who, string | undefined>
let ids: { c: string; ann: string }

/** What a malformed request must not change. */
const snapshot = async () => {
  const owner = { token: h.secretKey, key: null }
  const commenters = await h.kommies.run(
    Effect.flatMap(CommenterStore, (s) => s.listTop(h.site.id, 1_000)),
  )
  return JSON.stringify({
    counts: (await h.call("GET", "/counts?threads=t,k,a%00b", owner)).body,
    page: (await h.call("GET", "/threads/t/comments?sort=old&limit=100", owner)).body,
    queue: (await h.call("GET", "/moderation/queue?kind=reported", owner)).body,
    audit: (await h.call("GET", "/site/audit", owner)).body,
    site: (await h.call("GET", "/site", owner)).body,
    notifications: (await h.call("GET", "/notifications", { token: tokens.ann! })).body,
    bans: await h.kommies.moderation.bans(h.kommies.actors.secretKey(h.site.id)),
    commenters: commenters.map((c) => [c.id, c.role, c.displayName]),
  })
}

beforeAll(async () => {
  h = await harness()
  const ann = await h.member("Ann")
  const mod = await h.member("Mo", "moderator")
  tokens = { ann: ann.token, mod: mod.token, owner: h.secretKey, none: undefined }
  const c = await h.post(ann.token, "t", "The one comment")
  ids = { c: c.id, ann: ann.id }
})
afterAll(async () => {
  await h.close()
})

describe("HTTP bad input", () => {
  it("table – should hold at least 40 malformed requests", () => {
    expect(cases.length).toBeGreaterThanOrEqual(40)
  })

  it.each(cases.map((c) => [c.name, c] as const))(
    "%s – should get a 4xx problem and write nothing",
    async (_, c) => {
      const before = await snapshot()
      const token = tokens[c.who ?? "none"]
      const path = c.path.replace("{c}", ids.c).replace("{ann}", ids.ann)
      const reply = await h.call(c.method, path, {
        ...(token === undefined ? {} : { token }),
        ...(c.body === undefined ? {} : { body: c.body }),
        ...(c.raw === undefined ? {} : { raw: c.raw }),
        ...(c.headers === undefined ? {} : { headers: c.headers }),
        ...(c.key === undefined ? (c.who === "owner" ? { key: null } : {}) : { key: c.key }),
      })
      expect(reply.status, reply.text).toBe(c.status)
      expect(reply.status).toBeGreaterThanOrEqual(400)
      expect(reply.status).toBeLessThan(500)
      expect(reply.headers.get("content-type")).toBe("application/problem+json")
      expect(reply.body).toMatchObject({
        status: c.status,
        type: expect.stringMatching(/^urn:kommies:problem:/),
      })
      expect(typeof reply.body.code).toBe("string")
      expect(typeof reply.body.detail).toBe("string")
      if (c.code !== undefined) expect(reply.body.code).toBe(c.code)
      expect(await snapshot()).toBe(before)
    },
  )
})
