/**
 * The corpus scenario on a real PostgreSQL server, in a fresh schema dropped
 * afterwards. Without a reachable server the suite is reported skipped, unless
 * `KOMMIES_REQUIRE_SERVICES=1`: then it fails.
 */
import { MemoryEventBus } from "@kommies/core/memory"
import { PgStore } from "@kommies/store-postgres"
import { Layer } from "effect"
import Pg from "pg"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  corpusDir,
  harness,
  hasCorpus,
  providerConfig,
  startFakeStripe,
} from "./billing-fixtures.js"
import { corpusScenario, lineItems } from "./billing-scenario.js"

const url = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test"
const where = (() => {
  try {
    const u = new URL(url)
    u.password = ""
    return u.toString()
  } catch {
    return "an unparsable DATABASE_URL"
  }
})()
const schema = `kommies_billing_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`

const reachable = async (): Promise<string | null> => {
  const client = new Pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 })
  try {
    await client.connect()
    await client.query("select 1")
    return null
  } catch (error) {
    return String(error)
  } finally {
    await client.end().catch(() => {})
  }
}

const unreachable = await reachable()
const required = process.env.KOMMIES_REQUIRE_SERVICES === "1"

if (!hasCorpus) console.warn(`skipped: Stripe event corpus not found at ${corpusDir}`)

if (unreachable !== null) {
  if (required) {
    it(`PostgreSQL at ${where} is required (KOMMIES_REQUIRE_SERVICES=1)`, () => {
      throw new Error(`no PostgreSQL at ${where}: ${unreachable}`)
    })
  } else {
    it.skip(`skipped: no PostgreSQL at ${where} (${unreachable})`, () => {})
  }
} else {
  describe.skipIf(!hasCorpus)("billing webhook – Stripe samples on PostgreSQL", () => {
    afterAll(async () => {
      const client = new Pg.Client({ connectionString: url })
      await client.connect()
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
      await client.end()
    })

    let fake: Awaited<ReturnType<typeof startFakeStripe>>
    beforeAll(async () => {
      fake = await startFakeStripe(lineItems)
    })
    afterAll(() => fake.close())

    it("webhook – should move the subscription through Stripe's samples once each", async () => {
      const stores = Layer.merge(PgStore.layer({ url, schema, poolSize: 4 }), MemoryEventBus.layer)
      const h = await harness({ config: providerConfig(fake), stores })
      try {
        await corpusScenario(h, fake)
        // The state is in PostgreSQL, not in this process: a second instance reads it.
        const again = await harness({ config: providerConfig(fake), stores })
        try {
          const overview = await again.kommies.billing.overview(
            again.kommies.actors.secretKey(h.siteId),
          )
          expect(overview.subscription).toMatchObject({ value: { status: "canceled" } })
          expect(overview.invoices).toMatchObject([{ status: "paid" }])
        } finally {
          await again.close()
        }
        const client = new Pg.Client({ connectionString: url })
        await client.connect()
        try {
          const rows = await client.query(
            `select (select count(*) from "${schema}".subscriptions)::int as subscriptions,
                    (select count(*) from "${schema}".payment_events)::int as events`,
          )
          // one subscription; the seven events it saw, once each (no row for the replay or the ignored kind)
          expect(rows.rows[0]).toEqual({ subscriptions: 1, events: 7 })
        } finally {
          await client.end()
        }
      } finally {
        await h.close()
      }
    })
  })
}
