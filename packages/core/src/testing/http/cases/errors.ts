/**
 * Bad input through the host framework: every case is a 4xx, a problem+json
 * with a stable `code` whenever the API is the one reading the request, and
 * never a 5xx, whether or not a JSON body parser sits in front of the adapter.
 */
import { expect } from "vitest"
import { type HttpGroup, should } from "../case.js"
import { freshThread, type Reply, threadPath } from "../client.js"
import { maxBodyBytes, type World } from "../world.js"

const problem = (reply: Reply, status: number, code: string) => {
  expect(reply.status, reply.text).toBe(status)
  expect(reply.headers.get("content-type")).toBe("application/problem+json")
  expect(reply.body).toMatchObject({ status, code })
  expect(typeof reply.body.title).toBe("string")
  expect(typeof reply.body.detail).toBe("string")
  expect(reply.headers.get("x-request-id")).not.toBeNull()
}

/** A guest's token and a fresh thread's comments path. */
const poster = async (w: World, label: string) => {
  const ada = await w.api.guest("Ada")
  return { token: ada.accessToken, path: threadPath(freshThread(label), "comments") }
}

export const errors: HttpGroup = {
  name: "bad input",
  cases: [
    should(
      "malformed JSON – should answer 400 (problem+json when the API reads the body), never 5xx",
      async (w) => {
        const { token, path } = await poster(w, "malformed")
        for (const raw of ['{"body":', "{body: 'x'}", '{"body":"x"}}', "[1,"]) {
          const reply = await w.api.call("POST", path, {
            token,
            raw,
            headers: { "content-type": "application/json" },
          })
          // A host's own parser in front answers malformed JSON its own way.
          if (w.mountJsonParser) expect(reply.status, raw).toBe(400)
          else problem(reply, 400, "malformed_json")
        }
        const listed = await w.api.call("GET", path)
        expect(listed.body.comments).toEqual([])
      },
    ),

    should("unknown keys – should answer 400 problem+json and write nothing", async (w) => {
      const { token, path } = await poster(w, "unknown")
      problem(
        await w.api.call("POST", path, { token, json: { body: "hi", admin: true } }),
        400,
        "bad_request",
      )
      problem(
        await w.api.call("POST", "/auth/guest", { json: { displayName: "Ada", role: "owner" } }),
        400,
        "bad_request",
      )
      expect((await w.api.call("GET", path)).body.comments).toEqual([])
    }),

    should("wrong types – should answer 400 problem+json", async (w) => {
      const { token, path } = await poster(w, "types")
      problem(await w.api.call("POST", path, { token, json: { body: 42 } }), 400, "bad_request")
      problem(await w.api.call("POST", path, { token, json: ["body"] }), 400, "bad_request")
      // `null` is JSON, but a host's strict parser in front may refuse it its own way
      const nothing = await w.api.call("POST", path, { token, json: null })
      if (w.mountJsonParser) expect(nothing.status).toBe(400)
      else problem(nothing, 400, "bad_request")
      problem(await w.api.call("GET", `${path}?limit=lots`), 400, "bad_request")
      problem(await w.api.call("GET", `${path}?sort=sideways`), 400, "bad_request")
    }),

    should("bad cursor – should answer 400 problem+json", async (w) => {
      const { path } = await poster(w, "cursor")
      for (const cursor of ["garbage", "eyJub3QiOiJhIGN1cnNvciJ9", "%E2%9C%93"]) {
        const reply = await w.api.call("GET", `${path}?cursor=${cursor}`)
        expect(reply.status, cursor).toBe(400)
        expect(reply.headers.get("content-type")).toBe("application/problem+json")
      }
    }),

    should(
      "site key – should answer 401 problem+json without one or with an unknown one",
      async (w) => {
        const reply = await w.api.call("GET", threadPath(freshThread("nokey"), "comments"), {
          key: false,
        })
        problem(reply, 401, "key_required")
        problem(
          await w.api.call("GET", threadPath("x", "comments"), {
            key: false,
            headers: { "x-kommies-key": "kp_nope" },
          }),
          401,
          "key_invalid",
        )
      },
    ),

    should(
      "Content-Type – should answer 415 problem+json to a body that is not JSON",
      async (w) => {
        const { token, path } = await poster(w, "type")
        const reply = await w.api.call("POST", path, {
          token,
          raw: "body=hi",
          headers: { "content-type": "text/plain" },
        })
        problem(reply, 415, "unsupported_media_type")
      },
    ),

    should("body size – should answer 413 problem+json to JSON over the API's limit", async (w) => {
      const { token, path } = await poster(w, "limit")
      const body = "x".repeat(maxBodyBytes * 2)
      problem(await w.api.call("POST", path, { token, json: { body } }), 413, "body_too_large")
      expect((await w.api.call("GET", path)).body.comments).toEqual([])
    }),

    should("body size – should answer 413 to a huge body, never 5xx", async (w) => {
      const { token, path } = await poster(w, "huge")
      const reply = await w.api.call("POST", path, {
        token,
        raw: `{"body":"${"y".repeat(3 * 1024 * 1024)}"}`,
        headers: { "content-type": "application/json" },
      })
      expect(reply.status).toBe(413)
      if (!w.mountJsonParser) problem(reply, 413, "body_too_large")
      expect((await w.api.call("GET", "/health", { key: false })).status).toBe(200)
    }),
  ],
}
