import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import fc from "fast-check"
import type { Comment } from "../src/domain/Comment.js"
import { defaultSettings } from "../src/domain/Site.js"
import * as Cursor from "../src/services/Cursor.js"
import * as Spam from "../src/services/Spam.js"
import * as Threads from "../src/services/Threads.js"
import * as Visibility from "../src/services/Visibility.js"

const comment = (over: Partial<Comment>) =>
  ({
    id: "0190a000-0000-7000-8000-000000000001",
    score: 3,
    hot: 1.5,
    best: 0.25,
    ...over,
  }) as Comment

describe("Cursor", () => {
  it.effect("decode – should round-trip every sort", () =>
    Effect.gen(function* () {
      for (const sort of ["new", "old", "top", "hot", "best"] as const) {
        const c = comment({})
        const position = yield* Cursor.decode(Cursor.after(c, sort), sort)
        expect(position.id).toBe(c.id)
        expect(position.key).toBe(Cursor.keyOf(c, sort))
      }
    }),
  )

  it.effect("decode – should refuse garbage and cursors of another sort", () =>
    Effect.gen(function* () {
      const good = Cursor.after(comment({}), "top")
      for (const bad of [
        "",
        "!!!",
        "x".repeat(600),
        btoa("{}"),
        btoa('{"v":1,"s":"top","k":"x","i":"a"}'),
        "%%",
        "\u0000",
      ]) {
        const error = yield* Effect.flip(Cursor.decode(bad, "top"))
        expect(error.code).toBe("cursor_invalid")
      }
      expect((yield* Effect.flip(Cursor.decode(good, "new"))).code).toBe("cursor_invalid")
    }),
  )

  it("decode – should never throw on any string", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const exit = Effect.runSyncExit(Cursor.decode(text, "best"))
        expect(exit._tag === "Success" || exit._tag === "Failure").toBe(true)
      }),
    )
  })
})

describe("Spam.assess", () => {
  const settings = {
    ...defaultSettings,
    wordFilter: ["casino", "viagra"],
    linkLimit: 2,
    minSubmitMillis: 3000,
  }
  const signals = { body: "hello", linkCount: 0, honeypot: null, elapsedMs: 10_000 }

  it("assess – should publish a plain comment", () => {
    expect(Spam.assess(signals, settings)).toEqual({ verdict: "publish", reasons: [] })
  })
  it("assess – should call a filled honeypot spam", () => {
    expect(Spam.assess({ ...signals, honeypot: "x" }, settings).verdict).toBe("spam")
  })
  it("assess – should call a too-fast submit spam", () => {
    expect(Spam.assess({ ...signals, elapsedMs: 500 }, settings).reasons).toContain("too_fast")
  })
  it("assess – should queue filtered words as whole words only", () => {
    expect(Spam.assess({ ...signals, body: "Best CASINO here" }, settings).verdict).toBe("queue")
    expect(
      Spam.assess({ ...signals, body: "casinos are fine, occasional" }, settings).verdict,
    ).toBe("publish")
  })
  it("assess – should queue too many links", () => {
    expect(Spam.assess({ ...signals, linkCount: 3 }, settings)).toEqual({
      verdict: "queue",
      reasons: ["link_limit"],
    })
  })
})

describe("Threads.normalizeKey", () => {
  it.effect("normalizeKey – should normalize URLs and keep page ids", () =>
    Effect.gen(function* () {
      expect(
        yield* Threads.normalizeKey("https://Blog.Example/post/1/?utm_source=x&b=2&a=1#c"),
      ).toBe("https://blog.example/post/1?a=1&b=2")
      expect(yield* Threads.normalizeKey("https://blog.example/")).toBe("https://blog.example")
      expect(yield* Threads.normalizeKey("  post-42 ")).toBe("post-42")
    }),
  )
  it.effect("normalizeKey – should refuse empty, huge and control characters", () =>
    Effect.gen(function* () {
      for (const bad of ["", "   ", "x".repeat(513), "a\u0000b", "line\nbreak"])
        expect((yield* Effect.flip(Threads.normalizeKey(bad))).code).toBe("thread_key_invalid")
    }),
  )
})

describe("Visibility", () => {
  it("isVisible – should show approved unshadowed comments and tombstones only", () => {
    expect(Visibility.isVisible({ status: "approved", shadowed: false, tombstone: false })).toBe(
      true,
    )
    expect(Visibility.isVisible({ status: "approved", shadowed: true, tombstone: false })).toBe(
      false,
    )
    expect(Visibility.isVisible({ status: "pending", shadowed: false, tombstone: false })).toBe(
      false,
    )
    expect(Visibility.isVisible({ status: "deleted", shadowed: false, tombstone: true })).toBe(true)
    expect(Visibility.isVisible({ status: "deleted", shadowed: false, tombstone: false })).toBe(
      false,
    )
    expect(Visibility.isVisible({ status: "spam", shadowed: false, tombstone: true })).toBe(false)
  })

  it("deltas – should keep counters consistent over any chain of states", () => {
    const state = fc.record({
      status: fc.constantFrom("pending", "approved", "rejected", "spam", "deleted" as const),
      visible: fc.boolean(),
    })
    fc.assert(
      fc.property(fc.array(state, { minLength: 1, maxLength: 20 }), (chain) => {
        let thread = 0
        let parent = 0
        let before: (typeof chain)[number] | null = null
        for (const after of chain) {
          const d = Visibility.deltas(before, after)
          thread += d.threadComments
          parent += d.parentReplies
          before = after
        }
        const last = chain[chain.length - 1]!
        expect(thread).toBe(Visibility.counts(last) ? 1 : 0)
        expect(parent).toBe(last.visible ? 1 : 0)
      }),
    )
  })
})
