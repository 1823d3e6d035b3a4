/**
 * The memory store runs the published conformance suite, like every store.
 */
import { Layer } from "effect"
import { MemoryEventBus, MemoryStore } from "../src/memory.js"
import { StoreConformance } from "../src/testing.js"

StoreConformance.run("memory", Layer.merge(MemoryStore.layer, MemoryEventBus.layer))
