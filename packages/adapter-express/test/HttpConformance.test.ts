/**
 * The published HTTP conformance suite through Express 5: the real API mounted
 * with `app.use(prefix, kommies(instance))`, with and without `express.json()`
 * in front.
 */
import type { AddressInfo } from "node:net"
import { HttpConformance } from "@kommies/core/testing"
import express from "express"
import { kommies } from "../src/index.js"

HttpConformance.run("express", async ({ instance, prefix, mountJsonParser }) => {
  const app = express()
  if (mountJsonParser) app.use(express.json())
  app.use(prefix, kommies(instance))
  const server = app.listen(0, "127.0.0.1")
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve)
    server.once("error", reject)
  })
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
})
