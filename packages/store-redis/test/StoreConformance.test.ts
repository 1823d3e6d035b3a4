/**
 * The published conformance suite against a real Redis (`REDIS_URL`), with the
 * Redis EventBus in the layer so its cases run too. Keys go under a prefix of
 * this run, removed afterwards.
 */
import { afterAll } from "@effect/vitest"
import { StoreConformance } from "@kommies/core/testing"
import { Layer } from "effect"
import { Redis } from "ioredis"
import { RedisConnection, RedisEventBus, RedisStore } from "../src/index.js"
import { probe, redisUrl, removePrefix, reportMissing, runPrefix } from "./support/TestRedis.js"

const missing = await probe(redisUrl)

if (missing !== null) {
  reportMissing(redisUrl === "" ? "REDIS_URL (unset)" : redisUrl, missing)
} else {
  const prefix = runPrefix("conformance")
  afterAll(async () => {
    const client = new Redis(redisUrl)
    await removePrefix(client, prefix)
    await client.quit()
  })
  StoreConformance.run(
    "redis",
    Layer.mergeAll(RedisStore.layerFromConnection, RedisEventBus.layerFromConnection).pipe(
      Layer.provide(RedisConnection.layer({ url: redisUrl, prefix })),
    ),
    { concurrency: 4 },
  )
}
