/**
 * The widget's round trip through the host framework: sign in as a guest,
 * refresh, post, list (with ETag and 304), vote, edit and delete a comment.
 */
import { expect } from "vitest"
import { type HttpGroup, should } from "../case.js"
import { freshThread, threadPath } from "../client.js"

export const comments: HttpGroup = {
  name: "comments and sign-in",
  cases: [
    should("POST /auth/guest – should sign in a guest whom /auth/me knows", async (w) => {
      const signed = await w.api.call("POST", "/auth/guest", { json: { displayName: "Ada" } })
      expect(signed.status).toBe(200)
      expect(signed.body.commenter.displayName).toBe("Ada")
      expect(typeof signed.body.accessToken).toBe("string")
      const me = await w.api.call("GET", "/auth/me", { token: signed.body.accessToken })
      expect(me.status).toBe(200)
      expect(me.body).toMatchObject({ id: signed.body.commenter.id, origin: "guest" })
    }),

    should(
      "POST /auth/refresh – should rotate the refresh token and refuse the old one",
      async (w) => {
        const ada = await w.api.guest("Ada")
        const fresh = await w.api.call("POST", "/auth/refresh", {
          json: { refreshToken: ada.refreshToken },
        })
        expect(fresh.status).toBe(200)
        expect(fresh.body.refreshToken).not.toBe(ada.refreshToken)
        const me = await w.api.call("GET", "/auth/me", { token: fresh.body.accessToken })
        expect(me.body.id).toBe(ada.commenter.id)
        const reused = await w.api.call("POST", "/auth/refresh", {
          json: { refreshToken: ada.refreshToken },
        })
        expect(reused.status).toBe(401)
        expect(reused.headers.get("content-type")).toBe("application/problem+json")
      },
    ),

    should(
      "POST /threads/{key}/comments – should post as the guest, rendered and sanitized",
      async (w) => {
        const ada = await w.api.guest("Ada")
        const thread = freshThread("post")
        const reply = await w.api.call("POST", threadPath(thread, "comments"), {
          token: ada.accessToken,
          json: { body: "Hello *world* <script>alert(1)</script>" },
        })
        expect(reply.status).toBe(201)
        expect(reply.body.author.displayName).toBe("Ada")
        expect(reply.body.status).toBe("approved")
        expect(reply.body.html).toContain("<em>world</em>")
        expect(reply.body.html).not.toContain("<script")
      },
    ),

    should(
      "GET /threads/{key}/comments – should list what was posted, with an ETag and 304",
      async (w) => {
        const ada = await w.api.guest("Ada")
        const thread = freshThread("list")
        const first = await w.api.post(ada.accessToken, thread, "first")
        const second = await w.api.post(ada.accessToken, thread, "second")
        const listed = await w.api.call("GET", `${threadPath(thread, "comments")}?sort=old`)
        expect(listed.status).toBe(200)
        expect(listed.body.comments.map((c: { id: string }) => c.id)).toEqual([first.id, second.id])
        expect(listed.body.comments[0].html).toBe("<p>first</p>")
        const etag = listed.headers.get("etag")
        expect(etag).toMatch(/^W\/"/)
        expect(listed.headers.get("cache-control")).toContain("public")
        const again = await w.api.call("GET", `${threadPath(thread, "comments")}?sort=old`, {
          headers: { "if-none-match": etag ?? "" },
        })
        expect(again.status).toBe(304)
        expect(again.text).toBe("")
        const byQuery = await fetch(
          `${w.base}${threadPath(thread, "comments")}?sort=old&key=${w.publicKey}`,
        )
        expect(byQuery.status).toBe(200)
        expect(((await byQuery.json()) as { comments: Array<unknown> }).comments).toHaveLength(2)
      },
    ),

    should(
      "POST /comments/{id}/vote – should count a vote, and take it back on the same again",
      async (w) => {
        const ada = await w.api.guest("Ada")
        const bob = await w.api.guest("Bob")
        const thread = freshThread("vote")
        const comment = await w.api.post(ada.accessToken, thread, "vote on me")
        const path = `/comments/${comment.id}/vote`
        const up = await w.api.call("POST", path, {
          token: bob.accessToken,
          json: { direction: "up" },
        })
        expect(up.status).toBe(200)
        expect(up.body).toMatchObject({ myVote: "up", upvotes: 1, score: 1 })
        const listed = await w.api.call("GET", threadPath(thread, "comments"))
        expect(listed.body.comments[0].score).toBe(1)
        const back = await w.api.call("POST", path, {
          token: bob.accessToken,
          json: { direction: "up" },
        })
        expect(back.body).toMatchObject({ myVote: null, upvotes: 0, score: 0 })
        const anonymous = await w.api.call("POST", path, { json: { direction: "up" } })
        expect(anonymous.status).toBe(401)
      },
    ),

    should(
      "PATCH /comments/{id} – should edit the author's comment, and refuse another's",
      async (w) => {
        const ada = await w.api.guest("Ada")
        const bob = await w.api.guest("Bob")
        const comment = await w.api.post(ada.accessToken, freshThread("edit"), "draft")
        const edited = await w.api.call("PATCH", `/comments/${comment.id}`, {
          token: ada.accessToken,
          json: { body: "final **text**" },
        })
        expect(edited.status).toBe(200)
        expect(edited.body.html).toBe("<p>final <strong>text</strong></p>")
        const seen = await w.api.call("GET", `/comments/${comment.id}`)
        expect(seen.body.html).toBe("<p>final <strong>text</strong></p>")
        const theirs = await w.api.call("PATCH", `/comments/${comment.id}`, {
          token: bob.accessToken,
          json: { body: "mine now" },
        })
        expect(theirs.status).toBe(403)
        expect(theirs.headers.get("content-type")).toBe("application/problem+json")
      },
    ),

    should(
      "DELETE /comments/{id} – should delete the author's comment from the thread",
      async (w) => {
        const ada = await w.api.guest("Ada")
        const thread = freshThread("delete")
        const comment = await w.api.post(ada.accessToken, thread, "regret")
        const kept = await w.api.post(ada.accessToken, thread, "keep")
        const deleted = await w.api.call("DELETE", `/comments/${comment.id}`, {
          token: ada.accessToken,
        })
        expect(deleted.status).toBe(204)
        const listed = await w.api.call("GET", threadPath(thread, "comments"))
        expect(listed.body.comments.map((c: { id: string }) => c.id)).toEqual([kept.id])
      },
    ),
  ],
}
