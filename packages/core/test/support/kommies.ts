/** Shared setup for service tests: every service over the memory store. */
import { Effect, Layer } from "effect"
import type { SiteSettings } from "../../src/domain/Site.js"
import type { Role } from "../../src/domain/Role.js"
import * as Kommies from "../../src/Kommies.js"
import * as MemoryMailer from "../../src/memory/MemoryMailer.js"
import { CommenterStore } from "../../src/ports/CommenterStore.js"
import * as Actor from "../../src/services/Actor.js"
import * as Commenters from "../../src/services/Commenters.js"
import * as Sites from "../../src/services/Sites.js"

/** All services, a memory mailer the test can read, fast password hashing. */
export const TestKommies = (options: Kommies.Options = {}) =>
  Layer.provideMerge(
    Kommies.layer({
      tokens: { secret: "test-secret-test-secret-test-secret-0123" },
      passwords: { ln: 4 },
      mailer: MemoryMailer.layer,
      ...options,
    }),
    MemoryMailer.layer,
  )

/** A fresh site with settings suited to tests (no too-fast check). */
export const site = (settings: Partial<SiteSettings> = {}) =>
  Sites.create({ name: "Test site", settings: { minSubmitMillis: 0, ...settings } })

/** A guest commenter on the site, with the given role, as an actor. */
export const commenter = (
  siteId: Parameters<typeof Commenters.guest>[0],
  name: string,
  role: Role = "user",
) =>
  Effect.gen(function* () {
    const c = yield* Commenters.guest(siteId, { displayName: name })
    if (role !== "user")
      yield* (yield* CommenterStore).update(siteId, c.id, { role, updatedAt: c.createdAt })
    return Actor.commenter(siteId, c.id, role)
  })
