/**
 * The published conformance suite against a 3-master Redis Cluster that this
 * file starts on loopback ports and removes afterwards: every multi-key script
 * must stay in one hash slot for it to pass. Where no cluster can start, the
 * file says so (and fails with `KOMMIES_REQUIRE_SERVICES=1`).
 */
import { afterAll, it } from "@effect/vitest"
import { StoreConformance } from "@kommies/core/testing"
import { Layer } from "effect"
import { RedisConnection, RedisEventBus, RedisStore } from "../src/index.js"
import * as TestCluster from "./support/TestCluster.js"
import { servicesRequired } from "./support/TestRedis.js"

const cluster = await TestCluster.start()

if (!cluster.ok) {
  if (servicesRequired) {
    it("a local Redis Cluster is required (KOMMIES_REQUIRE_SERVICES=1)", () => {
      throw new Error(`could not start a local Redis Cluster: ${cluster.reason}`)
    })
  } else {
    it.skip(`skipped: no local Redis Cluster (${cluster.reason})`, () => {})
  }
} else {
  afterAll(() => cluster.stop())
  StoreConformance.run(
    "redis cluster",
    Layer.mergeAll(RedisStore.layerFromConnection, RedisEventBus.layerFromConnection).pipe(
      Layer.provide(RedisConnection.layer({ cluster: cluster.nodes, prefix: "kommies-test:" })),
    ),
    { concurrency: 4 },
  )
}
