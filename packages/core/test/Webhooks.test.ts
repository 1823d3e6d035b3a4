import { createServer, type IncomingMessage } from "node:http"
import type { AddressInfo } from "node:net"
import { describe, expect, it } from "vitest"
import * as Kommies from "../src/Kommies.js"
import * as Webhooks from "../src/services/Webhooks.js"

interface Received {
  readonly headers: IncomingMessage["headers"]
  readonly body: string
}

/** A receiver on loopback that answers with the statuses given, then 200. */
const receiver = async (statuses: Array<number>) => {
  const received: Array<Received> = []
  const server = createServer((req, res) => {
    let body = ""
    req.on("data", (chunk) => {
      body += chunk
    })
    req.on("end", () => {
      received.push({ headers: req.headers, body })
      res.statusCode = statuses.shift() ?? 200
      res.end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    close: () => new Promise((r) => server.close(r)),
  }
}

const secret = "webhook-tests-secret-webhook-tests-secret"

describe("Webhooks", () => {
  it("deliverDue – should send signed events to subscribed endpoints and retry failures", async () => {
    const hook = await receiver([500])
    const kommies = Kommies.make({ tokens: { secret } })
    try {
      const { site } = await kommies.sites.create({
        name: "Hooked",
        settings: { minSubmitMillis: 0 },
      })
      const owner = kommies.actors.secretKey(site.id)
      const { endpoint, secret: signing } = await kommies.webhooks.create(owner, {
        url: hook.url,
        events: ["comment.created"],
      })
      expect(signing).toMatch(/^whsec_/)
      expect(JSON.stringify(await kommies.webhooks.list(owner))).not.toContain(signing)
      const alice = await kommies.actors.commenter(
        site.id,
        (await kommies.commenters.guest(site.id, { displayName: "Alice" })).id,
      )
      const comment = await kommies.comments.create(alice, { threadKey: "/p", body: "hello hooks" })
      await kommies.moderation.reject(owner, comment.id) // comment.rejected: not subscribed

      expect(await kommies.webhooks.deliverDue()).toBe(0) // the receiver answers 500 first
      const failed = await kommies.webhooks.deliveries(owner, endpoint.id)
      expect(failed).toMatchObject([{ status: "pending", attempts: 1, lastError: "HTTP 500" }])
      expect(await kommies.webhooks.deliverDue()).toBe(0) // not due yet: backoff
      expect(hook.received.length).toBe(1)

      const first = hook.received[0]!
      const payload = JSON.parse(first.body)
      expect(payload).toMatchObject({ type: "comment.created", siteId: site.id, seq: 1 })
      expect(payload.data.comment.id).toBe(comment.id)
      const header = String(first.headers["kommies-signature"])
      const now = Date.now() / 1000
      expect(Webhooks.verify(header, first.body, signing, now)).toBe(true)
      expect(Webhooks.verify(header, `${first.body} `, signing, now)).toBe(false)
      expect(Webhooks.verify(header, first.body, "whsec_wrong", now)).toBe(false)
      expect(Webhooks.verify(header, first.body, signing, now + 3600)).toBe(false)

      const rotated = await kommies.webhooks.rotateSecret(owner, endpoint.id)
      expect(rotated).not.toBe(signing)
      const admin = await kommies.actors.commenter(
        site.id,
        (await kommies.commenters.guest(site.id, { displayName: "Not owner" })).id,
      )
      await expect(kommies.webhooks.list(admin)).rejects.toMatchObject({ _tag: "Forbidden" })
      await expect(
        kommies.webhooks.create(owner, { url: "ftp://x", events: ["*"] }),
      ).rejects.toMatchObject({
        code: "webhook_url_invalid",
      })
      await expect(
        kommies.webhooks.create(owner, { url: hook.url, events: ["nope"] }),
      ).rejects.toMatchObject({
        code: "webhook_events_invalid",
      })
    } finally {
      await kommies.dispose()
      await hook.close()
    }
  })

  it("sign and verify – should agree and resist tampering", () => {
    const header = Webhooks.sign("s3cret", '{"a":1}', 1_700_000_000)
    expect(header).toMatch(/^t=1700000000,v1=[0-9a-f]{64}$/)
    expect(Webhooks.verify(header, '{"a":1}', "s3cret", 1_700_000_100)).toBe(true)
    expect(
      Webhooks.verify(
        header.replace("t=1700000000", "t=1700000001"),
        '{"a":1}',
        "s3cret",
        1_700_000_100,
      ),
    ).toBe(false)
    expect(Webhooks.verify("garbage", '{"a":1}', "s3cret", 1_700_000_100)).toBe(false)
  })
})
