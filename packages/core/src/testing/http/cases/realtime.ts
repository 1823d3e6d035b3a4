/**
 * Server-Sent Events through the host framework: live delivery with no
 * buffering, exact replay after `Last-Event-ID`, a client that leaves frees
 * its subscription, and disposing the API tells open streams to reconnect.
 */
import { expect } from "vitest"
import { type HttpGroup, should } from "../case.js"
import { eventually, freshThread, sse, threadPath } from "../client.js"

const retry = (e: { readonly event: string | null; readonly comment: string | null }) =>
  e.event === null && e.comment === null

export const realtime: HttpGroup = {
  name: "realtime (SSE)",
  cases: [
    should(
      "GET /threads/{key}/events – should deliver a comment posted while the stream is open",
      async (w) => {
        const ada = await w.api.guest("Ada")
        const thread = freshThread("live")
        const response = await w.api.fetch("GET", threadPath(thread, "events"))
        expect(response.status).toBe(200)
        expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/)
        expect(response.headers.get("cache-control")).toBe("no-cache")
        const stream = sse(response)
        try {
          await stream.next(retry)
          const posted = await w.api.post(ada.accessToken, thread, "live *one*")
          const event = await stream.next()
          expect(event).toMatchObject({ id: "1", event: "comment.created" })
          const data = JSON.parse(event?.data ?? "null")
          expect(data.comment.id).toBe(posted.id)
          expect(data.comment.html).toBe("<p>live <em>one</em></p>")
          const second = await w.api.post(ada.accessToken, thread, "two")
          const next = await stream.next()
          expect(next?.id).toBe("2")
          expect(JSON.parse(next?.data ?? "null").comment.id).toBe(second.id)
        } finally {
          await stream.cancel()
        }
      },
    ),

    should(
      "Last-Event-ID – should replay exactly the missed events on reconnect, then go live",
      async (w) => {
        const ada = await w.api.guest("Ada")
        const bob = await w.api.guest("Bob")
        const thread = freshThread("replay")
        const first = sse(await w.api.fetch("GET", threadPath(thread, "events")))
        await first.next(retry)
        const one = await w.api.post(ada.accessToken, thread, "one")
        expect((await first.next())?.id).toBe("1")
        await first.cancel()
        // missed while away: a comment, a vote, another comment
        await w.api.post(bob.accessToken, thread, "two")
        await w.api.call("POST", `/comments/${one.id}/vote`, {
          token: bob.accessToken,
          json: { direction: "up" },
        })
        await w.api.post(ada.accessToken, thread, "four")
        const again = sse(
          await w.api.fetch("GET", threadPath(thread, "events"), {
            headers: { "last-event-id": "1" },
          }),
        )
        try {
          const replayed = [await again.next(), await again.next(), await again.next()]
          expect(replayed.map((e) => [e?.id, e?.event])).toEqual([
            ["2", "comment.created"],
            ["3", "vote.changed"],
            ["4", "comment.created"],
          ])
          expect(await again.drain(100)).toEqual([])
          await w.api.post(ada.accessToken, thread, "five")
          expect((await again.next())?.id).toBe("5")
        } finally {
          await again.cancel()
        }
        const byQuery = sse(
          await w.api.fetch("GET", `${threadPath(thread, "events")}?lastEventId=4`),
        )
        try {
          expect((await byQuery.next())?.id).toBe("5")
        } finally {
          await byQuery.cancel()
        }
      },
    ),

    should(
      "client abort – should free the stream's subscription when the client leaves",
      async (w) => {
        const ada = await w.api.guest("Ada")
        const thread = freshThread("abort")
        const { threadId } = await w.api.post(ada.accessToken, thread, "exists")
        const aborter = new AbortController()
        const aborted = sse(
          await w.api.fetch("GET", threadPath(thread, "events"), { signal: aborter.signal }),
        )
        const cancelled = sse(await w.api.fetch("GET", threadPath(thread, "events")))
        await aborted.next(retry)
        await cancelled.next(retry)
        expect(w.subscriptions(threadId)).toBe(2)
        aborter.abort()
        expect(await eventually(() => w.subscriptions(threadId) === 1)).toBe(true)
        await cancelled.cancel()
        expect(await eventually(() => w.subscriptions(threadId) === 0)).toBe(true)
        // and the server goes on serving
        expect((await w.api.call("GET", "/health", { key: false })).status).toBe(200)
      },
    ),

    should(
      "dispose – should end open streams with event: reconnect",
      async (w) => {
        const thread = freshThread("dispose")
        const stream = sse(await w.api.fetch("GET", threadPath(thread, "events")))
        await stream.next(retry)
        await w.instance.dispose()
        expect((await stream.next())?.event).toBe("reconnect")
        expect(await stream.next()).toBeNull()
      },
      { ownWorld: true },
    ),
  ],
}
