/**
 * The core store conformance suite against a real PostgreSQL server, with the
 * LISTEN/NOTIFY EventBus: every capability on, cases four at a time.
 */
import { StoreConformance } from "@kommies/core/testing"
import { Layer } from "effect"
import { PgEventBus, PgStore } from "../src/index.js"
import * as TestDatabase from "./support/TestDatabase.js"

const database = await TestDatabase.fresh("conformance")

if (database.ok) {
  StoreConformance.run(
    "postgres",
    Layer.provideMerge(PgEventBus.layer, PgStore.layer({ url: database.url, poolSize: 8 })),
    { concurrency: 4 },
  )
} else {
  TestDatabase.reportMissing(database)
}
