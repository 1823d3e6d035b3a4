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
import { databaseUrl as url, freshSchema, isMissing, reportMissing } from "./support/services.js"

const schema = await freshSchema("billing")

if (!hasCorpus) console.warn(`skipped: Stripe event corpus not found at ${corpusDir}`)

if (isMissing(schema)) {
  reportMissing(schema)
} else {
  describe.skipIf(!hasCorpus)("billing webhook – Stripe samples on PostgreSQL", () => {
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
