import { stat } from "node:fs/promises"
import { join } from "node:path"
import { PgMigrations } from "@kommies/store-postgres"
import { describe, expect, it } from "vitest"
import { startServer } from "../src/server/start.js"
import { demoKey, postComment, tempDir, testConfig, threadBodies } from "./support/servers.js"

describe("startServer (embedded PGlite in a data folder)", () => {
  it("restart – should keep comments, the site and the secret", async () => {
    const dataDir = await tempDir("embedded")
    const env = { KOMMIES_DATA_DIR: dataDir, KOMMIES_SITE_NAME: "Blog" }
    const first = await startServer(testConfig(env))
    let key: string
    try {
      key = await demoKey(first)
      await postComment(first.url, key, "/kept", "Still here?", first.app.publicUrl)
      const ready = await fetch(`${first.url}/ready`)
      expect(await ready.json()).toMatchObject({
        status: "ready",
        checks: { migrations: PgMigrations.latest },
      })
    } finally {
      await first.close()
    }
    const secret = await stat(join(dataDir, "secret"))
    expect(secret.mode & 0o777).toBe(0o600)

    const second = await startServer(testConfig(env))
    try {
      expect(await demoKey(second)).toBe(key)
      expect(await threadBodies(second.url, key, "/kept")).toEqual(["<p>Still here?</p>"])
      const site = await second.app.kommies.sites.get(second.app.standaloneSiteId as never)
      expect(site.name).toBe("Blog")
      expect(site.allowedOrigins).toContain(second.app.publicUrl)
    } finally {
      await second.close()
    }
  })

  it("restart – should find the site by its fixed id instead of creating another", async () => {
    const dataDir = await tempDir("twice")
    const a = await startServer(testConfig({ KOMMIES_DATA_DIR: dataDir }))
    const keyA = await demoKey(a)
    await a.close()
    const b = await startServer(testConfig({ KOMMIES_DATA_DIR: dataDir }))
    expect(await demoKey(b)).toBe(keyA)
    await b.close()
  })
})
