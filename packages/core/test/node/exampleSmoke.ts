/**
 * The smoke test of an example app (examples/<name>/server.mjs), run by each
 * adapter package: start it as `npm start` would (plain `node`, on a free port),
 * wait for the public key it prints, then use it as the page does (guest sign-in,
 * post, list, vote, live event), check that the scripts its page loads are
 * served, and stop it with SIGTERM. Needs the build. The pages themselves are
 * driven in Chromium by the widgets' browser tests.
 */
import { type ChildProcess, spawn } from "node:child_process"
import { fileURLToPath } from "node:url"
import { afterAll, describe, expect, it } from "vitest"
import { readEvents } from "./support.js"

const examples = fileURLToPath(new URL("../../../../examples/", import.meta.url))

interface Started {
  readonly child: ChildProcess
  readonly origin: string
  readonly key: string
  readonly output: () => string
}

const start = (name: string): Promise<Started> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["server.mjs"], {
      cwd: `${examples}${name}`,
      env: { ...process.env, PORT: "0" },
      stdio: ["ignore", "pipe", "pipe"],
    })
    let output = ""
    const timer = setTimeout(() => {
      child.kill("SIGKILL")
      reject(new Error(`the ${name} example printed no key within 20 s:\n${output}`))
    }, 20_000)
    const onData = (chunk: Buffer) => {
      output += chunk.toString("utf8")
      const origin = /on (http:\/\/\S+)/.exec(output)?.[1]
      const key = /public key:\s+(kp_[A-Za-z0-9_-]+)/.exec(output)?.[1]
      if (origin !== undefined && key !== undefined) {
        clearTimeout(timer)
        resolve({ child, origin, key, output: () => output })
      }
    }
    child.stdout.on("data", onData)
    child.stderr.on("data", onData)
    child.once("exit", (code) => {
      clearTimeout(timer)
      reject(new Error(`the ${name} example exited (${code}):\n${output}`))
    })
  })

const exited = (child: ChildProcess, ms: number): Promise<number | null | "timeout"> =>
  new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode)
    const timer = setTimeout(() => resolve("timeout"), ms)
    child.once("exit", (code) => {
      clearTimeout(timer)
      resolve(code)
    })
  })

export const runExampleSmoke = (name: string) => {
  describe(`examples/${name}`, () => {
    let app: Started | undefined
    afterAll(() => {
      if (app !== undefined && app.child.exitCode === null) app.child.kill("SIGKILL")
    })

    it("npm start – should serve the page and the API on PORT, post, list, vote and stream", async () => {
      app = await start(name)
      const { origin, key } = app
      const api = `${origin}/kommies`
      const page = await fetch(`${origin}/`)
      expect(page.status).toBe(200)
      const html = await page.text()
      expect(html).toContain(`content="${key}"`)
      expect(html).toContain('content="/kommies"')
      // the page's widget: its scripts are served beside it (bundled at start, or embed.js)
      const scripts = [...html.matchAll(/<script[^>]*\ssrc="(\/[^"]+)"/g)].map((m) => m[1])
      expect(scripts.length).toBeGreaterThan(0)
      for (const src of scripts) {
        const script = await fetch(`${origin}${src}`)
        expect(script.status, src).toBe(200)
        expect(script.headers.get("content-type"), src).toMatch(/javascript/)
      }
      const spec = (await (await fetch(`${api}/openapi.json`)).json()) as {
        servers: Array<{ url: string }>
      }
      expect(spec.servers[0]?.url).toBe("/kommies")

      const headers = { "x-kommies-key": key, "content-type": "application/json" }
      const guest = async (displayName: string) => {
        const signed = await fetch(`${api}/auth/guest`, {
          method: "POST",
          headers,
          body: JSON.stringify({ displayName }),
        })
        expect(signed.status).toBe(200)
        const { accessToken } = (await signed.json()) as { accessToken: string }
        return { ...headers, authorization: `Bearer ${accessToken}` }
      }
      const signedIn = await guest("Smoke")
      const thread = `${api}/threads/${encodeURIComponent("/demo")}`

      const events = await fetch(`${thread}/events?key=${key}`)
      expect(events.headers.get("content-type")).toMatch(/^text\/event-stream/)
      const reader = events.body!.getReader()
      const state = { buffer: "" }
      await readEvents(reader, 1, state) // retry: …

      const posted = await fetch(`${thread}/comments`, {
        method: "POST",
        headers: signedIn,
        body: JSON.stringify({ body: "Hello from the *smoke test*" }),
      })
      expect(posted.status).toBe(201)
      const comment = (await posted.json()) as { id: string }
      const [event] = await readEvents(reader, 1, state)
      expect(event).toContain("event: comment.created")
      expect(event).toContain(comment.id)
      await reader.cancel()

      const vote = await fetch(`${api}/comments/${comment.id}/vote`, {
        method: "POST",
        headers: await guest("Voter"),
        body: JSON.stringify({ direction: "up" }),
      })
      expect(((await vote.json()) as { score: number }).score).toBe(1)
      const listed = (await (
        await fetch(`${thread}/comments?key=${key}`, { headers: { "cache-control": "no-cache" } })
      ).json()) as { comments: Array<{ id: string; html: string; score: number }> }
      expect(listed.comments.map((c) => [c.id, c.html])).toEqual([
        [comment.id, "<p>Hello from the <em>smoke test</em></p>"],
      ])

      app.child.kill("SIGTERM")
      expect(await exited(app.child, 5_000), app.output()).toBe(0)
    })
  })
}
