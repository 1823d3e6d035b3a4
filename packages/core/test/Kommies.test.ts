import { describe, expect, it } from "vitest"
import { Effect } from "effect"
import * as Kommies from "../src/Kommies.js"
import type * as Plan from "../src/domain/Plan.js"
import * as Comments from "../src/services/Comments.js"

const secret = "facade-secret-facade-secret-facade-secret"

describe("Kommies facade", () => {
  it("make – should run the README flow with plain promises", async () => {
    const kommies = Kommies.make({ tokens: { secret }, passwords: { ln: 4 } })
    try {
      const { site, secretKey } = await kommies.sites.create({
        name: "My blog",
        settings: { minSubmitMillis: 0 },
      })
      const owner = kommies.actors.secretKey(site.id)
      const alice = await kommies.commenters.guest(site.id, { displayName: "Alice" })
      const bob = await kommies.commenters.guest(site.id, { displayName: "Bob" })
      const asAlice = await kommies.actors.commenter(site.id, alice.id)
      const asBob = await kommies.actors.commenter(site.id, bob.id)
      const comment = await kommies.comments.create(asAlice, {
        threadKey: "/post/1",
        body: "Hello *world*",
      })
      await kommies.comments.create(asBob, {
        threadKey: "/post/1",
        body: "Hi!",
        parentId: comment.id,
      })
      const vote = await kommies.votes.vote(asBob, comment.id, "up")
      expect(vote.score).toBe(1)
      const page = await kommies.comments.list(kommies.actors.anonymous(site.id), "/post/1", {
        sort: "top",
      })
      expect(page.comments.map((c) => c.html)).toEqual(["<p>Hello <em>world</em></p>"])
      expect(page.replies.length).toBe(1)
      await kommies.moderation.reject(owner, comment.id)
      expect((await kommies.moderation.queue(owner, { kind: "rejected" })).length).toBe(1)
      expect((await kommies.sites.bySecretKey(secretKey)).id).toBe(site.id)
      await expect(
        kommies.comments.create(kommies.actors.anonymous(site.id), { threadKey: "/p", body: "x" }),
      ).rejects.toMatchObject({
        _tag: "Unauthorized",
        code: "sign_in_required",
      })
      // Effect users reach the same services through the runtime.
      const viaEffect = await kommies.run(Comments.get(owner, comment.id))
      expect(viaEffect.status).toBe("rejected")
    } finally {
      await kommies.dispose()
    }
  })

  it("make – should enforce plan limits in saas mode and none when self-hosted", async () => {
    const tiny: Plan.Plan = {
      id: "tiny",
      name: "Tiny",
      limits: { comments: 2, threadLoads: null, activeCommenters: null, apiCalls: null },
      grace: 0,
      priceId: null,
      monthlyPriceCents: 0,
    }
    for (const mode of ["saas", "selfHosted"] as const) {
      const kommies = Kommies.make({ mode, plans: [tiny], tokens: { secret } })
      try {
        const { site } = await kommies.sites.create({
          name: "Busy",
          settings: { minSubmitMillis: 0 },
        })
        const alice = await kommies.actors.commenter(
          site.id,
          (await kommies.commenters.guest(site.id, { displayName: "A" })).id,
        )
        await kommies.comments.create(alice, { threadKey: "p", body: "1" })
        await kommies.comments.create(alice, { threadKey: "p", body: "2" })
        const third = kommies.comments.create(alice, { threadKey: "p", body: "3" })
        if (mode === "saas")
          await expect(third).rejects.toMatchObject({
            _tag: "QuotaExceeded",
            metric: "comments",
            limit: 2,
          })
        else await expect(third).resolves.toMatchObject({ status: "approved" })
      } finally {
        await kommies.dispose()
      }
    }
  })

  it("layer – should give Effect users every service", async () => {
    const program = Effect.gen(function* () {
      const { Sites } = yield* Effect.promise(() => import("../src/index.js"))
      return (yield* Sites.create({ name: "Effect site" })).site.name
    })
    const name = await Effect.runPromise(
      Effect.provide(program, Kommies.layer({ tokens: { secret } })),
    )
    expect(name).toBe("Effect site")
  })
})
