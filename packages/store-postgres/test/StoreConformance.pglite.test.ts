/**
 * The core store conformance suite against embedded PGlite (in memory), with
 * the EventBus on PGlite's in-process notifications: every capability on.
 */
import { StoreConformance } from "@kommies/core/testing"
import { Layer } from "effect"
import { PgEventBus, PgStore } from "../src/index.js"

StoreConformance.run("pglite", Layer.provideMerge(PgEventBus.layer, PgStore.embedded()))
