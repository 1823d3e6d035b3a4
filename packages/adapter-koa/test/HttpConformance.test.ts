/**
 * The published HTTP conformance suite through Koa 3: the real API as
 * `app.use(kommies(instance, { prefix }))`, with and without koa-bodyparser in
 * front.
 */
import type { AddressInfo } from "node:net"
import { HttpConformance } from "@kommies/core/testing"
import Koa from "koa"
import bodyParser from "koa-bodyparser"
import { kommies } from "../src/index.js"

HttpConformance.run("koa", async ({ instance, prefix, mountJsonParser }) => {
  const app = new Koa()
  if (mountJsonParser) app.use(bodyParser())
  app.use(kommies(instance, { prefix }))
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
