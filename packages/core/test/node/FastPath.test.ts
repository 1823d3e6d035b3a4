/**
 * The bridge's fast path over real sockets: the same API instance served with and
 * without it answers byte for byte and header for header alike.
 */
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeHandler } from "../../src/http.js"
import * as Kommies from "../../src/Kommies.js"
import { type FastPath, type NodeRequestInput, nodeHandler } from "../../src/node.js"
import { rawRequest } from "./support.js"

const kommies = Kommies.make({ tokens: { secret: "fast-path-secret-fast-path-secret-0123" } })
const instance = makeHandler({ kommies, rateLimits: false })
let key = ""
let answered = 0
const counting: FastPath = (request) => {
  const answer = instance.fastPath(request)
  const count = (a: unknown) => {
    if (a !== null) answered++
    return a
  }
  return answer instanceof Promise ? answer.then(count as never) : (count(answer) as never)
}
const closers: Array<() => void> = []

const listen = async (
  fast: boolean,
  input: () => NodeRequestInput<{ id: string; name: string }> = () => ({}),
) => {
  const serve = nodeHandler(instance.handler, {
    prefix: "/kommies",
    ...(fast ? { fastPath: counting } : {}),
  })
  const server = createServer((req, res) => void serve(req, res, input()))
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  closers.push(() => {
    server.closeAllConnections()
    server.close()
  })
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/kommies`
}

beforeAll(async () => {
  const { site } = await kommies.sites.create({ name: "Fast", settings: { minSubmitMillis: 0 } })
  key = site.publicKey
  const guest = await kommies.commenters.guest(site.id, { displayName: "Ann" })
  const actor = await kommies.actors.commenter(site.id, guest.id)
  for (let i = 0; i < 5; i++)
    await kommies.comments.create(actor, { threadKey: "/post/1", body: `Comment *${i}*` })
})

afterAll(async () => {
  for (const close of closers) close()
  await instance.dispose()
  await kommies.dispose()
})

const path = `/threads/${encodeURIComponent("/post/1")}/comments?limit=50`

describe("node bridge: fast path", () => {
  it("fast path – should write what the usual way writes, 200 and 304", async () => {
    const slow = await listen(false)
    const fast = await listen(true)
    const headers = { "x-kommies-key": key, "x-request-id": "bridge-1" }
    const expected = await rawRequest(`${slow}${path}`, { headers })
    const before = answered
    const got = await rawRequest(`${fast}${path}`, { headers })
    expect(answered).toBe(before + 1)
    const strip = (h: Record<string, unknown>) => {
      const { date: _, "x-process-time": __, ...rest } = h
      return rest
    }
    expect(got.status).toBe(200)
    expect(got.body).toBe(expected.body)
    expect(strip(got.headers)).toEqual(strip(expected.headers))
    const etag = { ...headers, "if-none-match": String(expected.headers.etag) }
    const expected304 = await rawRequest(`${slow}${path}`, { headers: etag })
    const got304 = await rawRequest(`${fast}${path}`, { headers: etag })
    expect(got304.status).toBe(304)
    expect(got304.body).toBe("")
    expect(strip(got304.headers)).toEqual(strip(expected304.headers))
  })

  it("identify – should ask the fast path only for callers the host does not name", async () => {
    let user: { id: string; name: string } | null = null
    const base = await listen(true, () => ({ identify: async () => user }))
    await fetch(`${base}${path}`, { headers: { "x-kommies-key": key } })
    const before = answered
    const anonymous = await fetch(`${base}${path}`, { headers: { "x-kommies-key": key } })
    expect(anonymous.headers.get("etag")).not.toBeNull()
    expect(answered).toBe(before + 1)
    user = { id: "u-1", name: "Hana" }
    const named = await fetch(`${base}${path}`, { headers: { "x-kommies-key": key } })
    expect(named.status).toBe(200)
    expect(named.headers.get("etag")).toBeNull()
    expect(named.headers.get("cache-control")).toBe("private, no-store")
    expect(answered).toBe(before + 1)
  })
})
