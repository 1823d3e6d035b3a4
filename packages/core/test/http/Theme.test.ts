/**
 * The site's theme setting: `auto` by default (also for settings stored
 * before it existed), changed with `PATCH /site/settings`, and carried on the
 * pages of a thread for the widget.
 */
import { afterEach, describe, expect, it } from "vitest"
import { defaultSettings, storedSettings } from "../../src/domain/Site.js"
import { type Harness, harness } from "./support.js"

let h: Harness
afterEach(async () => {
  await h?.close()
})

describe("Site theme", () => {
  it("storedSettings – should give settings stored without a theme the default", () => {
    const { theme: _theme, ...before } = defaultSettings
    expect(storedSettings(before)).toEqual({ ...before, theme: "auto" })
    expect(storedSettings({ ...before, theme: "dark" }).theme).toBe("dark")
    // Settings that no longer decode keep what they hold over the defaults.
    expect(storedSettings({ ...before, maxDepth: 99 })).toMatchObject({
      maxDepth: 99,
      theme: "auto",
    })
  })

  it("settings – should start at auto and change with PATCH /site/settings", async () => {
    h = await harness()
    const site = await h.call("GET", "/site", { token: h.secretKey })
    expect(site.body.settings.theme).toBe("auto")
    const dark = await h.call("PATCH", "/site/settings", {
      token: h.secretKey,
      body: { theme: "dark" },
    })
    expect(dark.status).toBe(200)
    expect(dark.body.settings.theme).toBe("dark")
    expect((await h.call("GET", "/site", { token: h.secretKey })).body.settings.theme).toBe("dark")
    const bad = await h.call("PATCH", "/site/settings", {
      token: h.secretKey,
      body: { theme: "purple" },
    })
    expect(bad.status).toBe(400)
    expect(bad.body.code).toBe("bad_request")
    expect((await h.call("GET", "/site", { token: h.secretKey })).body.settings.theme).toBe("dark")
  })

  it("settings – should refuse a theme change from a moderator", async () => {
    h = await harness()
    const mod = await h.member("Mo", "moderator")
    const reply = await h.call("PATCH", "/site/settings", {
      token: mod.token,
      body: { theme: "light" },
    })
    expect(reply.status).toBe(403)
  })

  it("listThread – should carry the site's theme to readers and signed-in commenters", async () => {
    h = await harness({ settings: { theme: "light" } })
    const ann = await h.member("Ann")
    await h.post(ann.token, "t", "hello")
    await h.post(ann.token, "t", "again")
    const anonymous = await h.call("GET", "/threads/t/comments")
    expect(anonymous.status).toBe(200)
    expect(anonymous.body.theme).toBe("light")
    // The second read comes from the page cache, theme and all.
    expect((await h.call("GET", "/threads/t/comments")).body.theme).toBe("light")
    expect((await h.call("GET", "/threads/t/comments", { token: ann.token })).body.theme).toBe(
      "light",
    )
    const next = await h.call("GET", "/threads/t/comments?limit=1")
    const cursor = next.body.nextCursor
    expect(cursor).toEqual(expect.any(String))
    const later = await h.call("GET", `/threads/t/comments?cursor=${encodeURIComponent(cursor)}`)
    expect(later.body.theme).toBe("light")
    expect((await h.call("GET", "/threads/new-page/comments")).body.theme).toBe("light")
  })
})
